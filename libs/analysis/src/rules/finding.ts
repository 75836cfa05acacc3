import type { AnalysisFinding, Severity } from '../analyzer';
import type { AnalysisSubject } from '../subject/analysis-subject';

/** A finding with the recommendations that address it; `message` is the risk shown in `risks`. */
export interface Finding extends AnalysisFinding {
  recommendations: string[];
}

/** A rule is pure: the same subject always yields the same findings, in the same order. */
export type Rule = (subject: AnalysisSubject) => Finding[];

/** More than half of the items affected is a pattern, fewer an oversight. */
export function severityByShare(affected: number, total: number): Severity {
  return affected * 2 > total ? 'medium' : 'low';
}
