import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import { waitFor } from './private-redis';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** initdb refuses to run as root; as root the cluster belongs to the `postgres` system user. */
const asRoot = process.getuid?.() === 0;
const run = (program: string, args: string[]) =>
  execFileSync(asRoot ? 'runuser' : join(BIN, program), asRoot ? ['-u', 'postgres', '--', join(BIN, program), ...args] : args, {
    stdio: 'pipe',
  });

/**
 * A PostgreSQL cluster of this test's own (initdb into a temporary directory, pg_ctl on a free
 * port, trust auth for `postgres`), so a test may stop and start it without touching the shared one.
 */
export class PrivatePostgres {
  private dir = '';
  port = 0;

  /** URL of the maintenance database, for Platform's `postgresAdminUrl`. */
  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<this> {
    if (!this.dir) {
      this.dir = mkdtempSync(join(tmpdir(), 'mcp-pg-'));
      if (asRoot) execFileSync('chown', ['postgres:postgres', this.dir]);
      run('initdb', ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
      this.port = await freePort();
    }
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${this.dir} -c fsync=off`;
    run('pg_ctl', ['-D', join(this.dir, 'data'), '-o', options, '-l', join(this.dir, 'log'), '-w', 'start']);
    await waitFor(async () => {
      const client = new Client({ connectionString: this.adminUrl });
      try {
        await client.connect();
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    });
    return this;
  }

  /** Fast shutdown: open connections are terminated, as in a database restart. */
  stop(): void {
    run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  destroy(): void {
    if (!this.dir) return;
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
