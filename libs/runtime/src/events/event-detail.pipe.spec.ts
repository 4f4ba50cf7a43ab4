import { EventDetailInvalidError, publishedDetail } from '@buddie/messaging';
import { EventDetailPipe } from './event-detail.pipe';

/** An AgentAlertRaised detail exactly as the publisher stamps it (typed by the catalog at compile time). */
const raised = publishedDetail(
  {
    type: 'AgentAlertRaised',
    detail: {
      correlationId: 'a-1:acw-60:2026-12-01T10:00:00.000Z',
      alertId: 'a-1:acw-60:2026-12-01T10:00:00.000Z',
      agentId: 'a-1',
      ruleId: 'acw-60',
      severity: 'warning',
      message: 'in ACW for more than 60 s',
      startedAt: '2026-12-01T10:00:00.000Z',
      raisedAt: '2026-12-01T10:01:00.000Z',
      clearedAt: null,
      lastValue: 61,
      status: 'open',
    },
  },
  new Date('2026-12-01T10:01:00.000Z'),
);

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EventDetailInvalidError);
    expect((error as EventDetailInvalidError).permanent).toBe(true);
    return (error as EventDetailInvalidError).issues.map((issue) => issue.path);
  }
  throw new Error('the pipe accepted an invalid detail');
};

describe('EventDetailPipe (the @EventPayload validation of a consumer handler)', () => {
  const pipe = new EventDetailPipe('AgentAlertRaised');

  it('given the detail its producer publishes, then the handler receives it as the catalog types it', () => {
    expect(pipe.transform(raised)).toEqual(raised);
  });

  it('given a detail missing a field, then a permanent EventDetailInvalidError naming its path (the transport dead-letters it)', () => {
    const { severity: _severity, ...missing } = raised;
    expect(issuesOf(() => pipe.transform(missing))).toEqual(['severity']);
  });

  it('given a field the catalog does not name, then it is dropped: the handler can read only what the producer writes', () => {
    const received = pipe.transform({ ...raised, statusName: 'Break' });
    expect(received).toEqual(raised);
    expect(received).not.toHaveProperty('statusName');
  });

  it('given a value outside the catalog (enum, timestamp, type), then each bad field is named', () => {
    expect(issuesOf(() => pipe.transform({ ...raised, severity: 'urgent', raisedAt: 'yesterday', lastValue: '61' })).sort()).toEqual(['lastValue', 'raisedAt', 'severity']);
  });

  it('given something that is not an object, then it is refused', () => {
    expect(issuesOf(() => pipe.transform('AgentAlertRaised'))).toHaveLength(1);
    expect(issuesOf(() => pipe.transform(null))).toHaveLength(1);
  });

  it('validates with its own event type: a valid AgentAlertRaised is not a valid SummaryCreated', () => {
    expect(issuesOf(() => new EventDetailPipe('SummaryCreated').transform(raised)).length).toBeGreaterThan(0);
  });
});
