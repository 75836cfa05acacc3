import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { McpModule } from '@app/mcp';
import { DeploymentEvents } from '../deployment-events';
import { DeploymentEntity } from '../entities/deployment.entity';
import { DeploymentLeaseEntity } from './stdio/deployment-lease.entity';
import { DeploymentMetricsStore } from '../metrics/deployment-metrics.store';
import { UpstreamPool } from '../upstream/upstream-pool';
import { DEPLOYMENT_RUNTIMES } from './deployment-runtime';
import { HttpRestRuntime } from './http/http-rest.runtime';
import { KubernetesRuntime } from './kubernetes/kubernetes.runtime';
import { RemoteMcpRuntime } from './remote-mcp.runtime';
import { RuntimeRegistry } from './runtime-registry';
import { DeploymentLeases } from './stdio/deployment-leases';
import { RunnerListener } from './stdio/runner-listener';
import { StdioRunner } from './stdio/stdio-runner';
import { StdioRuntime } from './stdio/stdio.runtime';

/**
 * What both processes share: the runtimes (in order of preference; issue 13's stdio, REST bridge
 * and Kubernetes runtimes join the list here), the upstream pool, events and metric counters.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DeploymentEntity, DeploymentLeaseEntity]), McpModule],
  providers: [
    UpstreamPool,
    RemoteMcpRuntime,
    HttpRestRuntime,
    DeploymentLeases,
    RunnerListener,
    StdioRunner,
    StdioRuntime,
    KubernetesRuntime,
    {
      provide: DEPLOYMENT_RUNTIMES,
      // Kubernetes before stdio: with DEPLOYMENT_RUNTIME=kubernetes it takes the stdio servers (otherwise it accepts none).
      useFactory: (remote: RemoteMcpRuntime, rest: HttpRestRuntime, kubernetes: KubernetesRuntime, stdio: StdioRuntime) => [remote, rest, kubernetes, stdio],
      inject: [RemoteMcpRuntime, HttpRestRuntime, KubernetesRuntime, StdioRuntime],
    },
    RuntimeRegistry,
    DeploymentEvents,
    DeploymentMetricsStore,
  ],
  exports: [TypeOrmModule, McpModule, UpstreamPool, RuntimeRegistry, DeploymentEvents, DeploymentMetricsStore, DeploymentLeases, StdioRunner],
})
export class DeploymentRuntimeModule {}
