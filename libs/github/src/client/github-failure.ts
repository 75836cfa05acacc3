import { AppException } from '@app/core';

/** What went wrong talking to GitHub, reduced to what callers decide on. */
export type GithubFailure =
  | { kind: 'bad-credentials' }
  | { kind: 'not-found' }
  | { kind: 'forbidden'; message: string }
  | { kind: 'rate-limited'; retryAfterS: number }
  | { kind: 'unreachable'; message: string }
  | { kind: 'upstream'; status: number; message: string };

interface OctokitError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function retryAfterOf(headers: Record<string, string | undefined>): number | undefined {
  if (headers['retry-after']) return Math.max(1, Number(headers['retry-after']) || 60);
  if (headers['x-ratelimit-remaining'] === '0') return Math.max(1, Number(headers['x-ratelimit-reset'] ?? 0) - Math.floor(Date.now() / 1000));
  return undefined;
}

/** Classifies an Octokit RequestError (or a network failure) without keeping any request detail. */
export function classifyGithubError(err: unknown): GithubFailure {
  const error = (err ?? {}) as OctokitError;
  const response = error.response;
  if (!response || typeof error.status !== 'number') return { kind: 'unreachable', message: error.message ?? 'no response' };
  const message = (response.data as { message?: string } | undefined)?.message ?? error.message ?? '';
  const retryAfterS = retryAfterOf(response.headers ?? {});
  if ((error.status === 403 || error.status === 429) && retryAfterS !== undefined) return { kind: 'rate-limited', retryAfterS };
  if (error.status === 401) return { kind: 'bad-credentials' };
  if (error.status === 404) return { kind: 'not-found' };
  if (error.status === 403) return { kind: 'forbidden', message };
  return { kind: 'upstream', status: error.status, message };
}

/**
 * The failures every caller maps the same way: GitHub down or erring is a 502, its rate limit a 503
 * with Retry-After. Callers handle credentials and missing repositories themselves (they know which
 * field to blame) and pass everything else here.
 */
export function githubUnavailable(failure: GithubFailure): AppException {
  switch (failure.kind) {
    case 'rate-limited':
      return new AppException(
        503,
        'SERVICE_UNAVAILABLE',
        `GitHub's rate limit is exhausted; retry in ${failure.retryAfterS} s`,
        { retry_after: failure.retryAfterS },
        { 'Retry-After': String(failure.retryAfterS) },
      );
    case 'unreachable':
      return new AppException(502, 'BAD_GATEWAY', `GitHub could not be reached (${failure.message})`);
    case 'upstream':
      return new AppException(502, 'BAD_GATEWAY', `GitHub answered ${failure.status}: ${failure.message}`);
    case 'bad-credentials':
    case 'not-found':
    case 'forbidden':
      return new AppException(502, 'BAD_GATEWAY', `GitHub refused the request (${failure.kind})`);
  }
}
