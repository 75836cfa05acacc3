import type { AnalysisSubject } from '../subject/analysis-subject';

const MAX_TERMS = 32;
const STOPWORDS = new Set(
  'the and for with from that this into are was were will can may must not but all any its has have use uses using tool tools mcp server servers type string true false null'.split(' '),
);

/**
 * The knowledge-base query for a tool: the distinct words of its name, description, requirements,
 * tool names and parameters (the subject's text), joined with `or` so full-text search ranks
 * documents by how many of them they mention instead of requiring all.
 */
export function retrievalQuery(subject: AnalysisSubject): string {
  const terms = new Set<string>();
  for (const word of subject.text.split(/[^a-z0-9]+/)) {
    if (word.length < 3 || STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    terms.add(word);
    if (terms.size >= MAX_TERMS) break;
  }
  return [...terms].join(' or ');
}
