import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** Used only by the TypeORM CLI (`npm run migration:*`), against the compiled tree. */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
