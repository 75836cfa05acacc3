import { execFileSync } from 'node:child_process';
import { Account, registerAndLogin } from './support/accounts';
import { CONTRACT } from './support/contract';
import { FakeOpenAi } from './support/fake-openai';
import { http } from './support/http';
import { Platform } from './support/platform';
import { keyIdOf, SecretBox } from '../libs/core/src/nest-free';

const MASK = '********';
const SECRETS = { apiKey: 'sk-live-4f9a-e2e-plaintext', header: 'Bearer hdr-7c21-e2e-plaintext', token: 'ghp_e2eTokenPlaintext0042' };

/** A config holding secrets in the three places the rule covers: env values, header values, secret-named keys. */
const secretConfig = (apiKey = SECRETS.apiKey) => ({
  servers: [
    { name: 'local', command: 'npx', args: ['-y', '@acme/weather-mcp'], env: { WEATHER_API_KEY: apiKey, REGION: 'eu' } },
    { name: 'remote', url: 'https://weather.example.com/mcp', headers: { Authorization: SECRETS.header } },
  ],
  tools: CONTRACT.createTool.config.tools,
  auth: { github_token: SECRETS.token },
});
const maskedConfig = {
  ...secretConfig(),
  servers: [
    { name: 'local', command: 'npx', args: ['-y', '@acme/weather-mcp'], env: { WEATHER_API_KEY: MASK, REGION: MASK } },
    { name: 'remote', url: 'https://weather.example.com/mcp', headers: { Authorization: MASK } },
  ],
  auth: { github_token: MASK },
};

