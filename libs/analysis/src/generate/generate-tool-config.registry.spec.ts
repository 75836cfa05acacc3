import { validateToolConfig } from '@app/mcp';
import { contractGenerateRequirements } from '../testing/analysis.factories';
import { generateToolConfig } from './generate-tool-config';

/** Requirements from the contract's example to the unusable, each of which must yield a config the registry accepts. */
const REQUIREMENTS: [string, unknown][] = [
  ["the contract's example", contractGenerateRequirements()],
  ['unknown data sources', { tool_type: 'crm', features: ['list_contacts', 'create_contact'], data_sources: ['Acme CRM', 'Internal DB'] }],
  ['every parameter hint', { tool_type: 'github', features: ['search_issues', 'send_message', 'update_item', 'delete_item', 'list_recent'] }],
  ['a tool type only', { tool_type: 'weather' }],
  ['nothing', {}],
  ['unusable values', { tool_type: 42, features: [null, '???', {}], data_sources: '!!!' }],
  ['long names', { tool_type: 'a'.repeat(300), features: ['b'.repeat(300)], data_sources: ['c'.repeat(300)] }],
];

describe('generated configs against the registry validator', () => {
  it.each(REQUIREMENTS)('pass for %s', (_, requirements) => {
    expect(validateToolConfig(generateToolConfig(requirements).config)).toEqual([]);
  });
});
