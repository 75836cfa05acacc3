import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Platform } from './support/platform';
import { ROOT } from './support/service-process';

describe('admin:create (the CLI)', () => {
  const platform = new Platform();
  afterAll(() => platform.stop());
  const createAdmin = (username: string, email: string) =>
    spawnSync(process.execPath, [join(ROOT, 'dist/apps/api/apps/api/src/cli/create-admin.js'), '--username', username, '--email', email], {
      env: platform.env({ ADMIN_PASSWORD: 'admin-password-1' }),
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('creates an admin through UsersService on a new database, and refuses a duplicate in one line', async () => {
    const run = createAdmin('root', 'root@example.com');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('admin "root" created');
    const [row] = await platform.sql<{ role: string; password_hash: string }>(`SELECT role, password_hash FROM users WHERE username = 'root'`);
    expect(row.role).toBe('admin');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const again = createAdmin('ROOT', 'other@example.com');
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe('admin:create failed: Username or email is already registered');
  }, 90_000);
});
