import { aConfig, aTool, findingsOf } from '../testing/analysis.factories';
import { callerChosenUrl } from './url-parameter.rules';

const withParameter = (name: string) =>
  aConfig({ tools: [aTool({ name: 'fetch', parameters: { [name]: { type: 'string', description: 'x' } } })] });

describe('caller-chosen URL rule', () => {
  it.each(['url', 'image_url', 'webhookUrl', 'target-uri', 'callback', 'endpoint'])('flags the parameter %s', (name) => {
    expect(findingsOf(callerChosenUrl, withParameter(name))).toMatchObject([
      { code: 'network.url-parameter', severity: 'medium', message: expect.stringContaining(`fetch.${name}`) },
    ]);
  });

  it.each(['location', 'curly', 'urgency', 'linked_account_id', 'city'])('leaves %s alone', (name) => {
    expect(findingsOf(callerChosenUrl, withParameter(name))).toEqual([]);
  });
});
