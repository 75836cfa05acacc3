import { Module } from '@nestjs/common';
import { MetricsFlusher } from '../metrics/metrics-flusher.service';
import { DeploymentRuntimeModule } from '../runtime/runtime.module';
import { DeploymentLifecycle } from './deployment-lifecycle.service';
import { HealthChecker } from './health-checker.service';

/** The worker side: starting and stopping through runtimes, health sweeps, metrics flushes. */
@Module({
  imports: [DeploymentRuntimeModule],
  providers: [DeploymentLifecycle, HealthChecker, MetricsFlusher],
  exports: [DeploymentLifecycle, HealthChecker, MetricsFlusher],
})
export class DeploymentWorkModule {}
