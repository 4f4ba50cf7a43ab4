import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BuddieError } from '@buddie/domain';
import type { ApiKeyScope } from '@buddie/persistence';
import { ApiKeyService, keyFromHeaders } from './api-key.service';
import type { Principal } from './principal';
import type { RateLimiter } from './rate-limiter';
import { defaultScopeFor, REQUIRED_SCOPE, scopeSatisfies } from './scope.decorator';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

interface GuardedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

interface HeaderReply {
  header(name: string, value: string | number): unknown;
}

/**
 * Global guard: every route under /api needs a valid key whose scope covers the route (declared with
 * @RequireScope, else read for GET and write otherwise), within the key's rate budget. /health,
 * /metrics, /docs and the dashboard's files stay open. Controllers that also say
 * @UseGuards(ApiKeyGuard) get the same check once: the verdict is kept on the request.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const declared = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(REQUIRED_SCOPE, [context.getHandler(), context.getClass()]);
    const required = declared ?? (request.url.startsWith('/api/') ? defaultScopeFor(request.method) : undefined);
    if (!required) return true;

    if (!request.principal) {
      const principal = await this.keys.verify(keyFromHeaders(request.headers));
      const rate = await this.limiter.hit(principal.keyId);
      const reply = context.switchToHttp().getResponse<HeaderReply>();
      reply.header('x-ratelimit-limit', rate.limit);
      reply.header('x-ratelimit-remaining', rate.remaining);
      if (!rate.allowed) {
        reply.header('retry-after', rate.resetSeconds);
        throw new BuddieError('RATE_LIMITED', `rate limit of ${rate.limit} requests per minute reached; retry in ${rate.resetSeconds} s`, true);
      }
      request.principal = principal;
    }
    if (!scopeSatisfies(request.principal.scope, required)) {
      throw new BuddieError('FORBIDDEN', `this route needs the '${required}' scope`, true);
    }
    return true;
  }
}
