/**
 * Shapes of well-known credentials. Matched on any string, whatever its key, so that a token pasted
 * into an unexpected place is still found and never repeated back in a message.
 */
export const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/,
  /\bgh[pousr]_[A-Za-z0-9]{36,}/,
  /\bgithub_pat_[A-Za-z0-9_]{22,}/,
  /\bglpat-[A-Za-z0-9_-]{20,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----/,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  /\bBearer\s+[A-Za-z0-9._~+/-]{16,}/i,
];

/** Keys whose string value is a credential (`apiKey`, `OPENAI_API_KEY`, `x-api-key`, `password`...). */
const SECRET_KEY_PATTERN =
  /(?:^|[^a-z])(?:password|passwd|pwd|secret|token|api_?key|apikey|access_?key|private_?key|client_?secret|credentials?|authorization|bearer|cookie)(?:[^a-z]|$)/;

/** Keys that name or locate a secret rather than hold it (`token_url`, `api_key_env`, `secret_name`). */
const SECRET_KEY_EXCEPTIONS =
  /(?:^|_)(?:url|uri|endpoint|name|type|path|file|header|field|policy|hint|env|var|variable|length|count|limit)$/;

/** `https://user:password@host`: a password in the userinfo part of a URL. */
const URL_CREDENTIALS_PATTERN = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:([^/\s@]+)@/i;

/** `--api-key=...` or `--token=...` inside a single argument. */
const SECRET_FLAG_WITH_VALUE = /^--?[a-z0-9_-]*(?:key|token|secret|password)[a-z0-9_-]*=(.+)$/i;

/** `--api-key` whose value is the next argument. */
const SECRET_FLAG = /^--?[a-z0-9_-]*(?:key|token|secret|password)[a-z0-9_-]*$/i;

/** References resolved at deploy time (`${API_KEY}`, `$TOKEN`, `{{secret}}`, `env:X`) and obvious placeholders. */
const NOT_A_SECRET = /^(?:\$\{[^}]+\}|\$[A-Za-z_][A-Za-z0-9_]*|\{\{.*\}\}|(?:env|secret|vault):.*|op:\/\/.*|<[^>]*>|your[_ -].*|x+|\*+)$/i;

export function looksLikeSecretValue(value: string): boolean {
  return SECRET_VALUE_PATTERNS.some((pattern) => pattern.test(value));
}

export function isSecretKey(key: string): boolean {
  const normalised = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();
  return SECRET_KEY_PATTERN.test(normalised) && !SECRET_KEY_EXCEPTIONS.test(normalised);
}

export function isLiteralSecret(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length > 0 && !NOT_A_SECRET.test(trimmed) && !trimmed.includes('${');
}

export function hasUrlCredentials(value: string): boolean {
  const password = URL_CREDENTIALS_PATTERN.exec(value)?.[1];
  return password !== undefined && isLiteralSecret(password);
}

export function secretFlagValue(arg: string): string | undefined {
  return SECRET_FLAG_WITH_VALUE.exec(arg)?.[1];
}

export function isSecretFlag(arg: string): boolean {
  return SECRET_FLAG.test(arg);
}
