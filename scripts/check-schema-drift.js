#!/usr/bin/env node
/**
 * The schema-drift check (`npm run schema:check`, and test/schema-drift.e2e-spec.ts in CI): applies
 * the migrations to DATABASE_URL the way the processes do, then asks TypeORM's schema builder what
 * it would change to match the entities — exactly what `migration:generate` would write. Prints
 * each pending query and exits 1 if there is any; exits 0 when entities and migrations agree.
 * Needs the build (`npm run build`).
 */
const { join } = require('node:path');
const { DataSource } = require('typeorm');

const database = join(__dirname, '..', 'dist/apps/api/libs/core/src/database');
const { runMigrations } = require(join(database, 'run-migrations.js'));
const { dataSourceOptions } = require(join(database, 'data-source-options.js'));
const { loadConfig } = require(join(database, '..', 'config/app-config.js'));

async function main() {
  const { databaseUrl } = loadConfig();
  await runMigrations(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 2));
  await dataSource.initialize();
  try {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
    for (const { query } of upQueries) process.stdout.write(`${query};\n`);
    if (upQueries.length > 0) {
      process.stderr.write(`schema drift: the entities and the migrations differ by ${upQueries.length} statement(s)\n`);
      process.exitCode = 1;
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`schema check failed: ${err.message}\n`);
  process.exit(2);
});
