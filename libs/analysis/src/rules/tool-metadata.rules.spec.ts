import { findingsOf } from '../testing/analysis.factories';
import { toolDescription } from './tool-metadata.rules';

describe('tool description rule', () => {
  it.each([
    [undefined, 'The tool has no description'],
    ['Weather', "The tool's description is too short to say what it does"],
  ])('flags the description %p', (description, message) => {
    expect(findingsOf(toolDescription, { name: 'x', description })).toMatchObject([{ severity: 'low', message }]);
  });

  it('accepts a description that says what the tool does', () => {
    expect(findingsOf(toolDescription, { description: 'Provides weather information via MCP protocol' })).toEqual([]);
  });
});
