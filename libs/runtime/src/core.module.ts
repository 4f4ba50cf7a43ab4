import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import Redis from 'ioredis';
import { physicalName, type BuddieConfig } from '@buddie/config';
import { systemClock, type Clock } from '@buddie/domain';
import { EventPublisher, type BuddieApp } from '@buddie/messaging';
import { HEALTH_CHECKS, MetricsRegistry, type HealthCheck } from '@buddie/observability';
import { ApiKeyRepository, createDynamoClients, pingDynamo, TABLES, type DocumentClient } from '@buddie/persistence';
import { ApiKeyVerifier } from './auth/api-key.verifier';
import { MemoryRateLimiter, RedisRateLimiter, type RateLimiter } from './auth/rate-limiter';
import { AUTH_FAILURE_LIMITER, KEY_RATE_LIMITER, RouteAuthGuard } from './auth/route-auth.guard';
import { createEventBridgeClient, createSqsClient } from './aws-clients';
import { countAwsRequests } from './aws-request-metrics';
import { HealthController } from './health.controller';
import { HttpExceptionFilter } from './http-exception.filter';
import { APP_NAME, BUDDIE_CONFIG, CLOCK, DYNAMO_CLIENT, DYNAMO_DOC, EVENTBRIDGE_CLIENT, SQS_CLIENT } from './tokens';

class ClientCloser implements OnApplicationShutdown {
  constructor(
    @Inject(DYNAMO_CLIENT) private readonly dynamo: { destroy(): void },
    @Inject(AUTH_FAILURE_LIMITER) private readonly failures: RateLimiter,
    @Inject(KEY_RATE_LIMITER) private readonly perKey: RateLimiter,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.failures.close(), this.perKey.close()]);
    this.dynamo.destroy();
  }
}

/** Per instance in memory, or one shared window per subject in Redis when REDIS_URL is set. */
function limiter(config: BuddieConfig, limit: number, clock: Clock): RateLimiter {
  if (!config.REDIS_URL) return new MemoryRateLimiter(limit, clock);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  return new RedisRateLimiter(redis, limit, config.RESOURCE_PREFIX, clock);
}

/**
 * What every Buddie app shares: its validated config, the AWS SDK clients (pointed at emulators or
 * AWS by config alone), the event publisher, /health and /metrics, the global error filter and the
 * global route guard (every route needs a scoped API key unless it is marked @Public()).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(app: BuddieApp, config: BuddieConfig, extraHealthChecks: HealthCheck[] = []): DynamicModule {
    const metrics = new MetricsRegistry();
    const dynamo = createDynamoClients(config);
    countAwsRequests(dynamo.client, 'dynamodb', metrics);
    const dynamoCheck: HealthCheck = {
      name: 'dynamodb',
      check: async () => {
        await pingDynamo(dynamo.client);
      },
    };
    return {
      module: CoreModule,
      // Lets tests (and tools) enumerate every route with its metadata: the route-security specs.
      imports: [DiscoveryModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_NAME, useValue: app },
        { provide: BUDDIE_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: DYNAMO_CLIENT, useValue: dynamo.client },
        { provide: DYNAMO_DOC, useValue: dynamo.doc },
        { provide: SQS_CLIENT, useFactory: () => countAwsRequests(createSqsClient(config), 'sqs', metrics) },
        { provide: EVENTBRIDGE_CLIENT, useFactory: () => countAwsRequests(createEventBridgeClient(config), 'eventbridge', metrics) },
        {
          provide: EventPublisher,
          useFactory: (client: ReturnType<typeof createEventBridgeClient>, clock: Clock) => new EventPublisher(client, { busName: config.EVENT_BUS_NAME, app, clock }),
          inject: [EVENTBRIDGE_CLIENT, CLOCK],
        },
        { provide: MetricsRegistry, useValue: metrics },
        { provide: HEALTH_CHECKS, useValue: [dynamoCheck, ...extraHealthChecks] },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        {
          provide: ApiKeyRepository,
          useFactory: (doc: DocumentClient) => new ApiKeyRepository(doc, physicalName(config, TABLES.apiKeys.logicalName)),
          inject: [DYNAMO_DOC],
        },
        ApiKeyVerifier,
        { provide: AUTH_FAILURE_LIMITER, useFactory: (clock: Clock) => limiter(config, config.AUTH_FAILURES_PER_MINUTE, clock), inject: [CLOCK] },
        { provide: KEY_RATE_LIMITER, useFactory: (clock: Clock) => limiter(config, config.RATE_LIMIT_PER_MINUTE, clock), inject: [CLOCK] },
        RouteAuthGuard,
        { provide: APP_GUARD, useExisting: RouteAuthGuard },
        ClientCloser,
      ],
      exports: [
        APP_NAME,
        BUDDIE_CONFIG,
        CLOCK,
        DYNAMO_CLIENT,
        DYNAMO_DOC,
        SQS_CLIENT,
        EVENTBRIDGE_CLIENT,
        EventPublisher,
        MetricsRegistry,
        HEALTH_CHECKS,
        ApiKeyRepository,
        ApiKeyVerifier,
        AUTH_FAILURE_LIMITER,
      ],
    };
  }
}
