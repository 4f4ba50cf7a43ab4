import { createHmac, timingSafeEqual } from 'node:crypto';
import { isApiKeyScope, normalizeScopes, systemClock, type ApiKeyScope, type Clock } from '@buddie/domain';
import type { Principal } from './principal';

interface TokenClaims {
  kid: string;
  name: string;
  scopes: ApiKeyScope[];
  exp: number;
}

/**
 * Short-lived live-feed tokens, so a browser can open the socket without keeping the API key in a
 * URL or a long-lived connection: `lt.<claims>.<hmac>`; stateless, so any instance with the secret
 * can verify them.
 */
export class LiveTokenSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock = systemClock,
  ) {}

  mint(principal: Principal): { token: string; expiresAt: string } {
    const exp = Math.floor(this.clock.now().getTime() / 1000) + this.ttlSeconds;
    const claims: TokenClaims = { kid: principal.keyId, name: principal.name, scopes: principal.scopes, exp };
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `lt.${body}.${this.sign(body)}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The principal, or undefined for anything forged, malformed or expired. */
  verify(token: string): Principal | undefined {
    const match = /^lt\.([A-Za-z0-9_-]{1,1024})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const [, body, signature] = match;
    const expected = Buffer.from(this.sign(body));
    const actual = Buffer.from(signature);
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    let claims: Partial<TokenClaims>;
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    } catch {
      return undefined;
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= this.clock.now().getTime()) return undefined;
    if (typeof claims.kid !== 'string' || typeof claims.name !== 'string' || !Array.isArray(claims.scopes) || !claims.scopes.every(isApiKeyScope)) return undefined;
    return { keyId: claims.kid, name: claims.name, scopes: normalizeScopes(claims.scopes) };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
