import { Account, login, promoteToAdmin, registerAndLogin } from './support/accounts';
import { CONTRACT, UUID } from './support/contract';
import { http } from './support/http';
import { Platform } from './support/platform';
import { WsClient } from './support/realtime';

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !condition(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
  }
}

describe('user administration and password changes', () => {
  const platform = new Platform({ workers: 1 });
  let url: string;
  let admin: Account;
  let dev: Account;
  let viewer: Account;

  const asAdmin = (method: string, path: string, json?: unknown) => http(url, method, path, { token: admin.token, json });
  const me = (headers: Record<string, string>) => http(url, 'GET', '/api/v1/auth/me', { headers });

  beforeAll(async () => {
    await platform.start();
    url = platform.api.url;
    [admin, dev, viewer] = await Promise.all([registerAndLogin(url), registerAndLogin(url), registerAndLogin(url, 'viewer')]);
    admin = await promoteToAdmin(platform, url, admin);
  }, 90_000);
  afterAll(() => platform.stop());

  it('lists, filters and reads accounts; only admins may', async () => {
    const all = await asAdmin('GET', '/api/v1/users?page_size=100');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((u: { id: string }) => u.id).sort()).toEqual([admin.id, dev.id, viewer.id].sort());
    expect(JSON.stringify(all.body)).not.toMatch(/password/i);
    const viewers = await asAdmin('GET', '/api/v1/users?role=viewer');
    expect(viewers.body.items).toEqual([expect.objectContaining({ id: viewer.id, role: 'viewer', is_active: true })]);
    const byName = await asAdmin('GET', `/api/v1/users?q=${dev.username.toUpperCase()}`);
    expect(byName.body.items.map((u: { id: string }) => u.id)).toEqual([dev.id]);
    expect((await asAdmin('GET', `/api/v1/users/${dev.id}`)).body).toMatchObject({ id: dev.id, username: dev.username, role: 'developer' });
    expect((await asAdmin('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const denied = await http(url, 'GET', '/api/v1/users', { token: dev.token });
    expect(denied.status).toBe(403);
    expect(denied.body.required_permission).toBe('users:admin');
  });

  it('changes a role, and the new permissions apply to the existing token at once', async () => {
    const target = await registerAndLogin(url, 'viewer');
    const createTool = () => http(url, 'POST', '/api/v1/mcps', { token: target.token, json: { name: `t_${target.id.slice(0, 8)}`, description: 'd', version: '1.0.0', config: { servers: [{ name: 's', url: 'https://example.com/mcp' }] } } });
    expect((await createTool()).status).toBe(403);
    const promoted = await asAdmin('PATCH', `/api/v1/users/${target.id}`, { role: 'developer' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('developer');
    expect((await createTool()).status).not.toBe(403);
    expect((await asAdmin('PATCH', `/api/v1/users/${target.id}`, { role: 'owner' })).status).toBe(422);
    expect((await asAdmin('PATCH', `/api/v1/users/${target.id}`, {})).body.detail[0].loc).toEqual(['body']);
  });

  it('deactivation stops the access token, the API key and the refresh token; reactivation restores login', async () => {
    const target = await registerAndLogin(url);
    const key = (await http(url, 'POST', '/api/v1/auth/api-keys', { token: target.token, json: { name: 'k' } })).body.key;
    expect((await me({ 'x-api-key': key })).status).toBe(200);
    const ws = await WsClient.connect(url, target.token);
    const off = await asAdmin('PATCH', `/api/v1/users/${target.id}`, { is_active: false });
    expect(off.body.is_active).toBe(false);
    expect((await me({ authorization: `Bearer ${target.token}` })).status).toBe(401);
    expect((await me({ 'x-api-key': key })).status).toBe(401);
    // The open /ws is closed at once (the periodic re-check is a minute away by default).
    await waitFor(() => ws.closeCode === 4401);
    expect((await http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: target.refreshToken } })).status).toBe(401);
    expect((await http(url, 'POST', '/api/v1/auth/login', { json: { username: target.username, password: target.password } })).status).toBe(401);
    expect((await asAdmin('GET', '/api/v1/users?is_active=false')).body.items.map((u: { id: string }) => u.id)).toContain(target.id);

    await asAdmin('PATCH', `/api/v1/users/${target.id}`, { is_active: true });
    expect((await me({ 'x-api-key': key })).status).toBe(200);
    await login(url, target.username, target.password);
  });

  it('refuses to demote or deactivate the last active admin', async () => {
    const res = await asAdmin('PATCH', `/api/v1/users/${admin.id}`, { is_active: false });
    expect(res.status).toBe(409);
    expect(res.body.error_code).toBe('CONFLICT');
    expect((await asAdmin('PATCH', `/api/v1/users/${admin.id}`, { role: 'viewer' })).status).toBe(409);
  });

  it('resets a password (admin) and changes one (user), ending other sessions', async () => {
    const target = await registerAndLogin(url);
    const reset = await asAdmin('POST', `/api/v1/users/${target.id}/reset-password`, { new_password: 'Reset-Password-1!' });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ message: 'Password reset', user_id: target.id });
    expect((await http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: target.refreshToken } })).status).toBe(401);
    const session = await login(url, target.username, 'Reset-Password-1!');

    const change = (current_password: string, new_password: string) =>
      http(url, 'POST', '/api/v1/auth/change-password', { token: session.token, json: { current_password, new_password } });
    expect((await change('wrong-password', 'Another-Password-2!')).status).toBe(401);
    expect((await change('Reset-Password-1!', 'short')).body.detail[0].loc).toEqual(['body', 'new_password']);
    expect((await change('Reset-Password-1!', 'Another-Password-2!')).status).toBe(200);
    expect((await http(url, 'POST', '/api/v1/auth/refresh', { json: { refresh_token: session.refreshToken } })).status).toBe(401);
    await expect(login(url, target.username, 'Reset-Password-1!')).rejects.toThrow('401');
    await login(url, target.username, 'Another-Password-2!');
    expect(platform.api.logs()).not.toContain('Another-Password-2!');
  });

  it("lets an admin list every user's tasks, filtered by owner; others see only their own", async () => {
    const submit = (who: Account) => http(url, 'POST', '/api/v1/analyze/feasibility', { token: who.token, json: CONTRACT.feasibility });
    const [mine, theirs] = await Promise.all([submit(dev), submit(admin)]);
    expect(mine.status).toBe(202);
    const adminList = await asAdmin('GET', '/api/v1/tasks?page_size=100');
    const ids = adminList.body.items.map((t: { task_id: string }) => t.task_id);
    expect(ids).toEqual(expect.arrayContaining([mine.body.task_id, theirs.body.task_id]));
    const filtered = await asAdmin('GET', `/api/v1/tasks?owner_id=${dev.id}`);
    expect(filtered.body.items.map((t: { owner_id: string }) => t.owner_id)).toEqual([dev.id]);
    const devList = await http(url, 'GET', '/api/v1/tasks', { token: dev.token });
    expect(devList.body.items.every((t: { owner_id: string }) => t.owner_id === dev.id)).toBe(true);
    const snooping = await http(url, 'GET', `/api/v1/tasks?owner_id=${admin.id}`, { token: dev.token });
    expect(snooping.body).toMatchObject({ items: [], total: 0 });
    expect((await asAdmin('GET', '/api/v1/tasks?owner_id=nope')).status).toBe(422);
  });

  it('refuses an API key that would already be expired', async () => {
    const res = await http(url, 'POST', '/api/v1/auth/api-keys', { token: dev.token, json: { name: 'old', expires_at: '2025-12-31T23:59:59Z' } });
    expect(res.status).toBe(422);
    expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'expires_at'], type: 'value_error.date.not_in_the_future' });
    const ok = await http(url, 'POST', '/api/v1/auth/api-keys', { token: dev.token, json: { name: 'new', expires_at: '2099-12-31T23:59:59Z' } });
    expect(ok.status).toBe(201);
    expect(ok.body.id).toMatch(UUID);
  });
});
