import type { AnalysisContext, ToolSnapshot } from '../analyzer';
import type { Finding, Rule } from '../rules/finding';
import { readProposal } from '../subject/analysis-subject';

/** The contract's "Analyze Feasibility" request body `config`. */
export function contractFeasibilityConfig(): Record<string, unknown> {
  return {
    name: 'Database Query Tool',
    description: 'Execute SQL queries on production database',
    requirements: { database_access: true, read_only: false },
  };
}

/** The contract's "Generate Configuration" request body `requirements`. */
export function contractGenerateRequirements(): Record<string, unknown> {
  return { tool_type: 'weather', features: ['current_weather', 'forecast', 'alerts'], data_sources: ['openweathermap'] };
}

export function aServer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'weather-server', url: 'https://api.weather.com', ...overrides };
}

export function aTool(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'get_weather',
    description: 'Get current weather for a location',
    parameters: { location: { type: 'string', description: 'City name or coordinates' } },
    ...overrides,
  };
}

/** A complete proposal that no rule objects to; tests change one thing at a time. */
export function aConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Weather MCP Tool',
    description: 'Provides weather information via MCP protocol',
    servers: [aServer()],
    tools: [aTool()],
    ...overrides,
  };
}

/** The contract's "Create MCP Tool" example as the registry stores it. */
export function aToolSnapshot(overrides: Partial<ToolSnapshot> = {}): ToolSnapshot {
  return {
    id: '770e8400-e29b-41d4-a716-446655440002',
    name: 'Weather MCP Tool',
    slug: 'weather-tool',
    description: 'Provides weather information via MCP protocol',
    version: '1.0.0',
    status: 'active',
    config: { servers: [aServer({ url: 'http://api.weather.com' })], tools: [aTool()] },
    ...overrides,
  };
}

export interface RecordedContext {
  ctx: AnalysisContext;
  calls: [number, string][];
}

export function recordingContext(signal?: AbortSignal): RecordedContext {
  const calls: [number, string][] = [];
  return {
    calls,
    ctx: {
      signal,
      reportProgress: async (progress, message) => {
        calls.push([progress, message]);
      },
    },
  };
}

export function findingsOf(rule: Rule, config: unknown): Finding[] {
  return rule(readProposal(config));
}
