import { Logger } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';

const logger = new Logger('Redis');

/**
 * One place that opens Redis connections. Errors are logged, never thrown into the event loop:
 * Redis being away must degrade readiness, not crash the process.
 */
export function createRedis(url: string, purpose: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { connectionName: `mcp-platform:${purpose}`, ...options });
  let lastError = '';
  client.on('error', (err: Error) => {
    if (err.message !== lastError) logger.warn(`${purpose}: ${err.message}`);
    lastError = err.message;
  });
  client.on('ready', () => {
    lastError = '';
  });
  return client;
}
