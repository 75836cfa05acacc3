import { AppException } from '@app/core';
import type { GithubClient } from '../client/github-client.factory';
import { classifyGithubError, githubUnavailable } from '../client/github-failure';

export interface ManifestFile {
  commitSha: string;
  blobSha: string;
  text: string;
}

interface Target {
  owner: string;
  repo: string;
  branch: string;
  path: string;
}

/** A sync's failures: what only a person can fix is a 4xx (final), GitHub trouble a 5xx (retried). */
function syncFailure(err: unknown, target: Target, missing: string): AppException {
  const failure = classifyGithubError(err);
  switch (failure.kind) {
    case 'bad-credentials':
      return new AppException(401, 'UNAUTHORIZED', 'GitHub rejected the stored access token (401 Bad credentials); reconnect the repository with a valid token');
    case 'not-found':
      return new AppException(404, 'NOT_FOUND', missing, { resource_type: 'github_content' });
    case 'forbidden':
      return new AppException(403, 'FORBIDDEN', `GitHub refused access to ${target.owner}/${target.repo}: ${failure.message}`);
    case 'rate-limited':
    case 'unreachable':
    case 'upstream':
      return githubUnavailable(failure);
  }
}

/**
 * Reads the manifest at the branch head: the head commit first, then the file at exactly that
 * commit, so the sha recorded in the history is the one the content came from.
 */
export async function readManifestFile(client: GithubClient, target: Target): Promise<ManifestFile> {
  const { owner, repo, branch, path } = target;
  const head = await client.rest.repos.getBranch({ owner, repo, branch }).catch((err: unknown) => {
    throw syncFailure(err, target, `Branch ${branch} of ${owner}/${repo} was not found, or the token can no longer read the repository`);
  });
  const commitSha = head.data.commit.sha;
  const { data } = await client.rest.repos.getContent({ owner, repo, path, ref: commitSha }).catch((err: unknown) => {
    throw syncFailure(err, target, `No ${path} in ${owner}/${repo} at ${branch} (${commitSha.slice(0, 7)})`);
  });
  if (Array.isArray(data) || data.type !== 'file') {
    throw new AppException(404, 'NOT_FOUND', `${path} in ${owner}/${repo} is not a file`, { resource_type: 'github_content' });
  }
  if (data.encoding !== 'base64') {
    // Files above 1 MB come without content from the contents API.
    throw new AppException(413, 'PAYLOAD_TOO_LARGE', `${path} is too large (${data.size} bytes) to be a manifest`);
  }
  return { commitSha, blobSha: data.sha, text: Buffer.from(data.content, 'base64').toString('utf8') };
}
