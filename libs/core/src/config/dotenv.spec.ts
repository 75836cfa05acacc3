import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentWithDotEnv } from './dotenv';

describe('environmentWithDotEnv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
  const file = join(dir, '.env');
  writeFileSync(file, '# comment\nPORT=9100\nLOG_LEVEL="debug"\nQUEUE_PREFIX=from-file\n');

  it('reads the file and lets the real environment win', () => {
    const env = environmentWithDotEnv({ QUEUE_PREFIX: 'from-env' }, file);
    expect(env.PORT).toBe('9100');
    expect(env.LOG_LEVEL).toBe('debug');
    expect(env.QUEUE_PREFIX).toBe('from-env');
  });

  it('is the environment itself when there is no file', () => {
    const env = { PORT: '1' };
    expect(environmentWithDotEnv(env, join(dir, 'missing.env'))).toBe(env);
  });
});
