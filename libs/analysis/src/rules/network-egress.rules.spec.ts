import { aConfig, aServer, findingsOf } from '../testing/analysis.factories';
import { privateUpstream, unencryptedHttp } from './network-egress.rules';

describe('network egress rules', () => {
  it('flag plain-http URLs anywhere in the config, by host', () => {
    const config = aConfig({
      servers: [aServer({ url: 'http://api.weather.com/v1?appid=x' }), aServer({ name: 'b', headers: { Referer: 'http://user@cdn.example.org:8080/x' } })],
    });

    expect(findingsOf(unencryptedHttp, config)).toMatchObject([
      {
        code: 'network.plain-http',
        severity: 'medium',
        message: 'Unencrypted HTTP is used for api.weather.com and cdn.example.org, exposing data and credentials in transit',
      },
    ]);
  });

  it('accept https and leave loopback http to the private-upstream rule', () => {
    const config = aConfig({ servers: [aServer(), aServer({ name: 'local', url: 'http://localhost:3000' })] });

    expect(findingsOf(unencryptedHttp, config)).toEqual([]);
  });

  it.each(['http://localhost:3000', 'https://127.0.0.1', 'http://10.1.2.3', 'https://192.168.0.10/mcp', 'http://[::1]:8080', 'https://mcp.internal'])(
    'flag the private upstream %s',
    (url) => {
      expect(findingsOf(privateUpstream, aConfig({ servers: [aServer({ name: 'up', url })] }))).toMatchObject([
        { code: 'network.private-upstream', message: expect.stringContaining('Servers up point to loopback or private addresses') },
      ]);
    },
  );

  it.each(['https://api.weather.com', 'https://172.32.0.1', 'https://8.8.8.8'])('accept the public upstream %s', (url) => {
    expect(findingsOf(privateUpstream, aConfig({ servers: [aServer({ url })] }))).toEqual([]);
  });
});
