import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import { ROOT } from './service-process';

/** A PGlite + pgvector server in a child process, migrated with the platform's own migrations. */
export async function startPglite(): Promise<{ client: Client; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'test/support/pglite-server.cjs'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout?.once('data', resolve));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const { runMigrations } = require(join(ROOT, 'dist/apps/api/libs/core/src/database/run-migrations.js'));
  await runMigrations(url);
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    client,
    stop: async () => {
      await client.end();
      child.kill('SIGTERM');
    },
  };
}
