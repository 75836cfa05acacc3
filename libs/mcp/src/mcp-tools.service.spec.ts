import { randomBytes } from 'node:crypto';
import { vi } from 'vitest';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { SecretBox, systemActor, userActor } from '@app/core';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { McpToolVersionEntity } from './entities/mcp-tool-version.entity';
import { McpToolsService } from './mcp-tools.service';
import { SECRET_MASK } from './secrets/secret-fields';
import { ToolSecrets } from './secrets/tool-secrets.service';

const OWNER = '550e8400-e29b-41d4-a716-446655440000';
const CONFIG = { servers: [{ name: 'weather-server', url: 'http://api.weather.com' }], tools: [{ name: 'get_weather', description: 'Weather' }] };

/** The service with its database mocked: the transaction hands out a manager that keeps what it saved. */
function newTestService(existing?: McpToolEntity) {
  const saved: object[] = [];
  const manager = {
    create: (_entity: unknown, fields: object) => ({ ...fields }),
    save: vi.fn(async (row: object) => {
      saved.push(row);
      return { id: 'id' in row ? row.id : 'new-id', ...row };
    }),
    findOne: vi.fn(async () => existing && { ...existing }),
  } as unknown as EntityManager;
  const dataSource = { transaction: (work: (m: EntityManager) => unknown) => work(manager) } as unknown as DataSource;
  const service = new McpToolsService({} as Repository<McpToolEntity>, dataSource, new ToolSecrets(new SecretBox(randomBytes(32))));
  const versions = () => saved.filter((row) => 'changeType' in row) as Partial<McpToolVersionEntity>[];
  return { service, versions, saved };
}

const tool = (): McpToolEntity =>
  Object.assign(new McpToolEntity(), { id: 'tool-1', name: 'Weather', slug: 'weather', version: '1.0.0', config: CONFIG, authorId: OWNER, revision: 1 });

describe('McpToolsService writes on behalf of an actor', () => {
  it('records a user’s change with the user as changed_by', async () => {
    const { service, versions } = newTestService();
    await service.create(userActor(OWNER), { name: 'Weather', slug: 'weather', version: '1.0.0', config: CONFIG });
    expect(versions()).toEqual([expect.objectContaining({ changeType: 'create', changedBy: OWNER, changedByActor: 'user' })]);
  });

  it('lets a sync write a new version for the owner, labelled as the sync', async () => {
    const { service, versions } = newTestService(tool());
    const updated = await service.update(systemActor('github-sync', OWNER), 'tool-1', { version: '1.1.0', config: { ...CONFIG, tools: [] } }, { changeType: 'sync' });
    expect(updated).toMatchObject({ version: '1.1.0', revision: 2, authorId: OWNER });
    expect(versions()).toEqual([expect.objectContaining({ changeType: 'sync', version: '1.1.0', changedBy: OWNER, changedByActor: 'github-sync' })]);
  });

  it('records a change by the platform alone with no user', async () => {
    const { service, versions } = newTestService(tool());
    await service.update(systemActor('reconciler'), 'tool-1', { status: 'deprecated' }, { changeType: 'sync' });
    expect(versions()).toEqual([expect.objectContaining({ changedBy: null, changedByActor: 'reconciler' })]);
  });

  it('still refuses a stale If-Match whoever writes', async () => {
    const { service, versions } = newTestService(tool());
    await expect(service.update(systemActor('github-sync', OWNER), 'tool-1', { status: 'active' }, { ifMatch: '"tool-1.0"' })).rejects.toMatchObject({
      status: 412,
    });
    expect(versions()).toEqual([]);
  });

  it('seals secrets in the tool row and masks them in the history snapshot', async () => {
    const { service, versions, saved } = newTestService();
    const config = { servers: [{ name: 's', command: 'npx', env: { API_KEY: 'sk-unit-plaintext' } }] };
    await service.create(userActor(OWNER), { name: 'Weather', slug: 'weather', version: '1.0.0', config });
    const row = saved.find((r) => 'slug' in r) as McpToolEntity;
    expect(JSON.stringify(row.config)).not.toContain('sk-unit-plaintext');
    expect(SecretBox.isSealed((row.config as typeof config).servers[0].env.API_KEY)).toBe(true);
    expect(versions()[0].config).toEqual({ servers: [{ name: 's', command: 'npx', env: { API_KEY: SECRET_MASK } }] });
  });

  it('refuses "user" as a system actor label', () => {
    expect(() => systemActor('user')).toThrow(/reserved/);
  });
});
