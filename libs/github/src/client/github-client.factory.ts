import { Inject, Injectable, Logger } from '@nestjs/common';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { APP_CONFIG, type AppConfig } from '@app/core';

export type GithubClient = InstanceType<typeof GithubOctokit>;

/** Who is waiting on the call: a person (api request) or a queued sync (worker). */
export type CallerKind = 'request' | 'sync';

const GithubOctokit = Octokit.plugin(retry, throttling);

/** How long each kind of caller may wait: a request answers quickly, a sync rides out GitHub's limits. */
const PATIENCE: Record<CallerKind, { retries: number; backoffMs: number; rateLimitRetries: number; maxWaitS?: number }> = {
  request: { retries: 1, backoffMs: 200, rateLimitRetries: 1, maxWaitS: 5 },
  sync: { retries: 3, backoffMs: 1000, rateLimitRetries: 3 },
};

/** `fetch` that gives up after `timeoutMs`, keeping any signal the caller passed. */
export function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

/**
 * Octokit against GITHUB_API_URL with the retry and throttling plugins: a 403/429 with an exhausted
 * `x-ratelimit-remaining` or a `Retry-After` waits and retries instead of failing, every call has a
 * timeout, and Octokit's own log lines go to the Nest logger (they never include the token).
 */
@Injectable()
export class GithubClientFactory {
  private readonly logger = new Logger('GitHub');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  forToken(token: string, caller: CallerKind): GithubClient {
    const patience = PATIENCE[caller];
    const maxWaitS = patience.maxWaitS ?? this.config.github.maxRateLimitWaitS;
    const onLimit = (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const wait = retryCount < patience.rateLimitRetries && retryAfter <= maxWaitS;
      this.logger.warn(`GitHub rate limit on ${options.method} ${options.url}: ${wait ? `retrying in ${retryAfter} s` : 'giving up'}`);
      return wait;
    };
    return new GithubOctokit({
      auth: token,
      baseUrl: this.config.github.apiUrl,
      userAgent: 'mcp-platform',
      request: { fetch: fetchWithTimeout(this.config.github.timeoutMs) },
      retry: { retries: patience.retries, retryAfterBaseValue: patience.backoffMs },
      throttle: { onRateLimit: onLimit, onSecondaryRateLimit: onLimit },
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: (message: string) => this.logger.warn(message),
        error: (message: string) => this.logger.error(message),
      },
    });
  }
}
