import 'reflect-metadata';
import { startProcess } from '@app/core';
import { WorkerModule } from './worker.module';

void startProcess('worker', WorkerModule, (config) => config.workerPort);
