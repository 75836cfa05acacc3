import { parseRepositoryUrl } from './repository-url';

const GITHUB = 'https://github.com';

describe('parseRepositoryUrl', () => {
  it.each(['https://github.com/username/mcp-tools', 'https://github.com/username/mcp-tools.git', 'https://github.com/username/mcp-tools/'])(
    'accepts %s',
    (input) => {
      expect(parseRepositoryUrl(input, GITHUB).ref).toEqual({
        owner: 'username',
        repo: 'mcp-tools',
        fullName: 'username/mcp-tools',
        url: 'https://github.com/username/mcp-tools',
      });
    },
  );

  it('lowercases the name webhooks are matched on, keeps the case shown', () => {
    const { ref } = parseRepositoryUrl('https://github.com/Octo-Org/Hello.World.git', GITHUB);
    expect(ref).toMatchObject({ fullName: 'octo-org/hello.world', url: 'https://github.com/Octo-Org/Hello.World' });
  });

  it.each([
    ['https://gitlab.com/o/r', 'value_error.url.host'],
    ['http://github.com/o/r', 'value_error.url.host'],
    ['https://github.com.evil.example/o/r', 'value_error.url.host'],
    ['https://github.com/o', 'value_error.url.path'],
    ['https://github.com/o/r/tree/main', 'value_error.url.path'],
    ['https://github.com/o/..', 'value_error.url.path'],
    ['https://user:pw@github.com/o/r', 'value_error.url'],
    ['github.com/o/r', 'value_error.url.scheme'],
  ])('rejects %s with %s at body.repository_url', (input, type) => {
    const { issue } = parseRepositoryUrl(input, GITHUB);
    expect(issue).toMatchObject({ loc: ['body', 'repository_url'], type });
  });

  it('follows GITHUB_WEB_URL (GitHub Enterprise, with or without a path prefix)', () => {
    expect(parseRepositoryUrl('https://ghe.example.com/team/tools', 'https://ghe.example.com').ref?.fullName).toBe('team/tools');
    expect(parseRepositoryUrl('https://ghe.example.com/git/team/tools', 'https://ghe.example.com/git/').ref?.url).toBe(
      'https://ghe.example.com/git/team/tools',
    );
    expect(parseRepositoryUrl('https://github.com/team/tools', 'https://ghe.example.com').issue?.type).toBe('value_error.url.host');
  });
});
