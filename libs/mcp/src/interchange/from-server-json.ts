import type { ValidationIssue } from '@app/core';
import { isRecord, missing, noMatch, notList, notObject } from '../config/issue-builders';
import { commandFromPackage } from './package-command';
import { PUBLISHER_META, ServerJsonPackage } from './server-json.types';

const NAME_PATTERN = /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+$/;
const PACKAGE_TYPES = new Set(['npm', 'pypi', 'oci']);

export interface ImportedTool {
  name: string;
  slug: string;
  description: string;
  version: string;
  config: Record<string, unknown>;
}

/** `io.github.user/Weather_Server` → `weather-server`: the registry name's last segment as a slug. */
function slugOf(name: string): string {
  const slug = name.split('/')[1].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug.length >= 3 ? slug.slice(0, 64) : `${slug}-mcp`;
}

function serversOf(doc: Record<string, unknown>, issues: ValidationIssue[]): Record<string, unknown>[] {
  const servers: Record<string, unknown>[] = [];
  const remotes = doc.remotes ?? [];
  if (!Array.isArray(remotes)) issues.push(notList(['body', 'remotes']));
  else
    remotes.forEach((remote, i) => {
      if (!isRecord(remote) || typeof remote.url !== 'string') return issues.push(missing(['body', 'remotes', i, 'url']));
      servers.push({ name: `remote-${i + 1}`, url: remote.url, transport: remote.type === 'sse' ? 'sse' : 'streamable-http' });
    });
  const packages = doc.packages ?? [];
  if (!Array.isArray(packages)) issues.push(notList(['body', 'packages']));
  else
    packages.forEach((pkg, i) => {
      if (!isRecord(pkg) || !PACKAGE_TYPES.has(String(pkg.registryType)) || typeof pkg.identifier !== 'string') {
        return issues.push({ loc: ['body', 'packages', i], msg: 'unsupported package (npm, pypi or oci with an identifier)', type: 'value_error' });
      }
      servers.push({ name: `package-${i + 1}`, transport: 'stdio', ...commandFromPackage(pkg as unknown as ServerJsonPackage) });
    });
  return servers;
}

/** Reads an official `server.json` into a new draft tool, or returns the problems (as 422 issues). */
export function fromServerJson(doc: unknown): { tool?: ImportedTool; issues: ValidationIssue[] } {
  if (!isRecord(doc)) return { issues: [notObject(['body'])] };
  const issues: ValidationIssue[] = [];
  const { name, description, version } = doc;
  if (typeof name !== 'string') issues.push(missing(['body', 'name']));
  else if (!NAME_PATTERN.test(name)) issues.push(noMatch(['body', 'name'], NAME_PATTERN));
  if (typeof description !== 'string' || description.length === 0) issues.push(missing(['body', 'description']));
  if (typeof version !== 'string') issues.push(missing(['body', 'version']));
  else if (!VERSION_PATTERN.test(version)) issues.push(noMatch(['body', 'version'], VERSION_PATTERN));
  const servers = serversOf(doc, issues);
  if (issues.length > 0) return { issues };
  const meta = isRecord(doc._meta) && isRecord(doc._meta[PUBLISHER_META]) ? doc._meta[PUBLISHER_META] : {};
  const tools = Array.isArray(meta.tools) ? meta.tools : [];
  const title = typeof doc.title === 'string' && doc.title ? doc.title : (name as string).split('/')[1];
  return {
    tool: { name: title, slug: slugOf(name as string), description: description as string, version: version as string, config: { servers, tools } },
    issues,
  };
}
