import { createHmac } from 'node:crypto';
import { fixedClock } from '@buddie/domain';
import { LiveTokenSigner } from './live-token';

describe('live-feed tokens', () => {
  it('given a live token, then it verifies until it expires on the injected clock and a tampered one never does', () => {
    const clock = fixedClock('2024-03-12T15:00:00Z');
    const signer = new LiveTokenSigner('secret', 60, clock);
    const { token, expiresAt } = signer.mint({ keyId: 'k1', name: 'n', scopes: ['read'] });
    expect(expiresAt).toBe('2024-03-12T15:01:00.000Z');
    expect(signer.verify(token)).toEqual({ keyId: 'k1', name: 'n', scopes: ['read'] });
    const [, body, sig] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ kid: 'k1', name: 'n', scopes: ['admin', 'pii'], exp: 9e9 })).toString('base64url');
    expect(signer.verify(`lt.${forgedBody}.${sig}`)).toBeUndefined();
    expect(new LiveTokenSigner('other', 60, clock).verify(token)).toBeUndefined();
    expect(signer.verify(`lt.${body}.`)).toBeUndefined();
    clock.advance(59_000);
    expect(signer.verify(token)).toBeDefined();
    clock.advance(1_000);
    expect(signer.verify(token)).toBeUndefined();
  });

  it('given claims signed with the secret but scopes outside the known set, then the token is refused', () => {
    const clock = fixedClock('2024-03-12T15:00:00Z');
    const signer = new LiveTokenSigner('secret', 60, clock);
    const { token } = signer.mint({ keyId: 'k1', name: 'n', scopes: ['read'] });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
    // Whoever holds the secret could sign anything; verify still refuses scopes it does not know.
    const sign = (body: string) => createHmac('sha256', 'secret').update(body).digest('base64url');
    const body = Buffer.from(JSON.stringify({ ...claims, scopes: ['read', 'root'] })).toString('base64url');
    expect(signer.verify(`lt.${body}.${sign(body)}`)).toBeUndefined();
  });
});
