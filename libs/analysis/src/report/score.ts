import type { Severity } from '../analyzer';
import type { Finding } from '../rules/finding';

/** Penalty per finding in hundredths of the score, so the arithmetic stays exact. */
export const SEVERITY_PENALTY: Readonly<Record<Severity, number>> = { low: 5, medium: 10, high: 15, critical: 30 };

export const FEASIBILITY_THRESHOLD = 0.5;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

export interface Score {
  score: number;
  isFeasible: boolean;
  /** The first critical finding: it makes the tool infeasible whatever the score. */
  blocking?: Finding;
}

export function scoreFindings(findings: readonly Finding[]): Score {
  const penalty = findings.reduce((sum, finding) => sum + SEVERITY_PENALTY[finding.severity], 0);
  const score = Math.max(0, 100 - penalty) / 100;
  const blocking = findings.find((finding) => finding.severity === 'critical');
  return { score, isFeasible: score >= FEASIBILITY_THRESHOLD && blocking === undefined, blocking };
}

/** The most severe finding; the earliest wins a tie, so the order of the rules decides. */
export function mostSevere(findings: readonly Finding[]): Finding | undefined {
  return findings.reduce<Finding | undefined>(
    (worst, finding) => (!worst || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[worst.severity] ? finding : worst),
    undefined,
  );
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[b] - SEVERITY_RANK[a];
}
