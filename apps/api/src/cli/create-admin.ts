import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { loadConfig } from '@app/core/config/app-config';
import { runMigrations } from '@app/core/database/run-migrations';
import { PasswordHasher } from '@app/auth/passwords/password-hasher';

const UNIQUE_VIOLATION = '23505';

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  return input.split('\n')[0];
}

/**
 * `npm run admin:create -- --username admin --email admin@example.com`: creates the first admin
 * (self-registration cannot). The password comes from ADMIN_PASSWORD or the first line of stdin,
 * never from the command line, where it would land in shell history and process listings.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, email: { type: 'string' } } });
  if (!values.username || !values.email) throw new Error('usage: admin:create -- --username <name> --email <address>');
  const password = await readPassword();
  if (password.length < 8 || password.length > 128) throw new Error('the password must be 8 to 128 characters');
  const { databaseUrl } = loadConfig();
  await runMigrations(databaseUrl);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const hash = await new PasswordHasher().hash(password);
    const { rows } = await client.query(
      `INSERT INTO users (username, email, password_hash, role) VALUES ($1, $2, $3, 'admin') RETURNING id`,
      [values.username, values.email, hash],
    );
    process.stdout.write(`admin "${values.username}" created (${rows[0].id})\n`);
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new Error('that username or email is already registered', { cause: err });
    throw err;
  } finally {
    await client.end();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`admin:create failed: ${err.message}\n`);
  process.exit(1);
});
