import { Module } from '@nestjs/common';
import { MetricsFlusher } from '../metrics/metrics-flusher.service';
import { DeploymentRuntimeModule } from '../runtime/runtime.module';
import { StdioTakeover } from '../runtime/stdio/stdio-takeover.service';
import { DeploymentLifecycle } from './deployment-lifecycle.service';
import { DeploymentReconcileSource } from './deployment-reconcile.source';
import { HealthChecker } from './health-checker.service';

/** The worker side: starting and stopping through runtimes, health sweeps, metrics flushes, lost starts re-added. */
@Module({
  imports: [DeploymentRuntimeModule],
  providers: [DeploymentLifecycle, HealthChecker, MetricsFlusher, DeploymentReconcileSource, StdioTakeover],
  exports: [DeploymentLifecycle, HealthChecker, MetricsFlusher],
})
export class DeploymentWorkModule {}
