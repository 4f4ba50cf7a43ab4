import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import Redis from 'ioredis';
import type { GatewayConfig } from '@buddie/config';
import type { Clock } from '@buddie/domain';
import { EscalationRepository } from '@buddie/persistence';
import { CLOCK } from '@buddie/runtime';
import { ApiKeyGuard, RATE_LIMITER } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { LiveTokenSigner } from './auth/live-token';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './auth/rate-limiter';
import { LiveConsumer } from './live/live.consumer';
import { LiveGateway } from './live/live.gateway';
import { LiveHub } from './live/live.hub';
import { LiveSnapshots } from './live/live.snapshot';
import { EscalationActions } from './escalations/escalation-actions.service';
import { repositoryProviders } from './common/repository.providers';

@Injectable()
class RateLimiterCloser implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMITER) private readonly limiter: RateLimiter) {}
  async onApplicationShutdown(): Promise<void> {
    await this.limiter.close();
  }
}

/** The gateway's own wiring (auth, rate limits, repositories, live feed), kept apart so the module file stays a list. */
export function gatewayProviders(config: GatewayConfig): Provider[] {
  return [
    ApiKeyService,
    { provide: APP_GUARD, useExisting: ApiKeyGuard },
    {
      provide: RATE_LIMITER,
      useFactory: (): RateLimiter =>
        config.REDIS_URL
          ? new RedisRateLimiter(new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false }), config.RATE_LIMIT_PER_MINUTE, config.RESOURCE_PREFIX)
          : new MemoryRateLimiter(config.RATE_LIMIT_PER_MINUTE),
    },
    RateLimiterCloser,
    { provide: LiveTokenSigner, useValue: new LiveTokenSigner(config.LIVE_TOKEN_SECRET ?? randomBytes(32).toString('hex'), config.LIVE_TOKEN_TTL_SECONDS) },
    ...repositoryProviders(config),
    {
      provide: EscalationActions,
      useFactory: (escalations: EscalationRepository, hub: LiveHub, clock: Clock) => new EscalationActions(escalations, hub, clock),
      inject: [EscalationRepository, LiveHub, CLOCK],
    },
    LiveHub,
    LiveSnapshots,
    LiveGateway,
    LiveConsumer,
  ];
}
