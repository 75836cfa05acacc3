import { resolveDataSource } from './known-data-sources';
import { featureTool } from './feature-tool';

const openWeatherMap = [resolveDataSource('openweathermap')!];

describe('featureTool', () => {
  it('names the tool verb first, adding the tool type when the feature lacks it', () => {
    expect(featureTool('forecast', ['weather'], openWeatherMap)).toEqual({
      name: 'get_weather_forecast',
      description: 'Get weather forecast for a location using OpenWeatherMap',
      parameters: {
        location: { type: 'string', description: 'City name or coordinates' },
        days: { type: 'integer', description: 'Number of days to forecast, from 1' },
        units: { type: 'string', description: 'Unit system, e.g. metric or imperial' },
      },
    });
  });

  it('keeps a verb the feature starts with', () => {
    expect(featureTool('search_repositories', ['github'], [])).toMatchObject({
      name: 'search_github_repositories',
      description: 'Search github repositories',
      parameters: { query: { type: 'string' }, limit: { type: 'integer' }, repository: { type: 'string' } },
    });
  });

  it('falls back to a typed query parameter when no hint applies', () => {
    expect(featureTool('stock_price', [], [])?.parameters).toEqual({
      query: { type: 'string', description: 'Name or identifier of what to look up' },
    });
  });

  it('keeps generated names within the registry pattern', () => {
    const tool = featureTool('x'.repeat(80), ['y'.repeat(80)], []);

    expect(tool?.name).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('makes no tool from a feature without letters or digits', () => {
    expect(featureTool('???', ['weather'], [])).toBeUndefined();
  });
});
