import { listLabels } from '../text/safe-label';
import type { Rule } from './finding';

/** Parameter names that carry an address the tool will call: `url`, `image_url`, `webhook`, `callbackUri`, `endpoint`... */
const URL_PARAMETER = /(?:^|[_\-\s.])(?:url|uri|href|link|endpoint|webhook|callback)s?$|^(?:url|uri|href|endpoint|webhook|callback)/i;

/**
 * A tool that requests whatever address its caller passes is a server-side request forgery
 * channel: from its host it reaches internal services and cloud metadata endpoints.
 */
export const callerChosenUrl: Rule = (subject) => {
  const parameters = subject.tools.items.flatMap((tool) =>
    tool.parameters.items.filter((parameter) => URL_PARAMETER.test(parameter.name.replace(/([a-z])([A-Z])/g, '$1_$2'))).map((parameter) => `${tool.label}.${parameter.name}`),
  );
  if (parameters.length === 0) return [];
  return [
    {
      code: 'network.url-parameter',
      severity: 'medium',
      area: 'network',
      message: `Parameters ${listLabels(parameters)} let callers choose the address the tool requests (server-side request forgery)`,
      recommendations: [
        'Allow-list the hosts the tool may call and refuse private, loopback and link-local addresses after DNS resolution',
        'Do not follow redirects to other hosts',
      ],
    },
  ];
};

export const urlParameterRules: Rule[] = [callerChosenUrl];
