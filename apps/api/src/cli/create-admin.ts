import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { appConfig, prepareProcess } from '@app/core';
import { UsersService } from '@app/auth';
import { readHiddenLine } from './read-secret';

/** ADMIN_PASSWORD, else a hidden prompt (typed twice) on a terminal, else the first line of stdin. */
async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (process.stdin.isTTY) {
    const password = await readHiddenLine('Password for the new admin: ');
    if ((await readHiddenLine('Repeat the password: ')) !== password) throw new Error('the two passwords differ');
    return password;
  }
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  return input.split('\n')[0];
}

/** Where the account goes, without credentials: `mcp_platform on 127.0.0.1:5432`. */
function describeDatabase(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${decodeURIComponent(url.pathname.slice(1))} on ${url.hostname}:${url.port || '5432'}`;
}

/**
 * `npm run admin:create -- --username admin --email admin@example.com`: creates the first admin
 * (self-registration cannot) through UsersService, like every other account. The password comes
 * from ADMIN_PASSWORD, a hidden prompt on a terminal or the first line of stdin, never from the
 * command line, where it would land in shell history and process listings.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { username: { type: 'string' }, email: { type: 'string' } } });
  if (!values.username || !values.email) throw new Error('usage: admin:create -- --username <name> --email <address>');
  process.stderr.write(`writing to database ${describeDatabase(appConfig().databaseUrl)}\n`);
  const password = await readPassword();
  if (password.length < 8 || password.length > 128) throw new Error('the password must be 8 to 128 characters');
  await prepareProcess();
  const { AdminCliModule } = await import('./admin-cli.module.js');
  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: false });
  try {
    const user = await app.get(UsersService).create({ username: values.username, email: values.email, password, role: 'admin' });
    process.stdout.write(`admin "${user.username}" created (${user.id})\n`);
  } finally {
    await app.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`admin:create failed: ${err.message}\n`);
  process.exit(1);
});
