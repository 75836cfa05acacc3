import 'reflect-metadata';
import { setupDocs, startProcess } from '@app/core';

void startProcess(
  'api',
  async () => (await import('./api.module.js')).ApiModule,
  (config) => config.port,
  (app) => setupDocs(app, process.env.npm_package_version ?? '0.1.0'),
);
