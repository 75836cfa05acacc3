import { hkdfSync, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@app/core';

/**
 * The bearer token between the api replicas and the workers' runners: RUNNER_TOKEN when set, else
 * derived from the platform's JWT secret with HKDF under its own label, so every process of one
 * platform agrees on it and it opens nothing else. Read at use time: in development the JWT secret
 * is only known once the process has loaded it from the database.
 */
export function runnerToken(config: AppConfig): string {
  if (config.runner.token) return config.runner.token;
  return Buffer.from(hkdfSync('sha256', config.jwtSecret, 'mcp-platform', 'runner-token-v1', 32)).toString('base64url');
}

/** Constant-time check of an `Authorization: Bearer …` header against the runner token. */
export function isRunnerAuthorized(header: string | undefined, config: AppConfig): boolean {
  const expected = Buffer.from(`Bearer ${runnerToken(config)}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
