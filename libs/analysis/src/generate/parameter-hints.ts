import type { ParameterSchema } from '../analyzer';

interface ParameterHint {
  pattern: RegExp;
  parameters: Record<string, ParameterSchema>;
}

/** Parameters that a capability's words imply, in the order they appear in a generated tool. */
const PARAMETER_HINTS: readonly ParameterHint[] = [
  {
    pattern: /\b(?:weather|forecast|alerts?|temperature|climate|air quality|uv|humidity|wind|rain|precipitation)\b/,
    parameters: { location: { type: 'string', description: 'City name or coordinates' } },
  },
  {
    pattern: /\bforecast\b/,
    parameters: { days: { type: 'integer', description: 'Number of days to forecast, from 1' } },
  },
  {
    pattern: /\b(?:current weather|forecast|temperature)\b/,
    parameters: { units: { type: 'string', description: 'Unit system, e.g. metric or imperial' } },
  },
  {
    pattern: /\b(?:search|find|query|lookup)\b/,
    parameters: {
      query: { type: 'string', description: 'Search terms' },
      limit: { type: 'integer', description: 'Maximum number of results' },
    },
  },
  {
    pattern: /\b(?:list|recent|latest|history)\b/,
    parameters: { limit: { type: 'integer', description: 'Maximum number of items to return' } },
  },
  {
    pattern: /\b(?:github|gitlab|repo|repos|repository|repositories|pull requests?|commits?)\b/,
    parameters: { repository: { type: 'string', description: 'Repository as owner/name' } },
  },
  {
    pattern: /\b(?:send|post|notify|message|messages|email|publish)\b/,
    parameters: {
      recipient: { type: 'string', description: 'Channel, user or address that receives it' },
      text: { type: 'string', description: 'Content to send' },
    },
  },
  {
    pattern: /\b(?:create|add|update|upsert)\b/,
    parameters: { data: { type: 'object', description: 'Fields of the item to write' } },
  },
  {
    pattern: /\b(?:update|delete|remove)\b/,
    parameters: { id: { type: 'string', description: 'Identifier of the item' } },
  },
];

const FALLBACK_PARAMETERS: Record<string, ParameterSchema> = {
  query: { type: 'string', description: 'Name or identifier of what to look up' },
};

/** Typed parameters for a capability described by `words`; the first hint defining a name wins. */
export function parametersFor(words: readonly string[]): Record<string, ParameterSchema> {
  const text = words.join(' ');
  const parameters: Record<string, ParameterSchema> = {};
  for (const hint of PARAMETER_HINTS.filter((candidate) => candidate.pattern.test(text))) {
    for (const [name, schema] of Object.entries(hint.parameters)) parameters[name] ??= { ...schema };
  }
  return Object.keys(parameters).length > 0 ? parameters : structuredClone(FALLBACK_PARAMETERS);
}
