import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IvrJourneyConfig, loadConfig } from '@buddie/config';
import { createServiceApp } from '@buddie/runtime';
import { createTestEnvironment, probeEveryRoute, type TestEnvironment } from '@buddie/testing';
import { IvrJourneyModule } from '../src/ivr-journey.module';

describe('ivr-journey: every route denies by default', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    env = await createTestEnvironment({ AUTH_FAILURES_PER_MINUTE: '1000000', API_KEY_CACHE_MS: '0' });
    const config = loadConfig(IvrJourneyConfig, env.env);
    app = await createServiceApp('ivr-journey', IvrJourneyModule.forRoot(config), config, { logger: false });
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  it('given every registered route, then only /health is public and each other refuses no key, a wrong key and a lower scope in every spelling', async () => {
    const { routes, failures } = await probeEveryRoute(app, await app.getUrl());
    expect(routes.filter((r) => r.requirement.public).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health']);
    expect(routes.length).toBeGreaterThan(1);
    expect(failures).toEqual([]);
  });
});
