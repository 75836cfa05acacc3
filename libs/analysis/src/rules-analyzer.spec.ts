import type { AnalysisContext } from './analyzer';
import { RulesAnalyzer } from './rules-analyzer';
import {
  aConfig,
  aToolSnapshot,
  contractFeasibilityConfig,
  contractGenerateRequirements,
  recordingContext,
} from './testing/analysis.factories';

const analyzer = new RulesAnalyzer();
const quiet: AnalysisContext = { reportProgress: async () => undefined };

describe('RulesAnalyzer.feasibility', () => {
  it("answers the contract's example with the contract's result", async () => {
    const result = await analyzer.feasibility({ config: contractFeasibilityConfig() }, quiet);

    expect(result).toEqual({
      score: 0.75,
      is_feasible: true,
      reasoning:
        'The proposed tool "Database Query Tool" is feasible with proper security controls. The static rules ' +
        'found 2 risks (1 high, 1 medium); the most serious: write operations could corrupt data. Apply the ' +
        'recommendations before production use.',
      risks: ['Direct database access poses security risks', 'Write operations could corrupt data'],
      recommendations: [
        'Implement read-only mode by default',
        'Add query validation and sanitization',
        'Use connection pooling for performance',
      ],
      analyzer: 'rules',
      findings: [
        { code: 'database.direct-access', severity: 'medium', area: 'security', message: 'Direct database access poses security risks' },
        { code: 'database.write-access', severity: 'high', area: 'data-integrity', message: 'Write operations could corrupt data' },
      ],
    });
  });

  it('is deterministic: the same input always gives the same output', async () => {
    const config = aConfig({ servers: [{ name: 'db', url: 'http://db.example.org', headers: { token: 'abc123456' } }] });
    const runs = await Promise.all([1, 2, 3].map(() => analyzer.feasibility({ config: structuredClone(config) }, quiet)));

    expect(new Set(runs.map((run) => JSON.stringify(run))).size).toBe(1);
  });

  it('finds nothing to object to in a complete, https-only config', async () => {
    const result = await analyzer.feasibility({ config: aConfig() }, quiet);

    expect(result).toMatchObject({ score: 1, is_feasible: true, risks: [], recommendations: [] });
    expect(result.reasoning).toBe('The proposed tool "Weather MCP Tool" is feasible: the static rules found no risks.');
  });

  it('reports progress in increasing steps, including the contract\'s 45% "Analyzing configuration..."', async () => {
    const { ctx, calls } = recordingContext();

    await analyzer.feasibility({ config: contractFeasibilityConfig() }, ctx);

    expect(calls).toContainEqual([45, 'Analyzing configuration...']);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.map(([progress]) => progress)).toEqual([...calls.map(([progress]) => progress)].sort((a, b) => a - b));
    expect(calls.every(([progress]) => progress > 0 && progress < 100)).toBe(true);
  });

  it('stops with the abort reason once the task is cancelled', async () => {
    const controller = new AbortController();
    const { ctx, calls } = recordingContext(controller.signal);
    ctx.reportProgress = async (progress, message) => {
      calls.push([progress, message]);
      controller.abort(new Error('cancelled'));
    };

    await expect(analyzer.feasibility({ config: contractFeasibilityConfig() }, ctx)).rejects.toThrow('cancelled');
    expect(calls).toHaveLength(1);
  });

  it('judges a tool that runs shell commands on production infeasible however high its score', async () => {
    const config = { name: 'Ops', description: 'Run shell commands on production servers', requirements: {} };

    const result = await analyzer.feasibility({ config }, quiet);

    expect(result.score).toBe(0.7);
    expect(result.is_feasible).toBe(false);
    expect(result.reasoning).toMatch(/^The proposed tool "Ops" is not feasible as described: unsandboxed command execution/);
  });

  it('judges a config infeasible once its risks bring the score below 0.5', async () => {
    const config = aConfig({
      description: 'Delete files and run shell commands against the SQL database',
      servers: [{ name: 'api', url: 'http://api.example.org', env: { API_KEY: 'hunter2-hunter2' } }],
      tools: [{ name: 'run' }, { name: 'drop' }],
    });

    const result = await analyzer.feasibility({ config }, quiet);

    expect(result.score).toBeLessThan(0.5);
    expect(result.is_feasible).toBe(false);
    expect(result.reasoning).toContain(`the score to ${result.score.toFixed(2)}, below the 0.50 threshold`);
  });
});

