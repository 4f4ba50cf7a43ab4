import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { GatewayConfig } from '@buddie/config';
import { BuddieError, type Clock } from '@buddie/domain';
import { ApiKeyRepository, apiKeyId, apiKeyMatches, hashApiKey } from '@buddie/persistence';
import { BUDDIE_CONFIG, CLOCK } from '@buddie/runtime';
import { DEV_KEY_ID, type Principal } from './principal';

const unauthorized = (message: string) => new BuddieError('UNAUTHORIZED', message, true);
const LAST_USED_EVERY_MS = 60_000;
const MAX_KEY_LENGTH = 256;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Verifies API keys: the local runtime's DEV_API_KEY (an admin key that lives only in config) and
 * the scoped keys `buddie keys create` stores hashed. Verdicts are cached briefly so a busy
 * dashboard costs no database read per request; the cache TTL bounds how late a revocation bites.
 */
@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger('ApiKeyService');
  private readonly devKey?: Buffer;
  private readonly cache = new Map<string, { principal: Principal | 'revoked' | 'invalid'; until: number }>();
  private readonly lastRecorded = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(BUDDIE_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.devKey = config.DEV_API_KEY ? digest(config.DEV_API_KEY) : undefined;
  }

  async verify(key: string | undefined): Promise<Principal> {
    if (!key) throw unauthorized('an API key is required (x-api-key header or Authorization: Bearer)');
    if (key.length > MAX_KEY_LENGTH) throw unauthorized('the API key is not valid');
    if (this.devKey && timingSafeEqual(digest(key), this.devKey)) return { keyId: DEV_KEY_ID, name: 'development key', scope: 'admin' };
    const keyId = apiKeyId(key);
    if (!keyId) throw unauthorized('the API key is not valid');

    const now = this.clock.now().getTime();
    const cacheKey = hashApiKey(key);
    let verdict = this.cache.get(cacheKey);
    if (!verdict || verdict.until <= now) {
      const record = await this.keys.get(keyId);
      const principal: Principal | 'revoked' | 'invalid' =
        !record || !apiKeyMatches(key, record) ? 'invalid' : record.revokedAt ? 'revoked' : { keyId, name: record.name, scope: record.scope };
      if (this.cache.size > 10_000) this.cache.clear();
      verdict = { principal, until: now + this.config.API_KEY_CACHE_MS };
      if (this.config.API_KEY_CACHE_MS > 0) this.cache.set(cacheKey, verdict);
    }
    if (verdict.principal === 'invalid') throw unauthorized('the API key is not valid');
    if (verdict.principal === 'revoked') throw unauthorized('the API key has been revoked');
    this.recordUse(verdict.principal.keyId, now);
    return verdict.principal;
  }

  /** Last-used is bookkeeping: at most one write per key per minute, and never on the request path. */
  private recordUse(keyId: string, now: number): void {
    if (now - (this.lastRecorded.get(keyId) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastRecorded.set(keyId, now);
    this.keys.recordUse(keyId, new Date(now).toISOString()).catch((error: unknown) => {
      this.logger.warn(`could not record last use of key ${keyId}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
}

/** The key from `x-api-key` or `Authorization: Bearer`; a header sent twice is refused, not guessed at. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const header = headers['x-api-key'];
  if (Array.isArray(header)) throw unauthorized('send one API key');
  if (header) return header;
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.startsWith('Bearer ')) return authorization.slice(7).trim();
  return undefined;
}
