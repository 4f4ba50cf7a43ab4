import { LiveTokenSigner } from './live-token';
import { MemoryRateLimiter } from '@buddie/runtime';

describe('gateway auth rules', () => {
  it('given a live token, then it verifies until it expires and a tampered one never does', () => {
    let now = Date.parse('2024-03-12T15:00:00Z');
    const signer = new LiveTokenSigner('secret', 60, () => now);
    const { token } = signer.mint({ keyId: 'k1', name: 'n', scopes: ['read'] });
    expect(signer.verify(token)).toEqual({ keyId: 'k1', name: 'n', scopes: ['read'] });
    const [, body, sig] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ kid: 'k1', name: 'n', scopes: ['admin', 'pii'], exp: 9e9 })).toString('base64url');
    expect(signer.verify(`lt.${forgedBody}.${sig}`)).toBeUndefined();
    expect(new LiveTokenSigner('other', 60, () => now).verify(token)).toBeUndefined();
    expect(signer.verify(`lt.${body}.`)).toBeUndefined();
    now += 61_000;
    expect(signer.verify(token)).toBeUndefined();
  });

  it('given a one-minute window, then the limit applies per key and resets with the next window', async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter(2, () => now);
    const a = [await limiter.hit('a'), await limiter.hit('a'), await limiter.hit('a')].map((d) => d.allowed);
    expect(a).toEqual([true, true, false]);
    expect((await limiter.hit('b')).allowed).toBe(true);
    now = 60_000;
    expect((await limiter.hit('a')).allowed).toBe(true);
  });
});
