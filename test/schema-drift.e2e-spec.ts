import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Platform } from './support/platform';
import { ROOT } from './support/service-process';

/** Runs the drift check (scripts/check-schema-drift.js) against this platform's database. */
function checkSchema(platform: Platform) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/check-schema-drift.js')], {
    env: platform.env(),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('one source of truth for the schema', () => {
  const platform = new Platform();
  afterAll(() => platform.stop());

  it('finds nothing for migration:generate to write on a freshly migrated database', () => {
    const run = checkSchema(platform);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain('schema');
    expect(run.status).toBe(0);
  }, 90_000);

  it('fails, naming the statement, when the database and the entities differ', async () => {
    await platform.sql('ALTER TABLE tasks DROP CONSTRAINT tasks_progress_check');
    const run = checkSchema(platform);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('tasks_progress_check');
    expect(run.stderr).toContain('schema drift');
  }, 90_000);
});