describe('secrets in tool configs', () => {
  const llm = new FakeOpenAi();
  let platform: Platform;
  let url: string;
  let owner: Account;
  let viewer: Account;
  let id: string;
  const responses: string[] = [];
  const call = async (...args: Parameters<typeof http>) => {
    const res = await http(...args);
    responses.push(res.text);
    return res;
  };

  beforeAll(async () => {
    await llm.start();
    const env = { LLM_PROVIDER: 'openai', OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-not-a-real-key' };
    platform = await new Platform({ workers: 1, env }).start();
    url = platform.api.url;
    [owner, viewer] = await Promise.all([registerAndLogin(url), registerAndLogin(url, 'viewer')]);
    const created = await call(url, 'POST', '/api/v1/mcps', { token: owner.token, json: { ...CONTRACT.createTool, slug: 'secret-tool', config: secretConfig() } });
    expect(created.status).toBe(201);
    id = created.body.id;
  }, 90_000);
  afterAll(async () => {
    await platform.stop();
    await llm.stop();
  });

  it('masks secrets for everyone, the owner included, in the tool and its history', async () => {
    for (const who of [owner, viewer]) {
      const tool = await call(url, 'GET', `/api/v1/mcps/${id}`, { token: who.token });
      expect(tool.body.config).toEqual(maskedConfig);
      const history = await call(url, 'GET', `/api/v1/mcps/${id}/history`, { token: who.token });
      expect(history.body.versions[0].config).toEqual(maskedConfig);
    }
  });

  it('keeps a secret when the client sends the mask back, and replaces it when it sends a value', async () => {
    const box = new SecretBox(Buffer.alloc(32, 7)); // the test platform's ENCRYPTION_KEY
    const storedKey = async () => {
      const [row] = await platform.sql<{ config: any }>('SELECT config FROM mcp_tools WHERE id = $1', [id]);
      return box.open(row.config.servers[0].env.WEATHER_API_KEY, `mcp_tool:${id}:["servers",0,"env","WEATHER_API_KEY"]`);
    };
    expect(await storedKey()).toBe(SECRETS.apiKey);
    const kept = await call(url, 'PUT', `/api/v1/mcps/${id}`, { token: owner.token, json: { description: 'same secrets', config: maskedConfig } });
    expect(kept.status).toBe(200);
    expect(await storedKey()).toBe(SECRETS.apiKey);
    const changed = { ...maskedConfig, servers: [{ ...maskedConfig.servers[0], env: { WEATHER_API_KEY: 'sk-rotated-e2e-plaintext', REGION: MASK } }, maskedConfig.servers[1]] };
    const replaced = await call(url, 'PUT', `/api/v1/mcps/${id}`, { token: owner.token, json: { version: '1.1.0', config: changed } });
    expect(replaced.status).toBe(200);
    expect(await storedKey()).toBe('sk-rotated-e2e-plaintext');
    const rolledBack = await call(url, 'POST', `/api/v1/mcps/${id}/rollback`, { token: owner.token, json: { version: '1.0.0' } });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body.config).toEqual(maskedConfig);
  });

  it('rejects a mask where nothing is stored', async () => {
    const res = await call(url, 'POST', '/api/v1/mcps', { token: owner.token, json: { ...CONTRACT.createTool, slug: 'masked-tool', config: maskedConfig } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'config', 'servers', 0, 'env', 'WEATHER_API_KEY'], type: 'value_error.secret_mask' });
  });

  it('keeps secrets out of the server.json export, analysis prompts and results', async () => {
    const exported = await call(url, 'GET', `/api/v1/mcps/${id}/server.json`, { token: viewer.token });
    expect(exported.status).toBe(200);
    const analysed = await call(url, 'POST', '/api/v1/analyze/improvements', { token: owner.token, json: { tool_id: id } });
    const inline = await call(url, 'POST', '/api/v1/analyze/feasibility', { token: owner.token, json: { config: { name: 'x', ...secretConfig() } } });
    for (const taskId of [analysed.body.task_id, inline.body.task_id]) {
      const deadline = Date.now() + 20_000;
      let task = await call(url, 'GET', `/api/v1/tasks/${taskId}`, { token: owner.token });
      while (!['completed', 'failed'].includes(task.body.status) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        task = await call(url, 'GET', `/api/v1/tasks/${taskId}`, { token: owner.token });
      }
      expect(['completed', 'failed']).toContain(task.body.status);
    }
    expect(llm.prompts.length).toBeGreaterThanOrEqual(2);
    for (const prompt of llm.prompts) for (const secret of Object.values(SECRETS)) expect(prompt).not.toContain(secret);
  });

  it('seals the plain-text secrets of tools stored before encryption, and masks their history, at start', async () => {
    const legacy = JSON.stringify(secretConfig());
    const [row] = await platform.sql<{ id: string }>(
      `INSERT INTO mcp_tools (name, slug, version, status, config, author_id) VALUES ('Legacy', 'legacy-tool', '1.0.0', 'draft', $1, $2) RETURNING id`,
      [legacy, owner.id],
    );
    await platform.sql(`INSERT INTO mcp_tool_versions (tool_id, version, change_type, config, changed_by) VALUES ($1, '1.0.0', 'create', $2, $3)`, [row.id, legacy, owner.id]);
    platform.apis.push(await (await platform.spawn('api')).waitReady());
    const plain = () => platform.sql(`SELECT 1 FROM mcp_tools t JOIN mcp_tool_versions v ON v.tool_id = t.id WHERE t.config::text LIKE $1 OR v.config::text LIKE $1`, [`%${SECRETS.apiKey}%`]);
    const deadline = Date.now() + 20_000;
    while ((await plain()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await plain()).toHaveLength(0);
    const box = new SecretBox(Buffer.alloc(32, 7));
    const [stored] = await platform.sql<{ config: any }>('SELECT config FROM mcp_tools WHERE id = $1', [row.id]);
    expect(box.open(stored.config.auth.github_token, `mcp_tool:${row.id}:["auth","github_token"]`)).toBe(SECRETS.token);
    const history = await call(url, 'GET', `/api/v1/mcps/${row.id}/history`, { token: owner.token });
    expect(history.body.versions[0].config).toEqual(maskedConfig);
  });

  it('stores no secret in plain text: a full database dump and every response are clean', async () => {
    const dump = execFileSync('pg_dump', ['--data-only', platform.databaseUrl], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(dump).toContain('secret-tool');
    expect(dump).toMatch(/enc1:/);
    const everything = [dump, ...responses, ...platform.apis.map((p) => p.logs()), ...platform.workers.map((p) => p.logs())].join('\n');
    for (const secret of [...Object.values(SECRETS), 'sk-rotated-e2e-plaintext']) expect(everything).not.toContain(secret);
  });

  it('binds each ciphertext to its row: copied to another tool, it does not open', async () => {
    const other = await call(url, 'POST', '/api/v1/mcps', { token: owner.token, json: { ...CONTRACT.createTool, slug: 'other-tool', config: secretConfig('sk-other') } });
    await platform.sql(`UPDATE mcp_tools SET config = (SELECT config FROM mcp_tools WHERE id = $1), version = '9.0.0' WHERE id = $2`, [id, other.body.id]);
    // An update opens the stored secrets to merge masks: a moved ciphertext fails there, loudly, never decrypted.
    const res = await call(url, 'PUT', `/api/v1/mcps/${other.body.id}`, { token: owner.token, json: { version: '9.1.0', config: maskedConfig } });
    expect(res.status).toBe(500);
    expect(res.body.error_code).toBe('INTERNAL_ERROR');
    expect(res.text).not.toContain(SECRETS.apiKey);
  });

  it('after a key rotation, opens old values with the previous key and re-seals every tool with the new one at start', async () => {
    const [oldKey, newKey] = [Buffer.alloc(32, 7), Buffer.alloc(32, 9)];
    const rotated = await (await platform.spawn('api', { ENCRYPTION_KEY: newKey.toString('base64'), ENCRYPTION_KEYS_PREVIOUS: oldKey.toString('base64') })).waitReady();
    platform.apis.push(rotated);
    const storedKeyId = async () => {
      const [row] = await platform.sql<{ config: any }>('SELECT config FROM mcp_tools WHERE id = $1', [id]);
      return row.config.servers[0].env.WEATHER_API_KEY.split(':')[1] as string;
    };
    const deadline = Date.now() + 20_000;
    while ((await storedKeyId()) !== keyIdOf(newKey) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await storedKeyId()).toBe(keyIdOf(newKey));
    const [row] = await platform.sql<{ config: any }>('SELECT config FROM mcp_tools WHERE id = $1', [id]);
    expect(new SecretBox(newKey).open(row.config.servers[0].env.WEATHER_API_KEY, `mcp_tool:${id}:["servers",0,"env","WEATHER_API_KEY"]`)).toBe('sk-rotated-e2e-plaintext');
    // The rotated replica still reads and keeps secrets through the API.
    const kept = await call(rotated.url, 'PUT', `/api/v1/mcps/${id}`, { token: owner.token, json: { description: 'after rotation', config: maskedConfig } });
    expect(kept.status).toBe(200);
  });
});
