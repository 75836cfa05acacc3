import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configureHttp, exitGracefully, prepareProcess, setupDocs } from '@app/core';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';

async function bootstrap(): Promise<void> {
  const config = await prepareProcess();
  const app = await NestFactory.create(ApiModule, { bufferLogs: true, bodyParser: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  configureHttp(app, config);
  setupDocs(app, process.env.npm_package_version ?? '0.1.0');
  exitGracefully(app, config.shutdownGraceMs, logger);
  await app.listen(config.port);
}

bootstrap().catch((err: Error) => {
  process.stderr.write(`api failed to start: ${err.message}\n`);
  process.exit(1);
});
