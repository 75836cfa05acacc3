import { createHmac, timingSafeEqual } from 'node:crypto';

export interface McpSessionClaims {
  /** deployment id */
  d: string;
  /** user id */
  u: string;
  /** negotiated protocol version */
  v: string;
  /** issued at (epoch seconds) */
  iat: number;
}

const CHECKED_MAX = 10_000;

/**
 * The `Mcp-Session-Id` of 2025-11-25 clients is a signed token rather than a key into process
 * memory: any api replica verifies it with the shared secret, so a session opened on one replica
 * continues on any other and "session not found" cannot happen behind a load balancer. It is bound
 * to the deployment and the user who opened it.
 */
export class McpSessionTokens {
  private readonly key: Buffer;
  private readonly checked = new Map<string, McpSessionClaims>();

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('mcp-session-id').digest();
  }

  issue(claims: Omit<McpSessionClaims, 'iat'>): string {
    const payload = Buffer.from(JSON.stringify({ ...claims, iat: Math.floor(Date.now() / 1000) })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  verify(token: string, deploymentId: string, userId: string): McpSessionClaims | undefined {
    const claims = this.checked.get(token) ?? this.check(token);
    return claims && claims.d === deploymentId && claims.u === userId ? claims : undefined;
  }

  /** The claims of a token this secret signed; remembered, since a client sends its token with every request. */
  private check(token: string): McpSessionClaims | undefined {
    const [payload, signature] = token.split('.');
    if (!payload || !signature) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    let claims: McpSessionClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as McpSessionClaims;
    } catch {
      return undefined;
    }
    // Only tokens we signed get here, so the bound is against many clients, not against forgeries.
    if (this.checked.size >= CHECKED_MAX) this.checked.clear();
    this.checked.set(token, claims);
    return claims;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
