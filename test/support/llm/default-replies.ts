const assessment = {
  score: 0.8,
  is_feasible: true,
  reasoning: 'Feasible with read-only access.',
  risks: ['Direct database access poses security risks'],
  recommendations: ['Implement read-only mode by default'],
  findings: [{ code: 'database.direct-access', severity: 'medium', area: 'security', message: 'Direct database access poses security risks' }],
};

/** A valid answer for each analysis' structured output, by the name the analyzer gives it. */
export const DEFAULT_REPLIES: Record<string, unknown> = {
  feasibility_assessment: assessment,
  improvement_suggestions: {
    ...assessment,
    suggestions: [{ area: 'security', message: 'Use a read-only database role', priority: 'high' }],
  },
  tool_configuration: {
    name: 'Weather MCP Tool',
    slug: 'weather-tool',
    description: 'Current weather, forecasts and alerts from OpenWeatherMap',
    reasoning: 'One server, one tool per feature.',
    config: {
      servers: [{ name: 'openweathermap', url: 'https://api.openweathermap.org' }],
      tools: [{ name: 'get_current_weather', description: 'Current weather for a city', parameters: { city: { type: 'string', description: 'City name' } } }],
    },
    risks: ['The API key must stay out of the config'],
    recommendations: ['Store the API key as a secret'],
  },
};

export function defaultReply(schemaName: string | undefined): unknown {
  return DEFAULT_REPLIES[schemaName ?? 'feasibility_assessment'] ?? assessment;
}
