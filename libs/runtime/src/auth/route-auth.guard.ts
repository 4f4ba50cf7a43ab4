import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { BuddieConfig } from '@buddie/config';
import { BuddieError, scopesGrant } from '@buddie/domain';
import { MetricsRegistry } from '@buddie/observability';
import { BUDDIE_CONFIG } from '../tokens';
import { ApiKeyVerifier, AuthenticationError, keyFromHeaders } from './api-key.verifier';
import { routeRequirement } from './auth.decorators';
import type { Principal } from './principal';
import type { RateLimiter } from './rate-limiter';

/** Failed authentications per client address (shared through Redis when REDIS_URL is set). */
export const AUTH_FAILURE_LIMITER = Symbol('AUTH_FAILURE_LIMITER');
/** The per-key request budget (RATE_LIMIT_PER_MINUTE). */
export const KEY_RATE_LIMITER = Symbol('KEY_RATE_LIMITER');

interface GuardedRequest {
  method: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

interface HeaderReply {
  header(name: string, value: string | number): unknown;
}

/**
 * The one global guard of every app (DESIGN.md 7): the matched handler's metadata says whether the
 * route is public and which scopes it needs, so no spelling of a URL (percent-encoded, absolute-form,
 * a prefix that moved) can change the verdict. Everything not marked @Public() needs a valid key.
 * Failed authentications are counted per client address; past the budget that address gets 429
 * before its key is even looked at, so keys cannot be guessed at speed.
 */
@Injectable()
export class RouteAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyVerifier,
    private readonly metrics: MetricsRegistry,
    @Inject(BUDDIE_CONFIG) private readonly config: BuddieConfig,
    @Inject(AUTH_FAILURE_LIMITER) private readonly failures: RateLimiter,
    @Inject(KEY_RATE_LIMITER) private readonly perKey: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Socket.IO authenticates in its handshake and queue input is validated by its consumer; this guard is HTTP's.
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const reply = context.switchToHttp().getResponse<HeaderReply>();
    const requirement = routeRequirement(this.reflector, context.getHandler(), context.getClass(), request.method, this.config);
    if (requirement.public) return true;

    if (!request.principal) {
      request.principal = await this.authenticate(request, reply);
      await this.spend(request.principal, reply);
    }
    const missing = requirement.scopes.filter((scope) => !scopesGrant(request.principal!.scopes, scope));
    if (missing.length > 0) throw new BuddieError('FORBIDDEN', `this route needs the '${missing.join("', '")}' scope`, true);
    return true;
  }

  private async authenticate(request: GuardedRequest, reply: HeaderReply): Promise<Principal> {
    const client = request.ip ?? 'unknown';
    try {
      const key = keyFromHeaders(request.headers);
      if (key) {
        const standing = await this.failures.peek(`auth-fail:${client}`);
        if (!standing.allowed) {
          this.metrics.increment('buddie_auth_throttled_total', {}, 1, 'requests refused because their address failed authentication too often');
          reply.header('retry-after', standing.resetSeconds);
          throw new BuddieError('RATE_LIMITED', `too many failed authentications from this address; retry in ${standing.resetSeconds} s`, true);
        }
      }
      return await this.keys.verify(key);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        this.metrics.increment('buddie_auth_failures_total', { reason: error.reason }, 1, 'failed authentications by reason');
        // A missing key guesses nothing; only presented keys spend the address's budget.
        if (error.reason !== 'missing') await this.failures.hit(`auth-fail:${client}`);
      }
      throw error;
    }
  }

  private async spend(principal: Principal, reply: HeaderReply): Promise<void> {
    const rate = await this.perKey.hit(principal.keyId);
    reply.header('x-ratelimit-limit', rate.limit);
    reply.header('x-ratelimit-remaining', rate.remaining);
    if (!rate.allowed) {
      reply.header('retry-after', rate.resetSeconds);
      throw new BuddieError('RATE_LIMITED', `rate limit of ${rate.limit} requests per minute reached; retry in ${rate.resetSeconds} s`, true);
    }
  }
}
