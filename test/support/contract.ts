/** Request bodies copied verbatim from ../shared/spec/api-usage-examples.md. */
export const CONTRACT = {
  createTool: {
    name: 'Weather MCP Tool',
    slug: 'weather-tool',
    description: 'Provides weather information via MCP protocol',
    version: '1.0.0',
    config: {
      servers: [{ name: 'weather-server', url: 'http://api.weather.com' }],
      tools: [
        {
          name: 'get_weather',
          description: 'Get current weather for a location',
          parameters: { location: { type: 'string', description: 'City name or coordinates' } },
        },
      ],
    },
  },
  updateTool: { version: '1.1.0', status: 'active', description: 'Updated weather tool with forecast support' },
  feasibility: {
    config: {
      name: 'Database Query Tool',
      description: 'Execute SQL queries on production database',
      requirements: { database_access: true, read_only: false },
    },
  },
  deploy: (toolId: string) => ({
    tool_id: toolId,
    config: { environment: 'production', replicas: 2, resources: { cpu: '500m', memory: '512Mi' } },
  }),
  callWeather: { location: 'San Francisco, CA' },
  weatherAnswer: { location: 'San Francisco, CA', temperature: 18, conditions: 'Partly Cloudy', humidity: 65, wind_speed: 12 },
  generateConfig: {
    requirements: { tool_type: 'weather', features: ['current_weather', 'forecast', 'alerts'], data_sources: ['openweathermap'] },
  },
};

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
