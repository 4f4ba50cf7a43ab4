import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BuddieConfig } from '@buddie/config';
import { BuddieError, type Clock } from '@buddie/domain';
import { ApiKeyRepository, apiKeyId, apiKeyMatches, hashApiKey } from '@buddie/persistence';
import { APP_NAME, BUDDIE_CONFIG, CLOCK } from '../tokens';
import { DEV_KEY_ID, type Principal } from './principal';

export type AuthFailureReason = 'missing' | 'malformed' | 'invalid' | 'revoked';

/** 401 with why, for metrics and logs; the client sees only the message, never which keys exist. */
export class AuthenticationError extends BuddieError {
  constructor(
    readonly reason: AuthFailureReason,
    message: string,
  ) {
    super('UNAUTHORIZED', message, true);
  }
}

const LAST_USED_EVERY_MS = 60_000;
const MAX_KEY_LENGTH = 256;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

type Verdict = Principal | 'revoked' | 'invalid';

/**
 * Verifies API keys in every app: the local runtime's DEV_API_KEY (an admin key that lives only in
 * config) and the scoped keys `buddie keys create` stores hashed. Verdicts are cached briefly so a busy
 * dashboard costs no database read per request; API_KEY_CACHE_MS bounds how late a revocation bites.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly logger = new Logger('ApiKeyVerifier');
  private readonly devKey?: Buffer;
  private readonly cache = new Map<string, { verdict: Verdict; until: number }>();
  private readonly lastRecorded = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(BUDDIE_CONFIG) private readonly config: BuddieConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_NAME) private readonly app: string,
  ) {
    this.devKey = config.DEV_API_KEY ? digest(config.DEV_API_KEY) : undefined;
  }

  async verify(key: string | undefined): Promise<Principal> {
    if (!key) throw new AuthenticationError('missing', 'an API key is required (x-api-key header or Authorization: Bearer)');
    if (key.length > MAX_KEY_LENGTH) throw new AuthenticationError('malformed', 'the API key is not valid');
    if (this.devKey && timingSafeEqual(digest(key), this.devKey)) return { keyId: DEV_KEY_ID, name: 'development key', scopes: ['admin'] };
    const keyId = apiKeyId(key);
    if (!keyId) throw new AuthenticationError('malformed', 'the API key is not valid');

    const now = this.clock.now().getTime();
    const cacheKey = hashApiKey(key);
    let cached = this.cache.get(cacheKey);
    if (!cached || cached.until <= now) {
      const record = await this.keys.get(keyId);
      const verdict: Verdict =
        !record || !apiKeyMatches(key, record) ? 'invalid' : record.revokedAt ? 'revoked' : { keyId, name: record.name, scopes: record.scopes };
      if (this.cache.size > 10_000) this.cache.clear();
      cached = { verdict, until: now + this.config.API_KEY_CACHE_MS };
      if (this.config.API_KEY_CACHE_MS > 0) this.cache.set(cacheKey, cached);
    }
    if (cached.verdict === 'invalid') throw new AuthenticationError('invalid', 'the API key is not valid');
    if (cached.verdict === 'revoked') throw new AuthenticationError('revoked', 'the API key has been revoked');
    this.recordUse(cached.verdict.keyId, now);
    return cached.verdict;
  }

  /**
   * Whether a key id still stands (exists, not revoked), read from the table, never the cache: a
   * live token names its key by id only, and a socket must not outlive its key's revocation.
   */
  async isActive(keyId: string): Promise<boolean> {
    if (keyId === DEV_KEY_ID) return this.devKey !== undefined;
    const record = await this.keys.get(keyId);
    return record !== undefined && !record.revokedAt;
  }

  /** Forget cached verdicts of a key, so this instance refuses it at once after a revocation. */
  forget(keyId: string): void {
    for (const [hash, { verdict }] of this.cache) {
      if (typeof verdict === 'object' && verdict.keyId === keyId) this.cache.delete(hash);
    }
  }

  /** Last-used is bookkeeping: at most one write per key per minute, and never on the request path. */
  private recordUse(keyId: string, now: number): void {
    // Only the gateway may write the keys table (deploy/lib/app-access.ts); other services only read it.
    if (this.app !== 'gateway') return;
    if (now - (this.lastRecorded.get(keyId) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastRecorded.set(keyId, now);
    this.keys.recordUse(keyId, new Date(now).toISOString()).catch((error: unknown) => {
      this.logger.warn({ message: 'could not record last use of a key', keyId, error: error instanceof Error ? error.message : String(error) });
    });
  }
}

/** The key from `x-api-key` or `Authorization: Bearer`; a header sent twice is refused, not guessed at. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-api-key'];
  if (Array.isArray(header)) throw new AuthenticationError('malformed', 'send one API key');
  if (header) return header;
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) return authorization.slice(7).trim();
  return undefined;
}
