import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';

/** How each generated secret is made and applied to the config. */
const GENERATORS = {
  JWT_SECRET: { make: () => randomBytes(48).toString('base64url'), apply: (c: AppConfig, v: string) => void (c.jwtSecret = v) },
  ENCRYPTION_KEY: { make: () => randomBytes(32).toString('base64'), apply: (c: AppConfig, v: string) => void (c.encryptionKey = Buffer.from(v, 'base64')) },
};
export type GeneratedSecretName = keyof typeof GENERATORS;

/**
 * Outside production, secrets the environment leaves unset are random values kept in the
 * `dev_secrets` table: nothing public (such as DATABASE_URL) can reproduce them, and replicas on
 * the same database agree. INSERT … ON CONFLICT DO NOTHING then SELECT makes concurrent first
 * starts converge on one value. Runs after migrations (which create the table).
 */
export async function applyDevSecrets(config: AppConfig): Promise<void> {
  if (config.generatedSecrets.length === 0) return;
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    for (const name of config.generatedSecrets) {
      await client.query('INSERT INTO dev_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, GENERATORS[name].make()]);
      const { rows } = await client.query<{ value: string }>('SELECT value FROM dev_secrets WHERE name = $1', [name]);
      GENERATORS[name].apply(config, rows[0].value);
    }
  } finally {
    await client.end();
  }
}
