import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/**
 * The environment the process runs with: variables from `.env` in the working directory (if any),
 * overridden by the real environment. process.env itself is left untouched, so nothing read from
 * the file leaks into child processes.
 */
export function environmentWithDotEnv(env: NodeJS.ProcessEnv = process.env, path = resolve(process.cwd(), '.env')): NodeJS.ProcessEnv {
  if (!existsSync(path)) return env;
  const fromFile = parseEnv(readFileSync(path, 'utf8')) as NodeJS.ProcessEnv;
  return { ...fromFile, ...env };
}
