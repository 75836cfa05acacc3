import type { INestApplication, LoggerService } from '@nestjs/common';

/**
 * SIGTERM/SIGINT close the app (queues stop taking jobs and wait for active ones, servers and
 * connections close) and exit 0. Nest's own shutdown hooks re-raise the signal, which would make
 * a clean stop look like a crash to supervisors, so this replaces them. Past the grace period the
 * process exits 1 and unfinished jobs are retried elsewhere when their locks expire.
 */
export function exitGracefully(app: INestApplication, graceMs: number, logger: LoggerService): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing active work (grace ${graceMs} ms)`, 'Shutdown');
    const timer = setTimeout(() => {
      logger.error(`Grace period of ${graceMs} ms elapsed; exiting with work unfinished`, undefined, 'Shutdown');
      process.exit(1);
    }, graceMs);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error(`Shutdown failed: ${err.message}`, err.stack, 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
