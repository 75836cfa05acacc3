import { Conflict } from '@app/core';
import { nextVersionRule } from './versioning/next-version-rule';

/** Versions are immutable: 409 when a change would reuse or lower a version. */
export function assertVersionChange(current: string, proposed: string, configChanged: boolean): void {
  const verdict = nextVersionRule(current, proposed, configChanged);
  if (!verdict.allowed) throw Conflict(verdict.reason, { current_version: current, proposed_version: proposed });
}
