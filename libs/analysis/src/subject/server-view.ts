import { safeLabel } from '../text/safe-label';
import { asRecord, boundedString, boundedStrings, isEnabled } from './json-shape';

const MAX_ARGS = 64;
const MAX_URL_LENGTH = 2_048;

export interface ServerView {
  index: number;
  /** The server's name made safe to quote, or `servers[i]`. */
  label: string;
  isObject: boolean;
  /** Present when `url` parses as a URL of any scheme. */
  url?: { protocol: string; hostname: string };
  command?: string;
  args: string[];
  hasAuth: boolean;
}

export function readServer(value: unknown, index: number): ServerView {
  const record = asRecord(value);
  const headers = asRecord(record?.headers);
  return {
    index,
    label: safeLabel(boundedString(record?.name)) || `servers[${index}]`,
    isObject: record !== undefined,
    url: parseUrl(boundedString(record?.url, MAX_URL_LENGTH)),
    command: boundedString(record?.command) || undefined,
    args: boundedStrings(record?.args, MAX_ARGS),
    hasAuth: isEnabled(record?.auth) || Object.keys(headers ?? {}).some((key) => /^authorization$/i.test(key)),
  };
}

function parseUrl(raw: string): ServerView['url'] {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return { protocol: url.protocol, hostname: url.hostname };
  } catch {
    return undefined;
  }
}
