import compare from 'semver/functions/compare';
import valid from 'semver/functions/valid';

export type VersionVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * Versions are immutable: a new config needs a strictly greater version, and no change may lower
 * it. Keeping the version is fine for metadata-only changes (status, description).
 */
export function nextVersionRule(current: string, proposed: string, configChanged: boolean): VersionVerdict {
  if (!valid(proposed)) return { allowed: false, reason: `"${proposed}" is not a semantic version` };
  const order = valid(current) ? compare(proposed, current) : 1;
  if (order < 0) return { allowed: false, reason: `Version ${proposed} is lower than the current version ${current}` };
  if (configChanged && order === 0) {
    return { allowed: false, reason: `Changing the config requires a version greater than ${current}` };
  }
  return { allowed: true };
}
