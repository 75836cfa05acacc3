import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { McpModule } from '@app/mcp';
import { DeploymentEvents } from '../deployment-events';
import { DeploymentEntity } from '../entities/deployment.entity';
import { DeploymentMetricsStore } from '../metrics/deployment-metrics.store';
import { UpstreamPool } from '../upstream/upstream-pool';
import { DEPLOYMENT_RUNTIMES } from './deployment-runtime';
import { HttpRestRuntime } from './http/http-rest.runtime';
import { RemoteMcpRuntime } from './remote-mcp.runtime';
import { RuntimeRegistry } from './runtime-registry';

/**
 * What both processes share: the runtimes (in order of preference; issue 13's stdio, REST bridge
 * and Kubernetes runtimes join the list here), the upstream pool, events and metric counters.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DeploymentEntity]), McpModule],
  providers: [
    UpstreamPool,
    RemoteMcpRuntime,
    HttpRestRuntime,
    {
      provide: DEPLOYMENT_RUNTIMES,
      useFactory: (remote: RemoteMcpRuntime, rest: HttpRestRuntime) => [remote, rest],
      inject: [RemoteMcpRuntime, HttpRestRuntime],
    },
    RuntimeRegistry,
    DeploymentEvents,
    DeploymentMetricsStore,
  ],
  exports: [TypeOrmModule, McpModule, UpstreamPool, RuntimeRegistry, DeploymentEvents, DeploymentMetricsStore],
})
export class DeploymentRuntimeModule {}
