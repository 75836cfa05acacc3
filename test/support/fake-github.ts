import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server';

/** What a personal access token may do in the stand-in: read some (or all) repositories, manage hooks. */
export interface FakeToken {
  repos: '*' | string[];
  admin: boolean;
}

export interface FakeHook {
  id: number;
  name: 'web';
  active: boolean;
  events: string[];
  config: { url: string; content_type: string; insecure_ssl: string; secret?: string };
}

interface FakeCommit {
  sha: string;
  message: string;
  files: Map<string, string>;
}

interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  branches: Map<string, string>;
  commits: Map<string, FakeCommit>;
  hooks: Map<number, FakeHook>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
}

const DOCS = 'https://docs.github.com/rest';

/** Git's blob id: what GitHub returns as a file's `sha` in the contents API. */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * A loopback server speaking the GitHub REST shapes a connect and a sync need: repository,
 * branches, commits, contents (base64), hooks create/delete, `401 Bad credentials`, 404, and rate
 * limiting (a 403 with an exhausted `x-ratelimit-remaining`, or a 429 secondary limit with Retry-After).
 * Point GITHUB_API_URL at `url`.
 */
export class FakeGithub extends LoopbackServer {
  readonly tokens = new Map<string, FakeToken>();
  readonly requests: RecordedRequest[] = [];
  /** The next N requests answer with a rate-limit error of this kind. */
  rateLimit = { next: 0, kind: 'primary' as 'primary' | 'secondary' };
  /** Every connection is reset without an answer, like a GitHub that cannot be reached. */
  down = false;
  private readonly repos = new Map<string, FakeRepo>();
  private nextId = 1000;

  addToken(token: string, grant: FakeToken = { repos: '*', admin: true }): string {
    this.tokens.set(token, grant);
    return token;
  }

  /** Creates a repository whose default branch holds `files`; returns the first commit's sha. */
  createRepo(fullName: string, files: Record<string, string>, defaultBranch = 'main'): string {
    const [owner, name] = fullName.split('/');
    this.repos.set(fullName.toLowerCase(), {
      id: this.nextId++,
      owner,
      name,
      defaultBranch,
      branches: new Map(),
      commits: new Map(),
      hooks: new Map(),
    });
    return this.commit(fullName, defaultBranch, files);
  }

