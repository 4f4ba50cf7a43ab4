import { EVENT_PRODUCERS, type BuddieEventType } from './event-catalog';
import { CONSUMER_QUEUES, ROUTES, routesFor } from './routing-table';

describe('routing table', () => {
  it('routes ContactCompleted to summarizer, ivr-journey and gateway and nowhere else', () => {
    const queues = routesFor({ source: 'buddie.ingestion', detailType: 'ContactCompleted', bus: 'buddie' }).map((r) => r.queue);
    expect(queues.sort()).toEqual(['gateway', 'ivr-journey', 'summarizer']);
  });

  it('routes Connect contact events from the default bus and piped CTRs from the Buddie bus to ingestion', () => {
    expect(routesFor({ source: 'aws.connect', detailType: 'Amazon Connect Contact Event', bus: 'default' }).map((r) => r.queue)).toEqual([
      'ingestion',
    ]);
    expect(
      routesFor({ source: 'buddie.ctr-pipe', detailType: 'Amazon Connect Contact Trace Record', bus: 'buddie' }).map((r) => r.queue),
    ).toEqual(['ingestion']);
  });

  it('does not route an event whose source does not match its producer', () => {
    expect(routesFor({ source: 'buddie.gateway', detailType: 'ContactCompleted' })).toEqual([]);
  });

  it('routes EscalationUpdated from either producer (escalation app, gateway) to the same queues, and the gateway publishes nothing else', () => {
    for (const source of ['buddie.escalation', 'buddie.gateway']) {
      expect(routesFor({ source, detailType: 'EscalationUpdated', bus: 'buddie' }).map((r) => r.queue).sort()).toEqual(['gateway', 'salesforce-sync']);
    }
    expect(routesFor({ source: 'buddie.gateway', detailType: 'EscalationCreated', bus: 'buddie' })).toEqual([]);
    expect(ROUTES.filter((r) => r.source === 'buddie.gateway').flatMap((r) => r.detailTypes)).toEqual(['EscalationUpdated', 'EscalationUpdated']);
  });

  it('gives every Buddie event at least one consumer and every rule a known queue and a unique name', () => {
    for (const type of Object.keys(EVENT_PRODUCERS) as BuddieEventType[]) {
      for (const producer of EVENT_PRODUCERS[type]) expect(routesFor({ source: `buddie.${producer}`, detailType: type }).length).toBeGreaterThan(0);
    }
    for (const route of ROUTES) expect(CONSUMER_QUEUES).toContain(route.queue);
    expect(new Set(ROUTES.map((r) => r.name)).size).toBe(ROUTES.length);
  });

  it('delivers every gateway-bound event: the gateway receives all twelve Buddie event types', () => {
    const gatewayTypes = ROUTES.filter((r) => r.queue === 'gateway').flatMap((r) => r.detailTypes);
    expect(new Set(gatewayTypes).size).toBe(12);
  });
});
