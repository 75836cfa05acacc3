import type { Finding } from '../rules/finding';
import { buildSuggestions } from './suggestions';

describe('buildSuggestions', () => {
  it('lists each recommendation once, most urgent first, at the priority of its most severe finding', () => {
    const findings: Finding[] = [
      { code: 'a', severity: 'low', area: 'documentation', message: 'a', recommendations: ['Describe it', 'Shared'] },
      { code: 'b', severity: 'critical', area: 'security', message: 'b', recommendations: ['Sandbox it'] },
      { code: 'c', severity: 'medium', area: 'network', message: 'c', recommendations: ['Shared'] },
    ];

    expect(buildSuggestions(findings)).toEqual([
      { area: 'security', message: 'Sandbox it', priority: 'high' },
      { area: 'network', message: 'Shared', priority: 'medium' },
      { area: 'documentation', message: 'Describe it', priority: 'low' },
    ]);
  });
});
