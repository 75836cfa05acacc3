import type { AssessmentResult, ImprovementsResult } from '../analyzer';
import type { Finding } from '../rules/finding';
import type { AnalysisSubject } from '../subject/analysis-subject';
import { feasibilityReasoning, improvementsReasoning } from './reasoning';
import { scoreFindings, type Score } from './score';
import { buildSuggestions } from './suggestions';

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Risks and recommendations in the order the rules found them, each once. */
function assessment(findings: readonly Finding[], score: Score, reasoning: string, analyzer: string): AssessmentResult {
  return {
    score: score.score,
    is_feasible: score.isFeasible,
    reasoning,
    risks: unique(findings.map((finding) => finding.message)),
    recommendations: unique(findings.flatMap((finding) => finding.recommendations)),
    analyzer,
    findings: findings.map(({ code, severity, area, message }) => ({ code, severity, area, message })),
  };
}

export function feasibilityReport(subject: AnalysisSubject, findings: Finding[], analyzer: string): AssessmentResult {
  const score = scoreFindings(findings);
  return assessment(findings, score, feasibilityReasoning(subject, findings, score), analyzer);
}

export function improvementsReport(subject: AnalysisSubject, findings: Finding[], analyzer: string): ImprovementsResult {
  const score = scoreFindings(findings);
  return {
    ...assessment(findings, score, improvementsReasoning(subject, findings, score), analyzer),
    suggestions: buildSuggestions(findings),
  };
}
