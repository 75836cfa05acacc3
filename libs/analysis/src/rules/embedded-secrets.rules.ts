import { readProposal, type AnalysisSubject } from '../subject/analysis-subject';
import { formatPath, type JsonPath, type StringLeaf } from '../subject/json-walk';
import { listLabels } from '../text/safe-label';
import {
  hasUrlCredentials,
  isLiteralSecret,
  isSecretFlag,
  isSecretKey,
  looksLikeSecretValue,
  secretFlagValue,
} from '../text/secret-patterns';
import type { Rule } from './finding';

function holdsSecret(leaf: StringLeaf): boolean {
  const key = leaf.path[leaf.path.length - 1];
  if (typeof key === 'string' && isSecretKey(key) && isLiteralSecret(leaf.value)) return true;
  const flagValue = secretFlagValue(leaf.value);
  return (
    looksLikeSecretValue(leaf.value) ||
    hasUrlCredentials(leaf.value) ||
    (flagValue !== undefined && isLiteralSecret(flagValue))
  );
}

/** `["--api-key", "abc"]`: the value follows its flag as the next element of the same array. */
function followsSecretFlag(leaf: StringLeaf, previous: StringLeaf | undefined): boolean {
  if (!previous || !isSecretFlag(previous.value) || !isLiteralSecret(leaf.value)) return false;
  const index = leaf.path[leaf.path.length - 1];
  const previousIndex = previous.path[previous.path.length - 1];
  return (
    typeof index === 'number' &&
    previousIndex === index - 1 &&
    sameParent(leaf.path, previous.path)
  );
}

function sameParent(a: JsonPath, b: JsonPath): boolean {
  return a.length === b.length && a.slice(0, -1).every((part, i) => part === b[i]);
}

function secretPaths(subject: AnalysisSubject): string[] {
  const paths = subject.leaves
    .filter((leaf, i) => holdsSecret(leaf) || followsSecretFlag(leaf, subject.leaves[i - 1]))
    .map((leaf) => formatPath(leaf.path) || 'the configuration');
  return [...new Set([...paths, ...subject.maskedSecretPaths])];
}

/** Where a config holds literal secrets, read before it is masked for the queue (the api's side of a feasibility request). */
export function embeddedSecretPaths(config: Record<string, unknown>): string[] {
  return secretPaths(readProposal(config));
}

/** Only the location of a secret is ever reported, never its value. */
export const embeddedSecrets: Rule = (subject) => {
  const paths = secretPaths(subject);
  if (paths.length === 0) return [];
  return [
    {
      code: 'secrets.embedded',
      severity: 'high',
      area: 'security',
      message: `Secrets are embedded in the configuration (at ${listLabels(paths)})`,
      recommendations: [
        'Move secrets to environment variables or a secret store and reference them (e.g. ${API_KEY})',
        'Rotate the credentials that were exposed in the configuration',
      ],
    },
  ];
};

export const embeddedSecretsRules: Rule[] = [embeddedSecrets];
