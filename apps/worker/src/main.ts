import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configureHttp, exitGracefully, prepareProcess } from '@app/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = await prepareProcess();
  const app = await NestFactory.create(WorkerModule, { bufferLogs: true, bodyParser: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureHttp(app, config);
  exitGracefully(app, config.shutdownGraceMs, logger);
  await app.listen(config.workerPort);
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`worker failed to start: ${err.message}\n`);
  process.exit(1);
});
