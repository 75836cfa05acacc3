import type { DeploymentEntity } from './entities/deployment.entity';

export interface DeploymentMetrics {
  requests_total: number;
  avg_response_time_ms: number;
  error_rate: number;
}

export function endpointUrl(publicBaseUrl: string, slug: string): string {
  return `${publicBaseUrl}/mcp/${slug}/v1`;
}

export function toDeploymentCreated(d: DeploymentEntity, publicBaseUrl: string) {
  return {
    deployment_id: d.id,
    tool_id: d.toolId,
    endpoint_url: endpointUrl(publicBaseUrl, d.slug),
    status: d.status,
    deployed_at: d.deployedAt,
  };
}

export function toDeploymentSummary(d: DeploymentEntity, toolName: string, publicBaseUrl: string) {
  return {
    deployment_id: d.id,
    tool_id: d.toolId,
    tool_name: toolName,
    endpoint_url: endpointUrl(publicBaseUrl, d.slug),
    status: d.status,
    health_status: d.healthStatus,
    deployed_at: d.deployedAt,
    last_health_check: d.lastHealthCheck,
  };
}

export function toDeploymentDetail(d: DeploymentEntity, toolName: string, publicBaseUrl: string, metrics: DeploymentMetrics) {
  return {
    ...toDeploymentSummary(d, toolName, publicBaseUrl),
    tool_version: d.toolVersion,
    config: {
      environment: d.environment,
      replicas: d.replicas,
      resources: { cpu: d.cpu, memory: d.memory },
      ...(d.timeoutMs !== null ? { timeout_ms: d.timeoutMs } : {}),
      ...(d.maxConcurrency !== null ? { max_concurrency: d.maxConcurrency } : {}),
    },
    error: d.error,
    stopped_at: d.stoppedAt,
    instances: d.instances,
    metrics,
  };
}
