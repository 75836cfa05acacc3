import type { AnalysisSubject } from '../subject/analysis-subject';
import { listLabels, safeLabel } from '../text/safe-label';
import type { Rule } from './finding';

/** Hosts that are this machine or a private network: the gateway refuses them in production. */
const PRIVATE_HOSTS =
  /^(?:localhost|.*\.localhost|.*\.local|.*\.internal|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(?:1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|\[f[cd][0-9a-f]*:.*\]|\[fe80:.*\])$/i;
const HTTP_URL = /^http:\/\/([^/?#\s]+)/i;

function hostOf(authority: string): string {
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
}

/** Every plain-http URL in the config (server urls, headers, env, descriptions), by host. */
function plainHttpHosts(subject: AnalysisSubject): string[] {
  const hosts = subject.leaves
    .map((leaf) => HTTP_URL.exec(leaf.value.trim())?.[1])
    .filter((authority): authority is string => authority !== undefined)
    .map((authority) => hostOf(authority).toLowerCase())
    .filter((host) => host !== '' && !PRIVATE_HOSTS.test(host));
  return [...new Set(hosts)].map((host) => safeLabel(host));
}

export const unencryptedHttp: Rule = (subject) => {
  const hosts = plainHttpHosts(subject);
  if (hosts.length === 0) return [];
  return [
    {
      code: 'network.plain-http',
      severity: 'medium',
      area: 'network',
      message: `Unencrypted HTTP is used for ${listLabels(hosts)}, exposing data and credentials in transit`,
      recommendations: ['Use https:// endpoints so data and credentials are encrypted in transit'],
    },
  ];
};

export const privateUpstream: Rule = (subject) => {
  const servers = subject.servers.items
    .filter((server) => server.url !== undefined && PRIVATE_HOSTS.test(server.url.hostname))
    .map((server) => server.label);
  if (servers.length === 0) return [];
  return [
    {
      code: 'network.private-upstream',
      severity: 'medium',
      area: 'network',
      message: `Servers ${listLabels(servers)} point to loopback or private addresses, which the gateway refuses in production`,
      recommendations: ['Expose the upstream at a public https address, or run it as a stdio server'],
    },
  ];
};

export const networkEgressRules: Rule[] = [unencryptedHttp, privateUpstream];
