/** What one analyzer answered for one tool: its verdict and the finding codes it raised. */
export interface Verdict {
  is_feasible: boolean;
  risks: string[];
}

export interface Scores {
  accuracy: number;
  /** Micro-averaged over all tools: expected codes raised / expected codes. */
  recall: number;
  /** Raised codes that were expected / raised codes. */
  precision: number;
}

export function scoreVerdicts(pairs: readonly { expected: Verdict; actual: Verdict }[]): Scores {
  let correct = 0;
  let expectedCodes = 0;
  let raisedCodes = 0;
  let hits = 0;
  for (const { expected, actual } of pairs) {
    if (expected.is_feasible === actual.is_feasible) correct++;
    const raised = new Set(actual.risks);
    const wanted = new Set(expected.risks);
    expectedCodes += wanted.size;
    raisedCodes += raised.size;
    for (const code of raised) if (wanted.has(code)) hits++;
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return { accuracy: ratio(correct, pairs.length), recall: ratio(hits, expectedCodes), precision: ratio(hits, raisedCodes) };
}
