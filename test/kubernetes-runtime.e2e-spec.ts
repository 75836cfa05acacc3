import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { waitForDeployment } from './support/deployments';
import { FakeKubernetes } from './support/fake-kubernetes';
import { freePort } from './support/free-port';
import { http } from './support/http';
import { Platform } from './support/platform';
import { ROOT } from './support/service-process';
import { UpstreamMcp } from './support/upstream-mcp';

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * DEPLOYMENT_RUNTIME=kubernetes against a stand-in API server. No pods run: the stand-in reports
 * the available replicas the test sets, and a real MCP server on loopback stands for the runner
 * pods behind the Service (KUBERNETES_SERVICE_URL points there).
 */
describe('the Kubernetes runtime', () => {
  const kube = new FakeKubernetes();
  const runner = new UpstreamMcp();
  let platform: Platform;
  let url: string;
  let dev: Account;
  let deploymentId: string;
  let name: string;

  beforeAll(async () => {
    await kube.start();
    await runner.start(await freePort());
    platform = new Platform({
      workers: 1,
      env: {
        DEPLOYMENT_RUNTIME: 'kubernetes',
        KUBERNETES_API_URL: kube.url,
        KUBERNETES_NAMESPACE: 'mcp-test',
        KUBERNETES_RUNNER_IMAGE: 'registry.example.com/mcp-runner:1.2',
        KUBERNETES_RUNNER_PORT: String(runner.port),
        KUBERNETES_SERVICE_URL: 'http://127.0.0.1:{port}/mcp',
        KUBERNETES_LABELS: 'team=platform,cost-center=mcp',
        // The Service address is the platform's own: reached even when user-chosen private upstreams are refused.
        UPSTREAM_ALLOW_PRIVATE: 'false',
        DEPLOYMENT_HEALTH_INTERVAL_MS: '500',
      },
    });
    await platform.start();
    url = platform.api.url;
    const registered = await registerAndLogin(url);
    // Deploying a stdio server, on any runtime, needs deployments:stdio: an admin's.
    dev = await promoteToAdmin(platform, url, registered);
  }, 180_000);
  afterAll(async () => {
    await platform.stop();
    await Promise.all([runner.stop(), kube.stop()]);
  });

  it('deploys a stdio server as a Deployment and a Service: replicas, resources, locked-down security context, labels', async () => {
    const server = { name: 'weather', transport: 'stdio', command: 'npx', args: ['-y', '@acme/weather-mcp', "it's"], env: { WEATHER_API_KEY: 'k-123' } };
    const tool = await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: { ...CONTRACT.createTool, slug: 'kube-weather', config: { servers: [server] } } });
    expect(tool.status).toBe(201);
    const res = await http(url, 'POST', '/api/v1/deployments', {
      token: dev.token,
      json: { tool_id: tool.body.id, config: { environment: 'production', replicas: 2, resources: { cpu: '250m', memory: '256Mi' } } },
    });
    expect(res.status).toBe(201);
    deploymentId = res.body.deployment_id;
    name = `mcp-${deploymentId}`;

    const deployment = await until(() => kube.objects.deployments.get(`mcp-test/${name}`), 'the Deployment');
    const labels = {
      team: 'platform',
      'cost-center': 'mcp',
      'app.kubernetes.io/name': 'mcp-tool',
      'app.kubernetes.io/instance': name,
      'app.kubernetes.io/managed-by': 'mcp-platform',
      'mcp-platform.io/tool': 'kube-weather',
      'mcp-platform.io/deployment-id': deploymentId,
    };
    expect(deployment.metadata).toMatchObject({ name, namespace: 'mcp-test', labels });
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.selector).toEqual({ matchLabels: { 'mcp-platform.io/deployment-id': deploymentId } });
    const pod = deployment.spec.template.spec;
    expect(deployment.spec.template.metadata.labels).toEqual(labels);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    const [container] = pod.containers;
    expect(container.image).toBe('registry.example.com/mcp-runner:1.2');
    expect(container.args).toEqual(['--stdio', `'npx' '-y' '@acme/weather-mcp' 'it'\\''s'`, '--outputTransport', 'streamableHttp', '--port', String(runner.port), '--streamableHttpPath', '/mcp']);
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '250m', memory: '256Mi' } });
    expect(container.securityContext).toEqual({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.env).toContainEqual({ name: 'WEATHER_API_KEY', value: 'k-123' });

    const service = await until(() => kube.objects.services.get(`mcp-test/${name}`), 'the Service');
    expect(service.metadata.labels).toEqual(labels);
    expect(service.spec).toEqual({
      selector: { 'mcp-platform.io/deployment-id': deploymentId },
      ports: [{ name: 'mcp', port: runner.port, targetPort: 'mcp', protocol: 'TCP' }],
    });
  });

  it('stays starting while no replica is available, and is running once the Deployment reports them', async () => {
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await http(url, 'GET', `/api/v1/deployments/${deploymentId}`, { token: dev.token })).body.status).toBe('starting');
    expect(runner.calls).toBe(0);
    kube.setAvailable(name, 2);
    const d = await waitForDeployment(url, dev.token, deploymentId, (b) => b.status === 'running');
    expect(d.health_status).toBe('healthy');
    expect(d.instances).toEqual([0, 1].map((i) => ({ id: `${name}/${i}`, runtime: 'kubernetes', status: 'running', restarts: 0, started_at: expect.any(String) })));
  });

  it('the gateway calls the Service address', async () => {
    const res = await http(url, 'POST', '/mcp/kube-weather/v1/tools/get_weather', { token: dev.token, json: CONTRACT.callWeather });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(CONTRACT.weatherAnswer);
  });

  it('no available replica → unhealthy; available again → healthy', async () => {
    kube.setAvailable(name, 0);
    const down = await waitForDeployment(url, dev.token, deploymentId, (b) => b.health_status === 'unhealthy');
    expect(down.instances.map((i: { status: string }) => i.status)).toEqual(['starting', 'starting']);
    kube.setAvailable(name, 1);
    const up = await waitForDeployment(url, dev.token, deploymentId, (b) => b.health_status === 'healthy');
    expect(up.instances.map((i: { status: string }) => i.status)).toEqual(['running', 'starting']);
  });

  it('stop deletes the Deployment and the Service', async () => {
    const res = await http(url, 'DELETE', `/api/v1/deployments/${deploymentId}`, { token: dev.token });
    expect(res.status).toBe(200);
    await until(() => (kube.objects.deployments.size === 0 && kube.objects.services.size === 0 ? true : undefined), 'the objects deleted');
    expect(kube.calls).toEqual(expect.arrayContaining([`DELETE deployments ${name}`, `DELETE services ${name}`]));
    expect(kube.calls.slice(0, 2)).toEqual(['POST deployments', 'POST services']);
  });

  it('refuses a command outside STDIO_ALLOWED_COMMANDS as on the local runtime (422), creating nothing', async () => {
    const server = { name: 'shell', transport: 'stdio', command: 'bash', args: ['-c', 'echo'] };
    const tool = await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: { ...CONTRACT.createTool, slug: 'kube-shell', config: { servers: [server] } } });
    const res = await http(url, 'POST', '/api/v1/deployments', { token: dev.token, json: CONTRACT.deploy(tool.body.id) });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'tool_id'], type: 'value_error.command_not_allowed' });
    expect(kube.objects.deployments.size).toBe(0);
  });

  it('ships manifests whose Role reaches only Deployments and Services in the tools namespace', () => {
    const manifest = (file: string) => readFileSync(join(ROOT, 'deploy/kubernetes', file), 'utf8');
    const rbac = manifest('rbac.yaml');
    expect([...rbac.matchAll(/^kind: (\w+)/gm)].map((m) => m[1])).toEqual(['ServiceAccount', 'Role', 'RoleBinding']);
    expect([...rbac.matchAll(/^ {4}resources: (.+)$/gm)].map((m) => m[1])).toEqual(['["deployments"]', '["services"]']);
    expect(rbac.split('---')[1]).toContain('namespace: mcp-tools');
    expect(manifest('worker.yaml')).toContain('serviceAccountName: mcp-platform-worker');
    expect(manifest('api.yaml')).toContain('automountServiceAccountToken: false');
    const kustomization = manifest('kustomization.yaml');
    for (const file of ['namespaces.yaml', 'rbac.yaml', 'config.yaml', 'api.yaml', 'worker.yaml']) expect(kustomization).toContain(`- ${file}`);
  });
});
