import type { Server } from 'node:http';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { configureHttp } from '../http/configure-http';
import { NestPinoLogger } from '../logging/nest-pino-logger';
import { createRootLogger } from '../logging/root-logger';
import { exitGracefully } from './graceful-shutdown';
import { prepareProcess } from './prepare-process';

/**
 * The shared start of both entrypoints: validated config, migrations, the Nest app with pino logs,
 * HTTP plumbing and graceful shutdown, listening on the port `portOf` picks. The root module is
 * loaded only after the config is valid, so nothing in the module graph runs on a bad environment.
 */
export async function startProcess(
  name: string,
  loadModule: () => Promise<Type<unknown>>,
  portOf: (config: AppConfig) => number,
  beforeListen: (app: INestApplication) => void = () => undefined,
): Promise<void> {
  try {
    const config = await prepareProcess();
    const root = createRootLogger({ level: config.logLevel, format: config.logFormat, service: name });
    const logger = new NestPinoLogger(root);
    const app = await NestFactory.create(await loadModule(), { bufferLogs: true, bodyParser: false });
    app.useLogger(logger);
    configureHttp(app, config, root);
    beforeListen(app);
    exitGracefully(app, config.shutdownGraceMs, logger);
    const port = portOf(config);
    await app.listen(port);
    outliveClientKeepAlive(app.getHttpServer() as Server);
    logger.log(`${name} ready: listening on http://localhost:${port} (health at /health, metrics at /metrics)`, 'Start');
  } catch (err) {
    process.stderr.write(`${name} failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

/**
 * Node closes idle keep-alive sockets after 5 s, shorter than clients and load balancers keep them
 * (60 s is common), so a client could send on a socket the server is just closing and see "other
 * side closed". The server keeps them longer than its peers; shutdown still closes idle ones at once.
 */
function outliveClientKeepAlive(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
