import { createServer, Server } from 'node:http';
import { closeServer } from './close-server';
import { freePort } from './free-port';
import { readBody } from './read-body';

type KubeObject = { metadata: { name: string; namespace?: string; uid?: string; resourceVersion?: string; labels?: Record<string, string> }; spec?: any; status?: any; [k: string]: unknown };

const ROUTES: [RegExp, 'deployments' | 'services'][] = [
  [/^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments(?:\/([^/]+))?$/, 'deployments'],
  [/^\/api\/v1\/namespaces\/([^/]+)\/services(?:\/([^/]+))?$/, 'services'],
];

const status = (code: number, reason: string, message: string) => ({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });

/**
 * A loopback stand-in for the Kubernetes API server, speaking the REST shapes the runtime uses:
 * create, read, replace and delete of apps/v1 Deployments and v1 Services in a namespace, 409 and
 * 404 as Status objects. A Deployment's availableReplicas is what the test sets (no pods run here).
 */
export class FakeKubernetes {
  readonly objects = { deployments: new Map<string, KubeObject>(), services: new Map<string, KubeObject>() };
  /** Every mutating call, in order: `POST deployments mcp-…`. */
  readonly calls: string[] = [];
  private readonly available = new Map<string, number>();
  private server?: Server;
  private version = 1;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the Deployment's status will report from now on. */
  setAvailable(name: string, replicas: number): void {
    this.available.set(name, replicas);
  }

  async start(): Promise<this> {
    this.port = await freePort();
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const send = (code: number, body: unknown) => res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        const route = ROUTES.map(([re, kind]) => [re.exec(path), kind] as const).find(([m]) => m);
        if (!route) return send(404, status(404, 'NotFound', `no route ${path}`));
        const [match, kind] = route;
        const [, namespace, name] = match!;
        const store = this.objects[kind];
        const key = (n: string) => `${namespace}/${n}`;
        const method = req.method ?? 'GET';
        if (method !== 'GET') this.calls.push(`${method} ${kind} ${name ?? ''}`.trim());
        const body = raw ? (JSON.parse(raw) as KubeObject) : undefined;
        if (method === 'POST' && !name && body) {
          if (store.has(key(body.metadata.name))) return send(409, status(409, 'AlreadyExists', `${kind} "${body.metadata.name}" already exists`));
          const created = { ...body, metadata: { ...body.metadata, namespace, uid: `uid-${this.version}`, resourceVersion: String(this.version++) } };
          store.set(key(body.metadata.name), created);
          return send(201, created);
        }
        const existing = name ? store.get(key(name)) : undefined;
        if (!existing) return send(404, status(404, 'NotFound', `${kind} "${name}" not found`));
        if (method === 'GET') {
          const live = kind === 'deployments' ? { ...existing, status: this.deploymentStatus(existing) } : existing;
          return send(200, live);
        }
        if (method === 'PUT' && body) {
          const replaced = { ...body, metadata: { ...body.metadata, namespace, uid: existing.metadata.uid, resourceVersion: String(this.version++) } };
          store.set(key(name), replaced);
          return send(200, replaced);
        }
        if (method === 'DELETE') {
          store.delete(key(name));
          return send(200, { kind: 'Status', apiVersion: 'v1', status: 'Success', details: { name, kind } });
        }
        send(405, status(405, 'MethodNotAllowed', method));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    return this;
  }

  private deploymentStatus(d: KubeObject) {
    const available = this.available.get(d.metadata.name) ?? 0;
    return { replicas: d.spec?.replicas, readyReplicas: available, availableReplicas: available, observedGeneration: 1 };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }
}
