import { McpSessionTokens } from './mcp-session-token';

describe('McpSessionTokens', () => {
  const tokens = new McpSessionTokens('a-secret-shared-by-every-replica-0123456789');

  it('verifies on any instance holding the same secret, bound to deployment and user', () => {
    const token = tokens.issue({ d: 'dep-1', u: 'user-1', v: '2025-11-25' });
    const otherReplica = new McpSessionTokens('a-secret-shared-by-every-replica-0123456789');
    expect(otherReplica.verify(token, 'dep-1', 'user-1')).toMatchObject({ d: 'dep-1', u: 'user-1', v: '2025-11-25' });
    expect(otherReplica.verify(token, 'dep-2', 'user-1')).toBeUndefined();
    expect(otherReplica.verify(token, 'dep-1', 'user-2')).toBeUndefined();
  });

  it('refuses a forged or tampered token and one signed with another secret', () => {
    const token = tokens.issue({ d: 'dep-1', u: 'user-1', v: '2025-11-25' });
    const [payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ d: 'dep-1', u: 'admin', v: '2025-11-25', iat: 0 })).toString('base64url');
    expect(tokens.verify(`${forgedPayload}.${signature}`, 'dep-1', 'admin')).toBeUndefined();
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(tokens.verify(`${payload}.${flipped}`, 'dep-1', 'user-1')).toBeUndefined();
    expect(new McpSessionTokens('another-secret-entirely-0123456789abcdef').verify(token, 'dep-1', 'user-1')).toBeUndefined();
    expect(tokens.verify('garbage', 'dep-1', 'user-1')).toBeUndefined();
  });
});
