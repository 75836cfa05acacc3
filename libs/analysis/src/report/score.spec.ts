import type { Severity } from '../analyzer';
import type { Finding } from '../rules/finding';
import { mostSevere, scoreFindings } from './score';

const finding = (severity: Severity, code: string = severity): Finding => ({
  code,
  severity,
  area: 'security',
  message: code,
  recommendations: [],
});

describe('scoreFindings', () => {
  it.each<[Severity[], number, boolean]>([
    [[], 1, true],
    [['low'], 0.95, true],
    [['medium', 'high'], 0.75, true],
    [['high', 'high', 'high', 'medium', 'low'], 0.4, false],
    [['medium', 'medium', 'medium', 'medium', 'medium'], 0.5, true],
    [Array<Severity>(20).fill('high'), 0, false],
  ])('scores %j as %d (feasible: %s)', (severities, score, isFeasible) => {
    expect(scoreFindings(severities.map((severity) => finding(severity)))).toMatchObject({ score, isFeasible });
  });

  it('makes a critical finding blocking whatever the score', () => {
    const critical = finding('critical', 'command.production-execution');

    expect(scoreFindings([critical])).toEqual({ score: 0.7, isFeasible: false, blocking: critical });
  });
});

describe('mostSevere', () => {
  it('picks the highest severity, the earliest on a tie', () => {
    const first = finding('high', 'first');

    expect(mostSevere([finding('low'), first, finding('high', 'second'), finding('medium')])).toBe(first);
    expect(mostSevere([])).toBeUndefined();
  });
});
