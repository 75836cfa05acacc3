import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

/** Any constant works; it only has to be the same for every replica of this platform. */
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so replicas that start
 * together run them once, one after another. Returns the names of the migrations it applied.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const lock = new Client({ connectionString: databaseUrl });
  await lock.connect();
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, 2), entities: [] });
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}
