import { contractGenerateRequirements } from '../testing/analysis.factories';
import { generateToolConfig } from './generate-tool-config';

describe('generateToolConfig', () => {
  it("builds the contract's example: one tool per feature, one server per data source", () => {
    const draft = generateToolConfig(contractGenerateRequirements());

    expect(draft).toMatchObject({
      name: 'Weather MCP Tool',
      slug: 'weather-tool',
      description: 'Provides current weather, forecast and alerts from OpenWeatherMap via MCP',
      version: '0.1.0',
      warnings: [],
      config: { servers: [{ name: 'openweathermap', url: 'https://api.openweathermap.org' }] },
    });
    expect(draft.config.tools.map((tool) => tool.name)).toEqual(['get_current_weather', 'get_weather_forecast', 'get_weather_alerts']);
    expect(draft.reasoning).toBe(
      'Generated 3 tools (get_current_weather, get_weather_forecast and get_weather_alerts), one per requested feature, ' +
        'and one server per data source: openweathermap at https://api.openweathermap.org (its public API). ' +
        "Supply any API keys through the deployment's secret store, never in the config.",
    );
  });

  it('gives unknown data sources a placeholder to replace, and says so', () => {
    const draft = generateToolConfig({ tool_type: 'crm', features: ['list_contacts'], data_sources: ['Acme CRM', 'acme-crm'] });

    expect(draft.config.servers).toEqual([{ name: 'acme-crm', url: 'https://acme-crm.example.com' }]);
    expect(draft.reasoning).toContain('acme-crm at https://acme-crm.example.com (a placeholder: replace it with the real endpoint)');
  });

  it('derives a server and a general tool from the tool type when nothing else is given', () => {
    const draft = generateToolConfig({ tool_type: 'github' });

    expect(draft).toMatchObject({
      name: 'Github MCP Tool',
      slug: 'github-tool',
      description: 'Provides github information from GitHub via MCP',
      config: { servers: [{ name: 'github', url: 'https://api.github.com' }], tools: [{ name: 'get_github' }] },
    });
    expect(draft.reasoning).toMatch(/^No usable features were requested, so one general tool \(get_github\) was generated/);
  });

  it('accepts a lone string where a list is expected', () => {
    expect(generateToolConfig({ features: 'send_message', data_sources: 'slack' })).toMatchObject({
      slug: 'slack-tool',
      config: { servers: [{ url: 'https://slack.com/api' }], tools: [{ name: 'send_message' }] },
    });
  });

  it('explains every part of the requirements it could not use', () => {
    const draft = generateToolConfig({
      tool_type: 'weather',
      features: ['forecast', 'Forecast', 7, '???', ...Array.from({ length: 40 }, (_, i) => `feature_${i}`)],
      data_sources: { name: 'openweathermap' },
    });

    expect(draft.warnings).toEqual([
      'Ignored 1 entry of requirements.features that are not strings',
      'Only the first 32 entries of requirements.features were used',
      'requirements.data_sources is not a list and was ignored',
      'Ignored a feature that repeats the tool get_weather_forecast',
      'Ignored a feature without letters or digits',
    ]);
    expect(draft.config.tools).toHaveLength(30);
  });

  it('always yields a slug and tool names the registry accepts', () => {
    for (const requirements of [{}, { tool_type: '!!!' }, { tool_type: 'x' }, { tool_type: 'a'.repeat(300) }, { features: ['???'] }]) {
      const draft = generateToolConfig(requirements);

      expect(draft.slug).toMatch(/^[a-z0-9-]{3,64}$/);
      expect(draft.config.tools.length).toBeGreaterThan(0);
      expect(draft.config.tools.every((tool) => /^[A-Za-z0-9_-]{1,64}$/.test(tool.name))).toBe(true);
    }
  });
});
