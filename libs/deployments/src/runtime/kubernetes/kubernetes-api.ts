import type { AppConfig } from '@app/core';

/** @kubernetes/client-node is ESM and large: loaded on first use, only where the runtime is used. */
let loaded: Promise<typeof import('@kubernetes/client-node')> | undefined;
const clientSdk = () => (loaded ??= import('@kubernetes/client-node'));

export interface KubernetesApis {
  apps: InstanceType<Awaited<ReturnType<typeof clientSdk>>['AppsV1Api']>;
  core: InstanceType<Awaited<ReturnType<typeof clientSdk>>['CoreV1Api']>;
}

/** The API server: KUBERNETES_API_URL (with KUBERNETES_TOKEN) when set, else the pod's service account. */
export async function kubernetesApis(config: AppConfig['kubernetes']): Promise<KubernetesApis> {
  const k8s = await clientSdk();
  const kc = new k8s.KubeConfig();
  if (config.apiUrl) {
    kc.loadFromOptions({
      // client-node refuses plain http unless TLS verification is declared off; over http there is none to skip.
      clusters: [{ name: 'platform', server: config.apiUrl, skipTLSVerify: new URL(config.apiUrl).protocol === 'http:' }],
      users: [{ name: 'platform', ...(config.token ? { token: config.token } : {}) }],
      contexts: [{ name: 'platform', cluster: 'platform', user: 'platform', namespace: config.namespace }],
      currentContext: 'platform',
    });
  } else {
    kc.loadFromCluster();
  }
  return { apps: kc.makeApiClient(k8s.AppsV1Api), core: kc.makeApiClient(k8s.CoreV1Api) };
}

/** The HTTP status of a failed API call (client-node's ApiException), if it is one. */
export const statusOf = (err: unknown): number | undefined => {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
};
