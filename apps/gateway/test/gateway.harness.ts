import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayConfig, loadConfig } from '@buddie/config';
import { ApiKeyRepository, createDynamoClients, type ApiKeyScope } from '@buddie/persistence';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { startGateway } from '../src/gateway.app';

export interface RunningGateway {
  app: NestFastifyApplication;
  url: string;
  config: GatewayConfig;
}

/** Boots gateways against one isolated test environment and makes scoped keys straight in the table. */
export class GatewayHarness {
  readonly gateways: RunningGateway[] = [];

  private constructor(
    readonly env: TestEnvironment,
    readonly keys: ApiKeyRepository,
  ) {}

  static async create(): Promise<GatewayHarness> {
    const env = await createTestEnvironment();
    return new GatewayHarness(env, new ApiKeyRepository(createDynamoClients(env.config).doc, env.physical('api-keys')));
  }

  async start(overrides: Record<string, string> = {}): Promise<RunningGateway> {
    const config = loadConfig(GatewayConfig, { ...this.env.env, ...overrides });
    const { app, url } = await startGateway(config, { logger: false });
    const running = { app, url, config };
    this.gateways.push(running);
    return running;
  }

  async key(scope: ApiKeyScope | ApiKeyScope[], name = `${String(scope)} test key`): Promise<{ key: string; keyId: string }> {
    const { key, record } = await this.keys.create({ name, scopes: Array.isArray(scope) ? scope : [scope], createdAt: new Date().toISOString() });
    return { key, keyId: record.keyId };
  }

  async close(): Promise<void> {
    await Promise.all(this.gateways.splice(0).map((g) => g.app.close()));
    await this.env.close();
  }
}
