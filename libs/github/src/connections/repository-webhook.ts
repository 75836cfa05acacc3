import type { GithubClient } from '../client/github-client.factory';
import { classifyGithubError } from '../client/github-failure';

/** What connect did about the repository's webhook; `manual` tells the user to add it by hand. */
export type WebhookSetup =
  | { status: 'created'; id: number; url: string; events: string[] }
  | { status: 'existing' | 'manual'; url: string; events: string[]; detail: string };

const EVENTS = ['push'];

function manual(url: string, reason: string): WebhookSetup {
  return {
    status: 'manual',
    url,
    events: EVENTS,
    detail: `${reason}: add a webhook by hand with payload URL ${url}, content type application/json, the platform's webhook secret and the push event`,
  };
}

/**
 * Creates the repository's push webhook when the token may manage hooks. Anything GitHub refuses
 * leaves the connection usable (manual syncs work), so it is reported rather than thrown.
 */
export async function createRepositoryWebhook(
  client: GithubClient,
  target: { owner: string; repo: string; canAdmin: boolean },
  url: string,
  secret: string | undefined,
): Promise<WebhookSetup> {
  if (!secret) return manual(url, 'GITHUB_WEBHOOK_SECRET is not set on the platform');
  if (!target.canAdmin) return manual(url, "The token may not manage this repository's webhooks");
  try {
    const { data } = await client.rest.repos.createWebhook({
      owner: target.owner,
      repo: target.repo,
      config: { url, content_type: 'json', secret, insecure_ssl: '0' },
      events: EVENTS,
      active: true,
    });
    return { status: 'created', id: data.id, url, events: EVENTS };
  } catch (err) {
    const failure = classifyGithubError(err);
    if (failure.kind === 'upstream' && failure.status === 422) {
      return { status: 'existing', url, events: EVENTS, detail: 'The repository already has a webhook for this URL; it is kept as it is' };
    }
    return manual(url, `GitHub refused to create the webhook (${failure.kind})`);
  }
}

/** Best effort: a hook already gone, or a token since revoked, must not block a disconnect. */
export async function deleteRepositoryWebhook(client: GithubClient, owner: string, repo: string, hookId: number): Promise<boolean> {
  try {
    await client.rest.repos.deleteWebhook({ owner, repo, hook_id: hookId });
    return true;
  } catch {
    return false;
  }
}
