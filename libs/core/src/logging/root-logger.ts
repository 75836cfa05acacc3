import pino, { type Logger } from 'pino';

/** Paths pino replaces with "[Redacted]": credentials must never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-hub-signature-256"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.api_key',
  '*.key',
  '*.secret',
];

export type LogFormat = 'auto' | 'json' | 'pretty';

/**
 * The process's one pino logger: JSON lines for machines, or pino-pretty when a person is watching
 * (a terminal, or LOG_FORMAT=pretty). Pretty-printing runs in pino's worker thread, off the hot path.
 */
export function createRootLogger(options: { level: string; format: LogFormat; service: string }): Logger {
  const pretty = options.format === 'pretty' || (options.format === 'auto' && process.stdout.isTTY === true);
  return pino({
    level: options.level,
    base: { service: options.service },
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } } : {}),
  });
}
