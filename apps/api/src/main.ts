import 'reflect-metadata';
import { setupDocs, startProcess } from '@app/core';
import { ApiModule } from './api.module';

void startProcess('api', ApiModule, (config) => config.port, (app) => setupDocs(app, process.env.npm_package_version ?? '0.1.0'));
