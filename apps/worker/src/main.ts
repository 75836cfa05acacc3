import 'reflect-metadata';
import { startProcess } from '@app/core';

void startProcess('worker', async () => (await import('./worker.module.js')).WorkerModule, (config) => config.workerPort);