describe('RulesAnalyzer.improvements', () => {
  it("suggests https for the contract's weather tool, with priorities and areas", async () => {
    const result = await analyzer.improvements({ tool: aToolSnapshot() }, quiet);

    expect(result).toMatchObject({
      score: 0.9,
      is_feasible: true,
      risks: ['Unencrypted HTTP is used for api.weather.com, exposing data and credentials in transit'],
      suggestions: [
        { area: 'network', message: 'Use https:// endpoints so data and credentials are encrypted in transit', priority: 'medium' },
      ],
    });
    expect(result.reasoning).toMatch(/^The tool "Weather MCP Tool" scores 0\.90 with 1 issue \(1 medium\)/);
  });

  it('counts missing servers and tools against a registered tool', async () => {
    const result = await analyzer.improvements({ tool: aToolSnapshot({ config: {} }) }, quiet);

    expect(result.findings?.map((finding) => finding.code)).toEqual(['structure.no-servers', 'structure.no-tools']);
  });

  it('ranks suggestions by the severity of the findings behind them', async () => {
    const config = { servers: [{ name: 'x', url: 'http://x.example.org', headers: { 'x-api-key': 'k3y-k3y-k3y' } }], tools: [{ name: 'a' }] };

    const result = await analyzer.improvements({ tool: aToolSnapshot({ config }) }, quiet);

    const priorities = result.suggestions.map((suggestion) => suggestion.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => ['high', 'medium', 'low'].indexOf(a) - ['high', 'medium', 'low'].indexOf(b)));
    expect(priorities[0]).toBe('high');
    expect(JSON.stringify(result)).not.toContain('k3y-k3y-k3y');
  });

  it('reports progress', async () => {
    const { ctx, calls } = recordingContext();

    await analyzer.improvements({ tool: aToolSnapshot() }, ctx);

    expect(calls).toContainEqual([45, 'Analyzing configuration...']);
  });
});

describe('RulesAnalyzer.generateConfig', () => {
  it("builds the contract's weather tool with no remaining risks", async () => {
    const { ctx, calls } = recordingContext();

    const result = await analyzer.generateConfig({ requirements: contractGenerateRequirements() }, ctx);

    expect(result).toMatchObject({
      name: 'Weather MCP Tool',
      slug: 'weather-tool',
      version: '0.1.0',
      risks: [],
      recommendations: [],
      warnings: [],
      analyzer: 'rules',
    });
    expect(result.config.tools.map((tool) => tool.name)).toEqual(['get_current_weather', 'get_weather_forecast', 'get_weather_alerts']);
    expect(result.config.servers).toEqual([{ name: 'openweathermap', url: 'https://api.openweathermap.org' }]);
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });

  it('scores its own output as feasible without findings', async () => {
    const generated = await analyzer.generateConfig({ requirements: contractGenerateRequirements() }, quiet);
    const { name, description, config } = generated;

    const result = await analyzer.feasibility({ config: { name, description, ...config } }, quiet);

    expect(result).toMatchObject({ score: 1, is_feasible: true });
  });

  it('carries the risks of what was asked for, such as database writes', async () => {
    const requirements = { tool_type: 'database', features: ['update_rows'], read_only: false };

    const result = await analyzer.generateConfig({ requirements }, quiet);

    expect(result.config.tools[0].name).toBe('update_database_rows');
    expect(result.risks).toEqual(['Direct database access poses security risks', 'Write operations could corrupt data']);
  });
});
