import type { ImprovementSuggestion, Severity, SuggestionPriority } from '../analyzer';
import type { Finding } from '../rules/finding';
import { compareSeverity } from './score';

const PRIORITY: Readonly<Record<Severity, SuggestionPriority>> = {
  critical: 'high',
  high: 'high',
  medium: 'medium',
  low: 'low',
};

/** One suggestion per distinct recommendation, at the priority of the most severe finding behind it. */
export function buildSuggestions(findings: readonly Finding[]): ImprovementSuggestion[] {
  const byMessage = new Map<string, ImprovementSuggestion>();
  for (const finding of [...findings].sort((a, b) => compareSeverity(a.severity, b.severity))) {
    for (const message of finding.recommendations) {
      if (!byMessage.has(message)) byMessage.set(message, { area: finding.area, message, priority: PRIORITY[finding.severity] });
    }
  }
  return [...byMessage.values()];
}
