import type { Severity } from '../analyzer';
import type { Finding } from '../rules/finding';
import { readProposal, readRegisteredTool } from '../subject/analysis-subject';
import { feasibilityReasoning, improvementsReasoning } from './reasoning';
import { scoreFindings } from './score';

const finding = (severity: Severity, message: string): Finding => ({
  code: 'x',
  severity,
  area: 'documentation',
  message,
  recommendations: [],
});

function feasibility(findings: Finding[], config: unknown = { name: 'Notes' }): string {
  return feasibilityReasoning(readProposal(config), findings, scoreFindings(findings));
}

describe('reasoning', () => {
  it('calls a proposal with only minor findings feasible with minor improvements', () => {
    expect(feasibility([finding('low', 'The tool has no description')])).toBe(
      'The proposed tool "Notes" is feasible with minor improvements. The static rules found 1 risk (1 low); ' +
        'the most serious: the tool has no description. Apply the recommendations before production use.',
    );
  });

  it('keeps acronyms at the start of a message as they are', () => {
    expect(feasibility([finding('medium', 'SQL injection is possible')])).toContain('the most serious: SQL injection is possible.');
  });

  it('names no tool when the proposal has no name', () => {
    expect(feasibility([], {})).toBe('The proposed tool is feasible: the static rules found no risks.');
  });

  it('quotes names only once they are made safe', () => {
    expect(feasibility([], { name: `sk-${'x'.repeat(30)}` })).toBe('The proposed tool "[redacted]" is feasible: the static rules found no risks.');
  });

  it('summarises a registered tool for improvements', () => {
    const findings = [finding('medium', 'Plain HTTP'), finding('low', 'Short description')];

    expect(improvementsReasoning(readRegisteredTool({ name: 'Weather' }), findings, scoreFindings(findings))).toBe(
      'The tool "Weather" scores 0.85 with 2 issues (1 medium, 1 low); the most important: plain HTTP. ' +
        'The suggestions are listed most urgent first.',
    );
    expect(improvementsReasoning(readRegisteredTool({}), [], scoreFindings([]))).toBe(
      'The tool follows every static rule; no improvements are needed.',
    );
  });
});
