import { Client } from 'pg';

/** What PostgreSQL answers when another replica created the database between our check and our CREATE. */
const ALREADY_CREATED = new Set(['42P04', '23505']);

/** Creates the database named in the URL when it is missing, so a fresh machine starts with one command. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) return;
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const quoted = `"${name.replace(/"/g, '""')}"`;
      await client.query(`CREATE DATABASE ${quoted}`).catch((err: { code?: string }) => {
        if (!ALREADY_CREATED.has(err.code ?? '')) throw err;
      });
    }
  } finally {
    await client.end();
  }
}
