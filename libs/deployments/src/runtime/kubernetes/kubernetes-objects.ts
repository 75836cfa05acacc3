import type { AppConfig } from '@app/core';
import type { RuntimeDeployment } from '../deployment-runtime';
import type { StdioServer } from '../stdio/stdio-server';

type KubernetesConfig = AppConfig['kubernetes'];

/** The label that selects a deployment's pods, and finds its objects. */
export const DEPLOYMENT_ID_LABEL = 'mcp-platform.io/deployment-id';

/** Object names are DNS-1123 labels that start with a letter: the platform deployment's id fits. */
export const objectName = (deploymentId: string) => `mcp-${deploymentId}`;

/** POSIX single-quoting: the runner hands its --stdio line to a shell, so every argument stays one word. */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export function labelsOf(deployment: RuntimeDeployment, config: KubernetesConfig): Record<string, string> {
  return {
    ...config.labels,
    'app.kubernetes.io/name': 'mcp-tool',
    'app.kubernetes.io/instance': objectName(deployment.id),
    'app.kubernetes.io/managed-by': 'mcp-platform',
    'mcp-platform.io/tool': deployment.slug.slice(0, 63).replace(/-+$/, ''),
    [DEPLOYMENT_ID_LABEL]: deployment.id,
  };
}

/**
 * The apps/v1 Deployment of a platform deployment: `replicas` runner pods, each wrapping the stdio
 * server as Streamable HTTP at /mcp, with the config's cpu and memory as requests and limits.
 * Locked down: non-root, no privilege escalation, read-only root filesystem (an emptyDir at /tmp
 * is HOME and the package cache), every capability dropped, no service account token. The tool's
 * env travels in the pod spec: the platform's Role covers only Deployments and Services.
 */
export function deploymentObject(deployment: RuntimeDeployment, server: StdioServer, config: KubernetesConfig) {
  const name = objectName(deployment.id);
  const labels = labelsOf(deployment, config);
  const resources = { cpu: deployment.resources.cpu, memory: deployment.resources.memory };
  const env: Record<string, string> = { ...server.env, HOME: '/tmp', npm_config_cache: '/tmp/.npm' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: config.namespace, labels },
    spec: {
      replicas: deployment.replicas,
      selector: { matchLabels: { [DEPLOYMENT_ID_LABEL]: deployment.id } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: config.runnerUser, runAsGroup: config.runnerUser, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'runner',
              image: config.runnerImage,
              args: [
                '--stdio',
                [server.command, ...server.args].map(quote).join(' '),
                '--outputTransport',
                'streamableHttp',
                '--port',
                String(config.runnerPort),
                '--streamableHttpPath',
                '/mcp',
              ],
              ports: [{ name: 'mcp', containerPort: config.runnerPort }],
              env: Object.entries(env).map(([envName, value]) => ({ name: envName, value })),
              resources: { requests: resources, limits: resources },
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              readinessProbe: { tcpSocket: { port: 'mcp' }, periodSeconds: 5 },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
  };
}

/** The v1 Service in front of the runner pods: the address the gateway calls. */
export function serviceObject(deployment: RuntimeDeployment, config: KubernetesConfig) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: objectName(deployment.id), namespace: config.namespace, labels: labelsOf(deployment, config) },
    spec: {
      selector: { [DEPLOYMENT_ID_LABEL]: deployment.id },
      ports: [{ name: 'mcp', port: config.runnerPort, targetPort: 'mcp', protocol: 'TCP' }],
    },
  };
}

/** KUBERNETES_SERVICE_URL with the Service's name, namespace and port filled in. */
export function serviceUrl(deploymentId: string, config: KubernetesConfig): string {
  const values: Record<string, string> = { name: objectName(deploymentId), namespace: config.namespace, port: String(config.runnerPort) };
  return config.serviceUrl.replace(/\{(name|namespace|port)\}/g, (_m, key: string) => values[key]);
}
