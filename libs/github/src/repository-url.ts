import type { ValidationIssue } from '@app/core';

/** A repository named by a URL on the configured GitHub web host. */
export interface RepositoryRef {
  owner: string;
  repo: string;
  /** `owner/repo` lowercased: GitHub names are case-insensitive, webhooks match on this. */
  fullName: string;
  /** The URL without `.git` or trailing slash, as shown back to the user. */
  url: string;
}

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;
const LOC = ['body', 'repository_url'];

function issue(msg: string, type: string, ctx?: Record<string, unknown>): ValidationIssue {
  return { loc: LOC, msg, type, ...(ctx ? { ctx } : {}) };
}

/**
 * Parses `https://github.com/o/r` (also with `.git` or a trailing slash) against GITHUB_WEB_URL,
 * so GitHub Enterprise works by changing that one setting; any other host is the caller's error.
 */
export function parseRepositoryUrl(input: string, webUrl: string): { ref?: RepositoryRef; issue?: ValidationIssue } {
  const base = new URL(webUrl);
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { issue: issue('invalid or missing URL scheme', 'value_error.url.scheme') };
  }
  const basePath = base.pathname.replace(/\/$/, '');
  if (url.origin !== base.origin || !url.pathname.startsWith(`${basePath}/`)) {
    return { issue: issue(`repository URL must be on ${base.origin}${basePath}`, 'value_error.url.host', { allowed_host: base.host }) };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { issue: issue('repository URL must not carry credentials, a query or a fragment', 'value_error.url') };
  }
  const segments = url.pathname.slice(basePath.length + 1).replace(/\/$/, '').split('/');
  const owner = segments[0] ?? '';
  const repo = (segments[1] ?? '').replace(/\.git$/, '');
  if (segments.length !== 2 || !OWNER.test(owner) || !REPO.test(repo) || repo === '.' || repo === '..') {
    return { issue: issue('repository URL must look like <host>/<owner>/<repository>', 'value_error.url.path') };
  }
  return { ref: { owner, repo, fullName: `${owner}/${repo}`.toLowerCase(), url: `${base.origin}${basePath}/${owner}/${repo}` } };
}
