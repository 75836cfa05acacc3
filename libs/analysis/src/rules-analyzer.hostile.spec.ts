import type { AnalysisContext, ToolSnapshot } from './analyzer';
import { RulesAnalyzer } from './rules-analyzer';

const analyzer = new RulesAnalyzer();
const quiet: AnalysisContext = { reportProgress: async () => undefined };

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: [value] };
  return value;
}

function cyclic(): Record<string, unknown> {
  const config: Record<string, unknown> = { name: 'loop' };
  config.self = config;
  config.tools = [config];
  return config;
}

/** Shapes a client can send (and one only code can build: a cycle); none may make an analysis throw. */
const HOSTILE: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['a string', 'servers'],
  ['a number', 42],
  ['an array', [1, 2, 3]],
  ['wrong types everywhere', { name: 7, description: [], requirements: 'yes', servers: 'x', tools: { a: 1 } }],
  ['entries of the wrong type', { servers: [null, 1, 'x', [], { url: 42, args: {} }], tools: [null, 'a', { parameters: [] }, { parameters: 'x' }] }],
  ['parameters of the wrong type', { tools: [{ name: 'a', parameters: { x: null, y: 'string', z: { type: 5 } } }] }],
  ['prototype keys', JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "tools": [{"name": "toString", "__proto__": []}]}')],
  ['deep nesting', nested(10_000)],
  ['a cycle', cyclic()],
  ['a million tools', { tools: new Array(1_000_000).fill({ name: 'x' }), servers: [] }],
  ['a huge description', { description: `${'prod database shell '.repeat(100_000)}`, requirements: { read_only: false } }],
  ['a huge string of regex bait', { servers: [{ url: `http://${'a.'.repeat(200_000)}`, args: ['-'.repeat(500_000)] }] }],
  ['a wide object', { env: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`TOKEN_${i}`, `v${i}`])) }],
  ['invalid URLs', { servers: [{ url: 'http://[::1' }, { url: 'https://' }, { url: 'javascript:alert(1)' }] }],
];

describe('RulesAnalyzer on hostile input', () => {
  it.each(HOSTILE)('feasibility survives %s within bounds', async (_, config) => {
    const started = performance.now();

    const result = await analyzer.feasibility({ config: config as Record<string, unknown> }, quiet);

    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(typeof result.reasoning).toBe('string');
    expect(() => JSON.stringify(result)).not.toThrow();
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each(HOSTILE)('improvements survive %s as the config', async (_, config) => {
    const tool = { id: 'x', name: 'x', slug: 'x', version: '1.0.0', status: 'draft', config } as ToolSnapshot;

    await expect(analyzer.improvements({ tool }, quiet)).resolves.toHaveProperty('suggestions');
  });

  it.each(HOSTILE)('generateConfig survives %s as the requirements', async (_, requirements) => {
    const result = await analyzer.generateConfig({ requirements: requirements as Record<string, unknown> }, quiet);

    expect(result.config.servers.length).toBeGreaterThan(0);
    expect(result.config.tools.length).toBeGreaterThan(0);
  });

  it('survives a missing input object altogether', async () => {
    const missing = undefined as never;

    await expect(analyzer.feasibility(missing, quiet)).resolves.toHaveProperty('score');
    await expect(analyzer.improvements(missing, quiet)).resolves.toHaveProperty('score');
    await expect(analyzer.generateConfig(missing, quiet)).resolves.toHaveProperty('config');
  });

  it('says when part of the input was beyond the analysis limits', async () => {
    const result = await analyzer.feasibility({ config: { tools: new Array(1_000).fill({ name: 'x' }) } }, quiet);

    expect(result.reasoning).toContain('Only part of the configuration was analysed');
    expect(result.risks).toContain('1000 tools are declared; LLM clients choose less reliably from long lists and some accept at most 128');
  });

  it('does not let prototype keys pollute objects', async () => {
    await analyzer.feasibility({ config: JSON.parse('{"__proto__": {"polluted": true}}') }, quiet);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
