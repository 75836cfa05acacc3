import { credentialsOf } from './credentials';

describe('credentialsOf', () => {
  it('reads a bearer token in any scheme case, and an API key', () => {
    expect(credentialsOf({ authorization: 'Bearer abc' })).toEqual({ bearer: 'abc', apiKey: undefined });
    expect(credentialsOf({ authorization: 'bearer  abc ' })).toEqual({ bearer: 'abc', apiKey: undefined });
    expect(credentialsOf({ 'x-api-key': 'mcp_live_x' })).toEqual({ bearer: undefined, apiKey: 'mcp_live_x' });
  });

  it('ignores other schemes and empty values', () => {
    expect(credentialsOf({ authorization: 'Basic abc', 'x-api-key': '' })).toEqual({ bearer: undefined, apiKey: undefined });
    expect(credentialsOf({ authorization: 'Bearer ' })).toEqual({ bearer: undefined, apiKey: undefined });
  });

  it('prefers a token passed by a realtime transport over the header', () => {
    expect(credentialsOf({ authorization: 'Bearer header' }, 'query')).toEqual({ bearer: 'query', apiKey: undefined });
    expect(credentialsOf({ authorization: 'Bearer header' }, '')).toEqual({ bearer: 'header', apiKey: undefined });
    expect(credentialsOf({}, 42)).toEqual({ bearer: undefined, apiKey: undefined });
  });
});
