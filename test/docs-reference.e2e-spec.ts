import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PERMISSIONS } from '../libs/auth/src/nest-free';
import { envSchema, ERROR_CODES } from '../libs/core/src/nest-free';
import { ROOT } from './support/service-process';

const DOCS = join(ROOT, 'docs');
const page = (name: string) => readFileSync(join(DOCS, name), 'utf8');
const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * The reference pages of docs/ against the code: every error code the code can emit, every
 * environment variable it reads, every permission, and links that stay inside the repository.
 */
describe('docs/ reference pages', () => {
  it('errors.md explains every error_code, and every code a task can fail with', () => {
    const taskCodes = sourceFiles(join(ROOT, 'libs')).flatMap((file) => [
      ...[...readFileSync(file, 'utf8').matchAll(/PermanentTaskFailure\('([A-Z_]+)'/g)].map((m) => m[1]),
      ...[...readFileSync(file, 'utf8').matchAll(/: '(TASK_FAILED)'/g)].map((m) => m[1]),
    ]);
    expect(taskCodes).toContain('TASK_FAILED');
    const errors = page('errors.md');
    expect([...ERROR_CODES, ...taskCodes].filter((code) => !errors.includes(`\`${code}\``))).toEqual([]);
  });

  it('configuration.md documents every variable the config schema and .env.example name', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const fromExample = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1].replace(/^QUEUE_ANALYSIS_/, 'QUEUE_<…>_'));
    const configuration = page('configuration.md');
    const documented = (name: string) =>
      configuration.includes(`\`${name}\``) || (name.startsWith('QUEUE_<…>_') && configuration.includes(`${name.replace('QUEUE_<…>_', '')}\``));
    expect([...Object.keys(envSchema.shape), ...fromExample].filter((name) => !documented(name))).toEqual([]);
  });

  it('the walkthrough says what every permission allows', () => {
    const walkthrough = page('walkthrough.md');
    expect(PERMISSIONS.filter((permission) => !walkthrough.includes(`\`${permission}\``))).toEqual([]);
  });

  it('links only to files of the repository, and every one exists', () => {
    for (const name of pages) {
      const links = [...page(name).matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
      expect({ name, external: links.filter((l) => /^[a-z]+:/i.test(l) || l.includes('shared/')) }).toEqual({ name, external: [] });
      const missing = links.map((l) => l.replace(/#.*$/, '')).filter((l) => l && !existsSync(resolve(dirname(join(DOCS, name)), l)));
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  });
});
