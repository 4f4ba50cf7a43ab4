import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { Test } from '@nestjs/testing';
import { GatewayConfig, loadConfig } from '@buddie/config';
import { fixedClock } from '@buddie/domain';
import { EventPublisher, escalationEventFields } from '@buddie/messaging';
import type { EscalationRecord } from '@buddie/persistence';
import { AUTH_FAILURE_LIMITER } from './auth/route-auth.guard';
import type { RateLimiter } from './auth/rate-limiter';
import { CoreModule } from './core.module';
import { CLOCK, EVENTBRIDGE_CLIENT } from './tokens';

/** EventBridge, faked: keeps the entries of every PutEvents and accepts them all. */
function fakeEventBridge() {
  const entries: { DetailType?: string; Detail?: string }[] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      entries.push(...(command.input.Entries ?? []));
      return { FailedEntryCount: 0, Entries: (command.input.Entries ?? []).map((_, i) => ({ EventId: `e-${i}` })) };
    },
  };
  return { client, entries };
}

describe('CoreModule: one clock for everything it builds', () => {
  it('given the CLOCK provider overridden, then the EventPublisher stamps occurredAt and the rate limiters count windows on that clock', async () => {
    const clock = fixedClock('2031-05-06T09:30:00.000Z');
    const eventBridge = fakeEventBridge();
    const config = loadConfig(GatewayConfig, { AWS_REGION: 'us-east-1', RATE_LIMIT_PER_MINUTE: '1000', AUTH_FAILURES_PER_MINUTE: '1' });
    const moduleRef = await Test.createTestingModule({ imports: [CoreModule.forRoot('escalation', config)] })
      .overrideProvider(CLOCK)
      .useValue(clock)
      .overrideProvider(EVENTBRIDGE_CLIENT)
      .useValue(eventBridge.client)
      .compile();
    try {
      const record: EscalationRecord = {
        escalationId: 'e-1', subjectType: 'contact', subjectId: 'c-1', contactId: 'c-1', agentId: null, cause: 'ivr-system-failure', severity: 'high', reasons: ['caller stuck'],
        trigger: 'journey-failure', correlationId: 'corr-1', triggeredAt: '2031-05-06T09:00:00.000Z', status: 'open', version: 1, createdAt: '2031-05-06T09:00:00.000Z', updatedAt: '2031-05-06T09:00:00.000Z',
      };
      await moduleRef.get(EventPublisher).publish([{ type: 'EscalationCreated', detail: escalationEventFields(record, 'corr-1') }]);
      expect(eventBridge.entries.map((e) => (JSON.parse(e.Detail ?? '{}') as { occurredAt: string }).occurredAt)).toEqual(['2031-05-06T09:30:00.000Z']);

      // One failure spends the budget of 1 in this clock's minute; the clock's next minute restores it.
      const failures = moduleRef.get<RateLimiter>(AUTH_FAILURE_LIMITER);
      await failures.hit('auth-fail:203.0.113.7');
      expect((await failures.peek('auth-fail:203.0.113.7')).allowed).toBe(false);
      clock.advance(60_000);
      expect((await failures.peek('auth-fail:203.0.113.7')).allowed).toBe(true);
    } finally {
      await moduleRef.close();
    }
  });
});
