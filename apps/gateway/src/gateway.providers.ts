import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import Redis from 'ioredis';
import { physicalName, type GatewayConfig } from '@buddie/config';
import type { Clock } from '@buddie/domain';
import { ApiKeyRepository, TABLES } from '@buddie/persistence';
import { CLOCK, DYNAMO_DOC } from '@buddie/runtime';
import { ApiKeyGuard, RATE_LIMITER } from './auth/api-key.guard';
import { ApiKeyService } from './auth/api-key.service';
import { LiveTokenSigner } from './auth/live-token';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './auth/rate-limiter';
import { LiveConsumer } from './live/live.consumer';
import { LiveGateway } from './live/live.gateway';
import { LiveHub } from './live/live.hub';
import { LiveSnapshots } from './live/live.snapshot';
import { EscalationActions } from './escalations/escalation-actions.service';
import { AGENT_ALERTS, AGENT_STATES, ESCALATIONS, JOURNEYS, SUMMARIES, TableReader } from './common/table-reader';

@Injectable()
class RateLimiterCloser implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMITER) private readonly limiter: RateLimiter) {}
  async onApplicationShutdown(): Promise<void> {
    await this.limiter.close();
  }
}

function reader(token: symbol, config: GatewayConfig, table: { logicalName: string; partitionKey: { name: string }; indexes?: { partitionKey: { name: string }; sortKey?: { name: string } }[] }): Provider {
  // A cursor may only name the table's and its indexes' key attributes.
  const keys = [table.partitionKey.name, ...(table.indexes ?? []).flatMap((i) => [i.partitionKey.name, ...(i.sortKey ? [i.sortKey.name] : [])])];
  return {
    provide: token,
    useFactory: (doc: DynamoDBDocumentClient) => new TableReader(doc, physicalName(config, table.logicalName), [...new Set(keys)]),
    inject: [DYNAMO_DOC],
  };
}

/** The gateway's own wiring (auth, rate limits, live feed, table readers), kept apart so the module file stays a list. */
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
    {
      provide: ApiKeyRepository,
      useFactory: (doc: DynamoDBDocumentClient) => new ApiKeyRepository(doc, physicalName(config, TABLES.apiKeys.logicalName)),
      inject: [DYNAMO_DOC],
    },
    reader(JOURNEYS, config, TABLES.journeys),
    reader(ESCALATIONS, config, TABLES.escalations),
    reader(SUMMARIES, config, TABLES.summaries),
    reader(AGENT_STATES, config, TABLES.agentStates),
    reader(AGENT_ALERTS, config, TABLES.agentAlerts),
    {
      provide: EscalationActions,
      useFactory: (doc: DynamoDBDocumentClient, escalations: TableReader, hub: LiveHub, clock: Clock) => new EscalationActions(doc, escalations, hub, clock),
      inject: [DYNAMO_DOC, ESCALATIONS, LiveHub, CLOCK],
    },
    LiveHub,
    LiveSnapshots,
    LiveGateway,
    LiveConsumer,
  ];
}
