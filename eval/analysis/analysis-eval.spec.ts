import { RISK_CODES, RulesAnalyzer } from '@app/analysis';
import { readEvalTools } from './analysis-dataset';
import { scoreVerdicts } from './analysis-metrics';

describe('analysis evaluation data set', () => {
  const tools = readEvalTools();

  it('holds at least 40 tools, safe and unsafe, with known risk codes', () => {
    expect(tools.length).toBeGreaterThanOrEqual(40);
    expect(new Set(tools.map((t) => t.id)).size).toBe(tools.length);
    expect(tools.filter((t) => !t.expected.is_feasible).length).toBeGreaterThanOrEqual(5);
    for (const tool of tools) for (const code of tool.expected.risks) expect(RISK_CODES).toContain(code);
  });

  it('the rules analyzer reaches 0.85 accuracy on is_feasible', async () => {
    const rules = new RulesAnalyzer();
    const ctx = { reportProgress: async () => undefined };
    const pairs = [];
    for (const tool of tools) {
      const result = await rules.feasibility({ config: tool.config }, ctx);
      pairs.push({ id: tool.id, expected: tool.expected, actual: { is_feasible: result.is_feasible, risks: (result.findings ?? []).map((f) => f.code) } });
    }
    const misses = pairs.filter((p) => p.expected.is_feasible !== p.actual.is_feasible || p.expected.risks.join() !== [...new Set(p.actual.risks)].sort().join());
    if (process.env.EVAL_VERBOSE) for (const m of misses) console.log(m.id, JSON.stringify(m.expected), JSON.stringify(m.actual));
    expect(scoreVerdicts(pairs).accuracy).toBeGreaterThanOrEqual(0.85);
  });
});
