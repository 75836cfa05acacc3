import { aConfig, aTool, findingsOf } from '../testing/analysis.factories';
import { undescribedParameters, undescribedTools, untypedParameters } from './tool-definition.rules';

describe('tool definition rules', () => {
  it('flag tools without a description, more severely when most lack one', () => {
    const one = aConfig({ tools: [aTool({ description: ' ' }), aTool({ name: 'b' }), aTool({ name: 'c' })] });
    const most = aConfig({ tools: [aTool({ description: undefined }), aTool({ name: 'b', description: '' })] });

    expect(findingsOf(undescribedTools, one)).toMatchObject([
      { code: 'tools.missing-description', severity: 'low', message: '1 of 3 tools have no description (get_weather)' },
    ]);
    expect(findingsOf(undescribedTools, most)).toMatchObject([{ severity: 'medium' }]);
  });

  it.each([
    ['a missing type', { location: { description: 'City' } }],
    ['an unknown type', { location: { type: 'text', description: 'City' } }],
    ['a bare type name instead of a schema', { location: 'string' }],
    ['parameters that are not an object', ['location']],
  ])('flag parameters with %s', (_, parameters) => {
    expect(findingsOf(untypedParameters, aConfig({ tools: [aTool({ parameters })] }))).toMatchObject([
      { code: 'tools.untyped-parameters', severity: 'medium', area: 'schema' },
    ]);
  });

  it('accept JSON-Schema types, type unions and tools without parameters', () => {
    const tools = [
      aTool({ parameters: { days: { type: ['integer', 'null'], description: 'Days' } } }),
      aTool({ name: 'ping', parameters: undefined }),
    ];

    expect(findingsOf(untypedParameters, aConfig({ tools }))).toEqual([]);
  });

  it('flag parameters without a description', () => {
    const config = aConfig({ tools: [aTool({ parameters: { location: { type: 'string' } } })] });

    expect(findingsOf(undescribedParameters, config)).toMatchObject([
      { severity: 'low', message: 'Parameters get_weather.location have no description' },
    ]);
  });
});
