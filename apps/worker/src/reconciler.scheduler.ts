import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, JobReconciler, type AppConfig } from '@app/core';

/** Runs the job reconciler every RECONCILE_INTERVAL_MS, one pass at a time, until shutdown begins. */
@Injectable()
export class ReconcilerScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReconcilerScheduler.name);
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;

  constructor(
    private readonly reconciler: JobReconciler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.reliability.reconcileIntervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  private tick(): void {
    if (this.pass) return;
    this.pass = this.reconciler
      .reconcileOnce()
      .then(() => undefined)
      .catch((err: Error) => this.logger.warn(`reconciliation skipped: ${err.message}`))
      .finally(() => (this.pass = undefined));
  }
}
