import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { probeEveryRoute } from './route-security';
import { createTestEnvironment, type TestEnvironment } from './test-environment';

/**
 * The deny-by-default spec of a service whose only public route is /health: boots it on a fresh test
 * environment (no auth throttling, no key cache) and probes every route Nest registered.
 */
export function describeRouteSecurity(app: string, boot: (env: Record<string, string>) => Promise<NestFastifyApplication>): void {
  describe(`${app}: every route denies by default`, () => {
    let env: TestEnvironment;
    let service: NestFastifyApplication;

    beforeAll(async () => {
      env = await createTestEnvironment({ AUTH_FAILURES_PER_MINUTE: '1000000', API_KEY_CACHE_MS: '0' });
      service = await boot(env.env);
      await service.listen(0, '127.0.0.1');
    });
    afterAll(async () => {
      await service?.close();
      await env?.close();
    });

    it('given every registered route, then only /health is public and each other refuses no key, a wrong key and a lower scope in every spelling', async () => {
      const { routes, failures } = await probeEveryRoute(service, await service.getUrl());
      expect(routes.filter((r) => r.requirement.public).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /health']);
      expect(routes.length).toBeGreaterThan(1);
      expect(failures).toEqual([]);
    });
  });
}
