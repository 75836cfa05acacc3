import type { Severity } from '../analyzer';
import type { Finding } from '../rules/finding';
import type { AnalysisSubject } from '../subject/analysis-subject';
import { FEASIBILITY_THRESHOLD, mostSevere, type Score } from './score';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const LIMITS_NOTE = ' Only part of the configuration was analysed because it exceeds the analysis limits.';

/** `2 risks (1 high, 1 medium)` */
function countFindings(findings: readonly Finding[], noun: string): string {
  const counts = SEVERITIES.map((severity) => [severity, findings.filter((f) => f.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`);
  return `${findings.length} ${noun}${findings.length === 1 ? '' : 's'} (${counts.join(', ')})`;
}

/** A finding's message inside a sentence: `Write operations...` → `write operations...`, `SQL...` unchanged. */
function asClause(message: string): string {
  return /^[A-Z][a-z]/.test(message) ? message.charAt(0).toLowerCase() + message.slice(1) : message;
}

function limitsNote(subject: AnalysisSubject): string {
  return subject.truncated ? LIMITS_NOTE : '';
}

function verdict(findings: readonly Finding[], score: Score): string {
  if (score.blocking) return `is not feasible as described: ${asClause(score.blocking.message)}.`;
  if (!score.isFeasible) {
    return `is not feasible as described: its risks bring the score to ${score.score.toFixed(2)}, below the ${FEASIBILITY_THRESHOLD.toFixed(2)} threshold.`;
  }
  if (findings.length === 0) return 'is feasible: the static rules found no risks.';
  return mostSevere(findings)?.severity === 'low'
    ? 'is feasible with minor improvements.'
    : 'is feasible with proper security controls.';
}

export function feasibilityReasoning(subject: AnalysisSubject, findings: readonly Finding[], score: Score): string {
  const tool = subject.name ? `The proposed tool "${subject.name}"` : 'The proposed tool';
  const parts = [`${tool} ${verdict(findings, score)}`];
  if (findings.length > 0) {
    parts.push(`The static rules found ${countFindings(findings, 'risk')}; the most serious: ${asClause(mostSevere(findings)!.message)}.`);
  }
  if (score.isFeasible && findings.length > 0) {
    parts.push('Apply the recommendations before production use.');
  }
  return parts.join(' ') + limitsNote(subject);
}

export function improvementsReasoning(subject: AnalysisSubject, findings: readonly Finding[], score: Score): string {
  const tool = subject.name ? `The tool "${subject.name}"` : 'The tool';
  if (findings.length === 0) return `${tool} follows every static rule; no improvements are needed.${limitsNote(subject)}`;
  return (
    `${tool} scores ${score.score.toFixed(2)} with ${countFindings(findings, 'issue')}; ` +
    `the most important: ${asClause(mostSevere(findings)!.message)}. The suggestions are listed most urgent first.` +
    limitsNote(subject)
  );
}
