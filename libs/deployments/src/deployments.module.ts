import { Module } from '@nestjs/common';
import { DeploymentsService } from './deployments.service';
import { DeploymentResolver } from './gateway/deployment-resolver';
import { gatewayMetricProviders, GatewayMetrics } from './gateway/gateway-metrics';
import { GatewayService } from './gateway/gateway.service';
import { McpEndpoint } from './gateway/mcp-endpoint.service';
import { DeploymentRuntimeModule } from './runtime/runtime.module';

/** The api side: deployment CRUD and the gateway at /mcp/{slug}/v1. */
@Module({
  imports: [DeploymentRuntimeModule],
  providers: [DeploymentsService, DeploymentResolver, GatewayService, GatewayMetrics, ...gatewayMetricProviders, McpEndpoint],
  exports: [DeploymentsService, GatewayService, McpEndpoint],
})
export class DeploymentsModule {}
