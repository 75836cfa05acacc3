import { AppConfig, ConfigError } from '../config/app-config';
import { appConfig } from '../config/config.module';
import { applyDevSecrets } from '../database/dev-secrets';
import { runMigrations } from '../database/run-migrations';

/**
 * First step of both entrypoints: a bad variable stops the process with one line naming it, then
 * pending migrations are applied (under an advisory lock, so replicas may start together), then
 * development secrets the environment left unset are read from (or generated into) the database.
 */
export async function prepareProcess(): Promise<AppConfig> {
  let config: AppConfig;
  try {
    config = appConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const applied = await runMigrations(config.databaseUrl);
  if (applied.length > 0) process.stdout.write(`${JSON.stringify({ level: 30, msg: 'migrations applied', migrations: applied })}\n`);
  await applyDevSecrets(config);
  return config;
}