  /** Adds a commit on `branch` (created if new) changing `files` (null deletes one); returns its sha. */
  commit(fullName: string, branch: string, files: Record<string, string | null>, sha = randomBytes(20).toString('hex')): string {
    const repo = this.repo(fullName);
    const parent = repo.branches.get(branch) ?? repo.branches.get(repo.defaultBranch);
    const tree = new Map(parent ? repo.commits.get(parent)?.files : []);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) tree.delete(path);
      else tree.set(path, content);
    }
    repo.commits.set(sha, { sha, message: `Update ${Object.keys(files).join(', ')}`, files: tree });
    repo.branches.set(branch, sha);
    return sha;
  }

  hooks(fullName: string): FakeHook[] {
    return [...this.repo(fullName).hooks.values()];
  }

  private repo(fullName: string): FakeRepo {
    const repo = this.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`no repository ${fullName} in the stand-in`);
    return repo;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.down) {
      req.socket.destroy();
      return;
    }
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, authorization: req.headers.authorization });
    if (this.rateLimit.next > 0) {
      this.rateLimit.next--;
      return this.rateLimited(res);
    }
    const token = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = token ? this.tokens.get(token) : undefined;
    if (!grant) return this.send(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const fullName = match ? `${match[1]}/${match[2]}`.toLowerCase() : '';
    const repo = this.repos.get(fullName);
    if (!match || !repo || (grant.repos !== '*' && !grant.repos.map((r) => r.toLowerCase()).includes(fullName))) {
      return this.notFound(res);
    }
    const rest = match[3] ?? '';
    const method = req.method ?? 'GET';
    if (method === 'GET' && rest === '') return this.send(res, 200, this.repoJson(repo, grant));
    if (method === 'GET' && rest.startsWith('/branches/')) return this.branch(res, repo, decodeURIComponent(rest.slice(10)));
    if (method === 'GET' && rest.startsWith('/commits/')) return this.commitJson(res, repo, decodeURIComponent(rest.slice(9)));
    if (method === 'GET' && rest.startsWith('/contents/')) {
      return this.contents(res, repo, decodeURIComponent(rest.slice(10)), url.searchParams.get('ref'));
    }
    if (rest === '/hooks' && method === 'GET') return this.send(res, 200, [...repo.hooks.values()].map(publicHook));
    if (rest === '/hooks' && method === 'POST') return this.createHook(res, repo, grant, body);
    const hook = /^\/hooks\/(\d+)$/.exec(rest);
    if (hook && method === 'DELETE') {
      if (!grant.admin || !repo.hooks.delete(Number(hook[1]))) return this.notFound(res);
      res.writeHead(204, this.headers()).end();
      return;
    }
    this.notFound(res);
  }

  private repoJson(repo: FakeRepo, grant: FakeToken) {
    const fullName = `${repo.owner}/${repo.name}`;
    return {
      id: repo.id,
      node_id: `R_${repo.id}`,
      name: repo.name,
      full_name: fullName,
      private: true,
      owner: { login: repo.owner, id: repo.id + 1, type: 'User' },
      html_url: `https://github.com/${fullName}`,
      url: `${this.url}/repos/${fullName}`,
      default_branch: repo.defaultBranch,
      permissions: { admin: grant.admin, maintain: grant.admin, push: true, triage: true, pull: true },
    };
  }

  private branch(res: ServerResponse, repo: FakeRepo, name: string): void {
    const sha = repo.branches.get(name);
    if (!sha) return this.send(res, 404, { message: 'Branch not found', documentation_url: DOCS, status: '404' });
    this.send(res, 200, { name, commit: { sha, url: `${this.url}/repos/${repo.owner}/${repo.name}/commits/${sha}` }, protected: false });
  }

  private resolve(repo: FakeRepo, ref: string | null): FakeCommit | undefined {
    const sha = repo.branches.get(ref ?? repo.defaultBranch) ?? ref ?? '';
    return repo.commits.get(sha);
  }

  private commitJson(res: ServerResponse, repo: FakeRepo, ref: string): void {
    const commit = this.resolve(repo, ref);
    if (!commit) return this.send(res, 422, { message: `No commit found for SHA: ${ref}`, documentation_url: DOCS, status: '422' });
    this.send(res, 200, { sha: commit.sha, commit: { message: commit.message }, parents: [] });
  }

  private contents(res: ServerResponse, repo: FakeRepo, path: string, ref: string | null): void {
    const content = this.resolve(repo, ref)?.files.get(path);
    if (content === undefined) return this.notFound(res);
    // GitHub wraps the base64 at 60 characters.
    const encoded = Buffer.from(content).toString('base64').replace(/.{60}/g, '$&\n');
    this.send(res, 200, {
      type: 'file',
      encoding: 'base64',
      size: Buffer.byteLength(content),
      name: path.split('/').pop(),
      path,
      content: encoded,
      sha: gitBlobSha(content),
    });
  }

  private createHook(res: ServerResponse, repo: FakeRepo, grant: FakeToken, body: string): void {
    // A token without admin rights on the repository cannot see its hooks at all.
    if (!grant.admin) return this.notFound(res);
    const input = JSON.parse(body || '{}') as { config?: FakeHook['config']; events?: string[]; active?: boolean };
    if (!input.config?.url) return this.validationFailed(res, 'url is missing');
    if ([...repo.hooks.values()].some((h) => h.config.url === input.config?.url)) {
      return this.validationFailed(res, 'Hook already exists on this repository');
    }
    const hook: FakeHook = {
      id: this.nextId++,
      name: 'web',
      active: input.active ?? true,
      events: input.events ?? ['push'],
      config: { ...input.config, content_type: input.config.content_type ?? 'form', insecure_ssl: input.config.insecure_ssl ?? '0' },
    };
    repo.hooks.set(hook.id, hook);
    this.send(res, 201, publicHook(hook));
  }

  private rateLimited(res: ServerResponse): void {
    const reset = Math.floor(Date.now() / 1000) + 1;
    if (this.rateLimit.kind === 'secondary') {
      return this.send(
        res,
        429,
        { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: DOCS, status: '429' },
        { 'retry-after': '1' },
      );
    }
    this.send(
      res,
      403,
      { message: 'API rate limit exceeded for user ID 1.', documentation_url: DOCS, status: '403' },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000', 'x-ratelimit-reset': String(reset) },
    );
  }

  private notFound(res: ServerResponse): void {
    this.send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
  }

  private validationFailed(res: ServerResponse, message: string): void {
    this.send(res, 422, { message: 'Validation Failed', errors: [{ resource: 'Hook', code: 'custom', message }], documentation_url: DOCS, status: '422' });
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      ...extra,
    };
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...this.headers(headers) });
    res.end(JSON.stringify(body));
  }
}

/** GitHub never echoes a hook's secret. */
function publicHook(hook: FakeHook) {
  const { secret, ...config } = hook.config;
  return { ...hook, config: { ...config, ...(secret ? { secret: '********' } : {}) } };
}
