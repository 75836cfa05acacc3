import { spawn, spawnSync } from 'node:child_process';
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
    expect(again.stderr.trim().split('\n')).toEqual([
      `writing to database ${platform.databaseName} on 127.0.0.1:5432`,
      'admin:create failed: Username or email is already registered',
    ]);
  }, 90_000);
});

describe('admin:create on a terminal', () => {
  const platform = new Platform();
  afterAll(() => platform.stop());

  it('asks for the password twice without echoing it, and names the database it writes to', async () => {
    const password = 'typed-on-a-tty-7';
    const cli = `${process.execPath} ${join(ROOT, 'dist/apps/api/apps/api/src/cli/create-admin.js')} --username tty_admin --email tty@example.com`;
    // `script` gives the CLI a real pseudo-terminal; each answer is typed only once its prompt is shown.
    const child = spawn('script', ['-qec', cli, '/dev/null'], { env: platform.env(), stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const answered = new Set<string>();
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      for (const prompt of ['Password for the new admin:', 'Repeat the password:']) {
        if (screen.includes(prompt) && !answered.has(prompt)) {
          answered.add(prompt);
          child.stdin.write(`${password}\r`);
        }
      }
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(screen).toContain(`writing to database ${platform.databaseName} on 127.0.0.1:5432`);
    expect(screen).toContain('admin "tty_admin" created');
    expect(screen).not.toContain(password);
    const [row] = await platform.sql<{ role: string }>(`SELECT role FROM users WHERE username = 'tty_admin'`);
    expect(row.role).toBe('admin');
  }, 90_000);
});
