import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Compiled entities of every lib; a glob keeps core from importing the libs above it. */
export const ENTITY_GLOB = join(__dirname, '..', '..', '..', '*', 'src', '**', '*.entity.js');
export const MIGRATION_GLOB = join(__dirname, 'migrations', '*.js');

export function dataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: [ENTITY_GLOB],
    migrations: [MIGRATION_GLOB],
    migrationsTableName: 'migrations',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: { max: poolSize, application_name: 'mcp-platform' },
  };
}
