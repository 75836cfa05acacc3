import type { ValidationIssue } from '@app/core';
import { isRecord, notEnum, notList, notObject, requireString } from './issue-builders';

export const TRANSPORTS = ['streamable-http', 'sse', 'stdio', 'http'] as const;

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function validateServer(server: unknown, loc: (string | number)[]): ValidationIssue[] {
  if (!isRecord(server)) return [notObject(loc)];
  const issues: ValidationIssue[] = [];
  const nameIssue = requireString(server.name, [...loc, 'name']);
  if (nameIssue) issues.push(nameIssue);
  const transport = server.transport;
  if (transport !== undefined && !TRANSPORTS.includes(transport as (typeof TRANSPORTS)[number])) {
    issues.push(notEnum([...loc, 'transport'], TRANSPORTS));
  }
  const stdio = transport === 'stdio' || (transport === undefined && server.url === undefined);
  if (stdio) {
    const commandIssue = requireString(server.command, [...loc, 'command']);
    if (commandIssue) issues.push(commandIssue);
    if (server.args !== undefined && (!Array.isArray(server.args) || server.args.some((a) => typeof a !== 'string'))) {
      issues.push({ loc: [...loc, 'args'], msg: 'value is not a valid list of strings', type: 'type_error.list' });
    }
    return issues;
  }
  const urlIssue = requireString(server.url, [...loc, 'url']);
  if (urlIssue) issues.push(urlIssue);
  else if (!isHttpUrl(server.url as string)) {
    issues.push({ loc: [...loc, 'url'], msg: 'URL scheme not permitted (use http or https)', type: 'value_error.url.scheme', ctx: { allowed_schemes: ['http', 'https'] } });
  }
  return issues;
}

/** `servers[]`: each a remote (`url`, http or https) or a local stdio process (`command` + `args`). */
export function validateServers(servers: unknown): ValidationIssue[] {
  if (servers === undefined) return [];
  if (!Array.isArray(servers)) return [notList(['servers'])];
  return servers.flatMap((server, i) => validateServer(server, ['servers', i]));
}

