/**
 * THE rule for which values of a tool config are secrets; registry, GitHub sync and deployments
 * all go through it. A string value is secret when
 *  - its key names a secret (`token`, `secret`, `password`, `api_key`, `authorization`, …, in any
 *    case or separator style: `GITHUB_TOKEN`, `apiKey`, `client-secret`), or
 *  - it is a value of an `env`, `headers` or `environment_variables` map (`servers[].env.X`), or
 *    the `value` of a `{name, value}` entry in such a list (server.json's shape).
 * Secrets inside free text (e.g. `args: ["--token", "…"]`) cannot be recognised: use `env`.
 */
export type ConfigPath = (string | number)[];

/** What every response shows instead of a secret; sending it back on update keeps the stored value. */
export const SECRET_MASK = '********';

const SECRET_WORDS = new Set([
  'token', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'passphrase', 'credential', 'credentials',
  'authorization', 'cookie', 'apikey', 'privatekey', 'accesskey', 'signingkey', 'encryptionkey',
]);
const SECRET_CONTAINERS = new Set(['env', 'headers', 'environmentvariables']);

function words(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

export function isSecretKey(key: string): boolean {
  const w = words(key);
  return w.some((word, i) => SECRET_WORDS.has(word) || SECRET_WORDS.has(word + (w[i + 1] ?? '')));
}

const isContainer = (key: unknown) => typeof key === 'string' && SECRET_CONTAINERS.has(words(key).join(''));

export function isSecretPath(path: ConfigPath): boolean {
  const [key, parent, grandparent] = [path.at(-1), path.at(-2), path.at(-3)];
  if (typeof key !== 'string') return false;
  if (isSecretKey(key) || isContainer(parent)) return true;
  return key === 'value' && typeof parent === 'number' && isContainer(grandparent);
}

/**
 * A copy of `config` with every non-empty secret string replaced by `replace(value, path)`;
 * everything else is copied as data (own keys only, `__proto__` and `constructor` included).
 */
export function mapSecrets(config: Record<string, unknown>, replace: (value: string, path: ConfigPath) => unknown): Record<string, unknown> {
  return walk(config, [], replace) as Record<string, unknown>;
}

function walk(value: unknown, path: ConfigPath, replace: (value: string, path: ConfigPath) => unknown): unknown {
  if (typeof value === 'string') return value !== '' && isSecretPath(path) ? replace(value, path) : value;
  if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i], replace));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(copy, key, { value: walk(child, [...path, key], replace), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** The config as every response, history snapshot, export and analysis prompt shows it. */
export function maskSecrets(config: Record<string, unknown>): Record<string, unknown> {
  return mapSecrets(config, () => SECRET_MASK);
}

/** The value at `path`, or undefined. */
export function valueAt(config: unknown, path: ConfigPath): unknown {
  let node = config;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
