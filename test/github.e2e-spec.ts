import { createHmac, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import examples from '@octokit/webhooks-examples';
import { Account, promoteToAdmin, registerAndLogin } from './support/accounts';
import { CONTRACT, ISO_DATE, UUID } from './support/contract';
import { FakeGithub } from './support/fake-github';
import { http } from './support/http';
import { Platform } from './support/platform';

/** GitHub's documented example secret, so its documented signature must verify here too. */
const SECRET = "It's a Secret to Everybody";
const PUBLIC_BASE_URL = 'https://platform.example.com';
const PUSH_EXAMPLE = (examples as { name: string; examples: Record<string, any>[] }[])
  .find((e) => e.name === 'push')!
  .examples.find((p) => p.ref === 'refs/heads/master' && p.deleted === false)!;

const ghToken = () => `ghp_${randomBytes(18).toString('hex')}`;
const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const manifest = (version: string, extra: object = {}) =>
  JSON.stringify({ name: 'Weather MCP Tool', description: `Weather tool ${version}`, version, config: CONTRACT.createTool.config, ...extra });

describe('GitHub integration', () => {
  const github = new FakeGithub();
  let platform: Platform;
  let url: string;
  let dev: Account;
  let other: Account;
  let viewer: Account;
  let admin: Account;
  const adminToken = ghToken();
  const readOnlyToken = ghToken();
  const tokens = [adminToken, readOnlyToken];

  const createTool = async (who: Account, slug: string) => {
    const res = await http(url, 'POST', '/api/v1/mcps', { token: who.token, json: { ...CONTRACT.createTool, slug } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const connect = (who: Account, body: object) => http(url, 'POST', '/api/v1/github/connect', { token: who.token, json: body });
  const sync = (who: Account, id: string) => http(url, 'POST', `/api/v1/github/sync/${id}`, { token: who.token });
  const finished = async (who: Account, taskId: string) => {
    for (let i = 0; i < 400; i++) {
      const res = await http(url, 'GET', `/api/v1/tasks/${taskId}`, { token: who.token });
      if (['completed', 'failed', 'cancelled'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`task ${taskId} did not finish`);
  };
  const deliver = (event: string, body: string, headers: Record<string, string> = {}) =>
    http(url, 'POST', '/api/v1/github/webhook', {
      body,
      headers: { 'x-github-event': event, 'x-github-delivery': randomBytes(16).toString('hex'), 'x-hub-signature-256': sign(body), ...headers },
    });
  const syncTasks = async () => Number((await platform.sql<{ n: string }>(`SELECT count(*) AS n FROM tasks WHERE type = 'github.sync'`))[0].n);
  const history = async (who: Account, toolId: string) => (await http(url, 'GET', `/api/v1/mcps/${toolId}/history`, { token: who.token })).body.versions;

  beforeAll(async () => {
    await github.start();
    github.addToken(adminToken, { repos: '*', admin: true });
    github.addToken(readOnlyToken, { repos: ['username/read-only'], admin: false });
    platform = await new Platform({
      workers: 1,
      env: { GITHUB_API_URL: github.url, GITHUB_WEBHOOK_SECRET: SECRET, PUBLIC_BASE_URL, LOG_LEVEL: 'debug' },
    }).start();
    url = platform.api.url;
    [dev, other, viewer, admin] = await Promise.all([
      registerAndLogin(url),
      registerAndLogin(url),
      registerAndLogin(url, 'viewer'),
      registerAndLogin(url),
    ]);
    admin = await promoteToAdmin(platform, url, admin);
  }, 90_000);
  afterAll(async () => {
    await platform.stop();
    await github.stop();
  });

  describe("the contract's connect, sync and disconnect", () => {
    let toolId: string;
    let connectionId: string;
    let head: string;

    beforeAll(async () => {
      head = github.createRepo('username/mcp-tools', { 'mcp.json': manifest('1.1.0') });
      toolId = await createTool(dev, 'weather-tool');
    });

    it('connects after checking the token and the repository with GitHub, and creates the push webhook', async () => {
      const res = await connect(dev, { repository_url: 'https://github.com/username/mcp-tools', tool_id: toolId, access_token: adminToken });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        repository_url: 'https://github.com/username/mcp-tools',
        tool_id: toolId,
        status: 'connected',
        branch: 'main',
        manifest_path: 'mcp.json',
        webhook: { status: 'created', url: `${PUBLIC_BASE_URL}/api/v1/github/webhook`, events: ['push'] },
      });
      expect(res.body.connection_id).toMatch(UUID);
      expect(res.body.created_at).toMatch(ISO_DATE);
      expect(JSON.stringify(res.body)).not.toContain(adminToken);
      const [hook] = github.hooks('username/mcp-tools');
      expect(hook).toMatchObject({ events: ['push'], active: true, config: { url: `${PUBLIC_BASE_URL}/api/v1/github/webhook`, content_type: 'json', secret: SECRET } });
      connectionId = res.body.connection_id;
    });

    it('syncs in the worker: the tool moves to the manifest version with a "sync" history entry naming the commit', async () => {
      const res = await sync(dev, connectionId);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ task_id: expect.stringMatching(UUID), status: 'pending', message: 'Repository sync queued for processing' });
      const task = await finished(dev, res.body.task_id);
      expect(task).toMatchObject({ status: 'completed', result: { outcome: 'updated', version: '1.1.0', commit_sha: head } });
      const tool = await http(url, 'GET', `/api/v1/mcps/${toolId}`, { token: dev.token });
      expect(tool.body).toMatchObject({ version: '1.1.0', description: 'Weather tool 1.1.0' });
      const [latest] = await history(dev, toolId);
      expect(latest).toMatchObject({ version: '1.1.0', change_type: 'sync', changed_by: dev.id, commit_sha: head });
      const connection = await http(url, 'GET', `/api/v1/github/connections/${connectionId}`, { token: dev.token });
      expect(connection.body).toMatchObject({ last_synced_sha: head, last_sync_error: null, status: 'connected' });
      expect(connection.body.last_synced_at).toMatch(ISO_DATE);
    });

    it('completes an unchanged manifest as already up to date, with no new version', async () => {
      const before = (await history(dev, toolId)).length;
      const task = await finished(dev, (await sync(dev, connectionId)).body.task_id);
      expect(task).toMatchObject({ status: 'completed', result: { outcome: 'up_to_date', message: 'Already up to date' } });
      expect(await history(dev, toolId)).toHaveLength(before);
    });

    it('fails changed content whose version does not increase, saying so', async () => {
      github.commit('username/mcp-tools', 'main', { 'mcp.json': manifest('1.1.0', { description: 'changed, same version' }) });
      const task = await finished(dev, (await sync(dev, connectionId)).body.task_id);
      expect(task.status).toBe('failed');
      expect(task.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('must be greater than the tool\'s current version 1.1.0') });
      const connection = await http(url, 'GET', `/api/v1/github/connections/${connectionId}`, { token: dev.token });
      expect(connection.body.last_sync_error).toContain('must be greater');
    });

    it('waits out a rate-limited GitHub (403 with x-ratelimit-remaining 0, then a 429 secondary limit) and completes', async () => {
      const sha = github.commit('username/mcp-tools', 'main', { 'mcp.json': manifest('1.2.0') });
      github.rateLimit = { next: 1, kind: 'primary' };
      const first = await finished(dev, (await sync(dev, connectionId)).body.task_id);
      expect(first).toMatchObject({ status: 'completed', result: { outcome: 'updated', version: '1.2.0', commit_sha: sha } });
      github.commit('username/mcp-tools', 'main', { 'mcp.json': manifest('1.3.0') });
      github.rateLimit = { next: 1, kind: 'secondary' };
      const second = await finished(dev, (await sync(dev, connectionId)).body.task_id);
      expect(second).toMatchObject({ status: 'completed', result: { version: '1.3.0' } });
      expect(github.rateLimit.next).toBe(0);
    });

    it('lists the caller\'s connections and hides them from everyone else but admins', async () => {
      const mine = await http(url, 'GET', '/api/v1/github/connections', { token: dev.token });
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((c: { connection_id: string }) => c.connection_id)).toContain(connectionId);
      expect(JSON.stringify(mine.body)).not.toMatch(/token/i);
      const theirs = await http(url, 'GET', '/api/v1/github/connections', { token: other.token });
      expect(theirs.body.items).toEqual([]);
      const all = await http(url, 'GET', '/api/v1/github/connections', { token: admin.token });
      expect(all.body.items.map((c: { connection_id: string }) => c.connection_id)).toContain(connectionId);
    });

    it('is a 404 for another developer: no read, no sync, no disconnect', async () => {
      for (const res of [
        await http(url, 'GET', `/api/v1/github/connections/${connectionId}`, { token: other.token }),
        await sync(other, connectionId),
        await http(url, 'DELETE', `/api/v1/github/disconnect/${connectionId}`, { token: other.token }),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ error_code: 'NOT_FOUND', resource_type: 'connection', resource_id: connectionId });
      }
    });

    it('refuses the same tool and repository twice (409)', async () => {
      const res = await connect(dev, { repository_url: 'https://github.com/username/mcp-tools.git', tool_id: toolId, access_token: adminToken });
      expect(res.status).toBe(409);
      expect(res.body.error_code).toBe('CONFLICT');
    });

    it('disconnects: the webhook it created and the stored token are deleted', async () => {
      const res = await http(url, 'DELETE', `/api/v1/github/disconnect/${connectionId}`, { token: dev.token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ message: 'Repository disconnected successfully', connection_id: connectionId });
      expect(github.hooks('username/mcp-tools')).toEqual([]);
      expect(await platform.sql('SELECT 1 FROM github_connections WHERE id = $1', [connectionId])).toEqual([]);
      expect((await http(url, 'GET', `/api/v1/github/connections/${connectionId}`, { token: dev.token })).status).toBe(404);
    });
  });

  describe('connect refuses what it cannot use', () => {
    let toolId: string;
    beforeAll(async () => {
      github.createRepo('username/read-only', { 'mcp.json': manifest('2.0.0') });
      toolId = await createTool(dev, 'refusals-tool');
    });
    const body = (extra: object = {}) => ({ repository_url: 'https://github.com/username/read-only', tool_id: toolId, access_token: adminToken, ...extra });

    it('a token GitHub rejects: 422 saying so at access_token', async () => {
      const res = await connect(dev, body({ access_token: 'ghp_revoked' }));
      expect(res.status).toBe(422);
      expect(res.body.detail).toEqual([expect.objectContaining({ loc: ['body', 'access_token'], msg: expect.stringContaining('Bad credentials') })]);
    });

    it('a repository that does not exist or the token cannot read: 422 naming it', async () => {
      for (const res of [
        await connect(dev, body({ repository_url: 'https://github.com/username/missing' })),
        await connect(dev, body({ repository_url: 'https://github.com/username/mcp-tools', access_token: readOnlyToken })),
      ]) {
        expect(res.status).toBe(422);
        expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'repository_url'], type: 'value_error.github.repository_not_found' });
        expect(res.body.detail[0].msg).toMatch(/username\/(missing|mcp-tools)/);
      }
    });

    it('a URL on another host than GITHUB_WEB_URL, or not naming a repository: 422 with loc', async () => {
      for (const repositoryUrl of ['https://gitlab.com/username/read-only', 'https://github.com/username', 'not a url']) {
        const res = await connect(dev, body({ repository_url: repositoryUrl }));
        expect(res.status).toBe(422);
        expect(res.body.detail[0].loc).toEqual(['body', 'repository_url']);
      }
    });

    it('a branch that does not exist: 422 at branch', async () => {
      const res = await connect(dev, body({ branch: 'nope' }));
      expect(res.status).toBe(422);
      expect(res.body.detail[0].loc).toEqual(['body', 'branch']);
    });

    it('GitHub unreachable: 502, never 500, and nothing stored', async () => {
      github.down = true;
      try {
        const res = await connect(dev, body());
        expect(res.status).toBe(502);
        expect(res.body.error_code).toBe('BAD_GATEWAY');
      } finally {
        github.down = false;
      }
      expect(await platform.sql('SELECT 1 FROM github_connections WHERE tool_id = $1', [toolId])).toEqual([]);
    });

    it('a viewer: 403 naming github:connect; another developer\'s tool: 403', async () => {
      const asViewer = await connect(viewer, body());
      expect(asViewer.status).toBe(403);
      expect(asViewer.body).toMatchObject({ error_code: 'FORBIDDEN', required_permission: 'github:connect' });
      const asOther = await connect(other, body());
      expect(asOther.status).toBe(403);
    });

    it('a token that may not manage hooks still connects (.git and trailing slash accepted); the answer says to add the webhook by hand', async () => {
      const res = await connect(dev, body({ repository_url: 'https://github.com/username/read-only.git/', access_token: readOnlyToken }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ repository_url: 'https://github.com/username/read-only', webhook: { status: 'manual' } });
      expect(res.body.webhook.detail).toContain(`${PUBLIC_BASE_URL}/api/v1/github/webhook`);
      expect(github.hooks('username/read-only')).toEqual([]);
    });
  });

  describe('manifests', () => {
    it('reads a server.json through the registry interchange code', async () => {
      const serverJson = {
        $schema: 'https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json',
        name: 'io.github.username/weather',
        description: 'Weather over MCP',
        version: '3.0.0',
        remotes: [{ type: 'streamable-http', url: 'https://weather.example.com/mcp' }],
      };
      github.createRepo('username/registry-format', { 'server.json': JSON.stringify(serverJson) });
      const toolId = await createTool(dev, 'registry-format-tool');
      const res = await connect(dev, { repository_url: 'https://github.com/username/registry-format', tool_id: toolId, access_token: adminToken, manifest_path: 'server.json' });
      expect(res.status).toBe(201);
      const task = await finished(dev, (await sync(dev, res.body.connection_id)).body.task_id);
      expect(task).toMatchObject({ status: 'completed', result: { version: '3.0.0' } });
      const tool = await http(url, 'GET', `/api/v1/mcps/${toolId}`, { token: dev.token });
      expect(tool.body).toMatchObject({ version: '3.0.0', slug: 'registry-format-tool', config: { servers: [{ url: 'https://weather.example.com/mcp' }] } });
    });

    it('seals secret fields of a manifest like a POST, and finds the same content up to date after a reformat', async () => {
      const secret = `sk-${randomBytes(12).toString('hex')}`;
      const config = { servers: [{ name: 'weather-server', command: 'npx', args: ['weather-mcp'], env: { API_KEY: secret } }], tools: [] };
      github.createRepo('username/with-secret', { 'mcp.json': manifest('1.1.0', { config }) });
      const toolId = await createTool(dev, 'secret-manifest-tool');
      const res = await connect(dev, { repository_url: 'https://github.com/username/with-secret', tool_id: toolId, access_token: adminToken });
      expect((await finished(dev, (await sync(dev, res.body.connection_id)).body.task_id)).status).toBe('completed');
      const tool = await http(url, 'GET', `/api/v1/mcps/${toolId}`, { token: dev.token });
      expect(tool.body.config.servers[0].env.API_KEY).toBe('********');
      expect(JSON.stringify(await platform.sql('SELECT config FROM mcp_tools WHERE id = $1', [toolId]))).not.toContain(secret);
      github.commit('username/with-secret', 'main', { 'mcp.json': JSON.stringify(JSON.parse(manifest('1.1.0', { config })), null, 2) });
      const again = await finished(dev, (await sync(dev, res.body.connection_id)).body.task_id);
      expect(again).toMatchObject({ status: 'completed', result: { outcome: 'up_to_date' } });
    });

    it('fails an invalid manifest with the same {loc, msg, type} details a POST would get', async () => {
      const bad = { name: 'Weather MCP Tool', version: 'one', config: { servers: 'nope' } };
      github.createRepo('username/invalid', { 'mcp.json': JSON.stringify(bad) });
      const toolId = await createTool(dev, 'invalid-manifest-tool');
      const posted = await http(url, 'POST', '/api/v1/mcps', { token: dev.token, json: { ...bad, slug: 'invalid-manifest-tool' } });
      const res = await connect(dev, { repository_url: 'https://github.com/username/invalid', tool_id: toolId, access_token: adminToken });
      const task = await finished(dev, (await sync(dev, res.body.connection_id)).body.task_id);
      expect(task.status).toBe('failed');
      expect(task.error.code).toBe('VALIDATION_ERROR');
      expect(task.error.details).toEqual(posted.body.detail);
      expect(task.error.details).toContainEqual(expect.objectContaining({ loc: ['body', 'version'], type: 'value_error.str.regex' }));
      const connection = await http(url, 'GET', `/api/v1/github/connections/${res.body.connection_id}`, { token: dev.token });
      expect(connection.body).toMatchObject({ status: 'error', last_sync_error: expect.stringContaining('body.version') });
    });
  });

  describe('the webhook', () => {
    let toolId: string;
    let connectionId: string;

    beforeAll(async () => {
      github.createRepo('Codertocat/Hello-World', { 'mcp.json': manifest('1.0.0') }, 'master');
      toolId = await createTool(dev, 'hello-world-tool');
      const res = await connect(dev, { repository_url: 'https://github.com/Codertocat/Hello-World', tool_id: toolId, access_token: adminToken });
      connectionId = res.body.connection_id;
    });

    it("verifies GitHub's documented signature example", async () => {
      const res = await http(url, 'POST', '/api/v1/github/webhook', {
        body: 'Hello, World!',
        headers: {
          'content-type': 'text/plain',
          'x-github-event': 'ping',
          'x-github-delivery': randomBytes(16).toString('hex'),
          'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ event_type: 'ping' });
    });

    it('takes deliveries up to 25 MiB on this route alone (the default body limit is 1 MiB), 413 above', async () => {
      const padded = (bytes: number) => JSON.stringify({ zen: 'x'.repeat(bytes) });
      expect((await deliver('ping', padded(2 * 1024 * 1024))).status).toBe(200);
      const tooLarge = await deliver('ping', padded(25 * 1024 * 1024 + 1));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error_code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('a signed push built from a real @octokit/webhooks-examples payload makes a new version with no user call', async () => {
      github.commit('Codertocat/Hello-World', 'master', { 'mcp.json': manifest('1.4.0') }, PUSH_EXAMPLE.after);
      const body = JSON.stringify(PUSH_EXAMPLE);
      const res = await deliver('push', body);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ message: 'Webhook received and queued for processing', event_type: 'push', task_ids: [expect.stringMatching(UUID)] });
      const task = await finished(dev, res.body.task_ids[0]);
      expect(task).toMatchObject({ status: 'completed', result: { outcome: 'updated', version: '1.4.0', commit_sha: PUSH_EXAMPLE.after } });
      const [latest] = await history(dev, toolId);
      expect(latest).toMatchObject({ version: '1.4.0', change_type: 'sync', commit_sha: PUSH_EXAMPLE.after });
    });

    it('processes a repeated X-GitHub-Delivery once', async () => {
      const body = JSON.stringify(PUSH_EXAMPLE);
      const delivery = randomBytes(16).toString('hex');
      const first = await deliver('push', body, { 'x-github-delivery': delivery });
      const before = await syncTasks();
      const again = await deliver('push', body, { 'x-github-delivery': delivery });
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ delivery_id: delivery, task_ids: first.body.task_ids });
      expect(await syncTasks()).toBe(before);
      expect(await finished(dev, first.body.task_ids[0])).toMatchObject({ status: 'completed', result: { outcome: 'up_to_date' } });
    });

    it("folds a burst of pushes into the sync still waiting, and never refuses one for the owner's task limit", async () => {
      // No worker during the burst, so the first sync stays pending; the owner is at the task limit.
      const [worker] = platform.workers.splice(0, 1);
      await worker.stop();
      await platform.sql(
        `INSERT INTO tasks (type, status, owner_id, input) SELECT 'analysis.feasibility', 'pending', $1, '{}' FROM generate_series(1, 100)`,
        [dev.id],
      );
      let taskIds: Set<string>;
      try {
        expect((await sync(dev, connectionId)).status).toBe(429);
        github.commit('Codertocat/Hello-World', 'master', { 'mcp.json': manifest('1.5.0') }, PUSH_EXAMPLE.after);
        const body = JSON.stringify(PUSH_EXAMPLE);
        const burst = await Promise.all(Array.from({ length: 40 }, () => deliver('push', body)));
        expect(burst.map((res) => res.status)).toEqual(burst.map(() => 202));
        taskIds = new Set(burst.flatMap((res) => res.body.task_ids as string[]));
      } finally {
        await platform.sql(`DELETE FROM tasks WHERE owner_id = $1 AND type = 'analysis.feasibility'`, [dev.id]);
        platform.workers.push(await (await platform.spawn('worker')).waitReady());
      }
      expect(taskIds.size).toBe(1);
      expect(await finished(dev, [...taskIds][0])).toMatchObject({ status: 'completed', result: { outcome: 'updated', version: '1.5.0' } });
    });

    it('answers 401 to a missing or wrong signature and queues nothing', async () => {
      const body = JSON.stringify(PUSH_EXAMPLE);
      const before = await syncTasks();
      const missing = await deliver('push', body, { 'x-hub-signature-256': '' });
      const wrong = await deliver('push', body, { 'x-hub-signature-256': sign(`${body} `) });
      const tampered = await deliver('push', body.replace('Hello-World', 'Hello-World2'), { 'x-hub-signature-256': sign(body) });
      for (const res of [missing, wrong, tampered]) {
        expect(res.status).toBe(401);
        expect(res.body.error_code).toBe('UNAUTHORIZED');
      }
      expect(await syncTasks()).toBe(before);
    });

    it('ignores other branches, tags, unknown repositories and other events (202), answers ping with 200', async () => {
      const before = await syncTasks();
      const otherBranch = await deliver('push', JSON.stringify({ ...PUSH_EXAMPLE, ref: 'refs/heads/feature' }));
      const tag = await deliver('push', JSON.stringify({ ...PUSH_EXAMPLE, ref: 'refs/tags/v1' }));
      const unknown = await deliver('push', JSON.stringify({ ...PUSH_EXAMPLE, repository: { ...PUSH_EXAMPLE.repository, full_name: 'someone/else' } }));
      const issues = await deliver('issues', JSON.stringify({ action: 'opened' }));
      for (const res of [otherBranch, tag, unknown, issues]) {
        expect(res.status).toBe(202);
        expect(res.body.message).toMatch(/ignored/i);
        expect(res.body.task_ids).toEqual([]);
      }
      expect((await deliver('ping', JSON.stringify({ zen: 'Keep it logically awesome.' }))).status).toBe(200);
      expect(await syncTasks()).toBe(before);
    });

    it('leaves the connection usable after all that', async () => {
      const connection = await http(url, 'GET', `/api/v1/github/connections/${connectionId}`, { token: dev.token });
      expect(connection.body).toMatchObject({ status: 'connected', last_synced_sha: PUSH_EXAMPLE.after });
    });
  });

  describe('tokens stay secret', () => {
    it('are sealed at rest: neither a database dump nor the logs of api and worker contain one', async () => {
      const [row] = await platform.sql<{ token_ciphertext: string }>('SELECT token_ciphertext FROM github_connections LIMIT 1');
      expect(row.token_ciphertext).toMatch(/^enc1:/);
      const dump = spawnSync('pg_dump', ['--data-only', platform.databaseUrl], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      expect(dump.status).toBe(0);
      expect(dump.stdout).toContain('github_connections');
      const logs = [...platform.apis, ...platform.workers].map((p) => p.logs()).join('\n');
      expect(logs.length).toBeGreaterThan(1000);
      for (const token of tokens) {
        expect(dump.stdout).not.toContain(token);
        expect(logs).not.toContain(token);
      }
    });

    it('a ciphertext copied to another connection does not open there', async () => {
      const rows = await platform.sql<{ id: string; token_ciphertext: string }>('SELECT id, token_ciphertext FROM github_connections ORDER BY created_at LIMIT 2');
      await platform.sql('UPDATE github_connections SET token_ciphertext = $1 WHERE id = $2', [rows[0].token_ciphertext, rows[1].id]);
      const task = await finished(dev, (await sync(dev, rows[1].id)).body.task_id);
      expect(task).toMatchObject({ status: 'failed', error: { code: 'CONFLICT', message: expect.stringContaining('cannot be decrypted') } });
    });
  });
});
