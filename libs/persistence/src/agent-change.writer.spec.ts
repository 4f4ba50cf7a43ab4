import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { fixedClock, type AgentView } from '@buddie/domain';
import { foldAgentEvents } from '../../domain/src/agent/testing/fold-agent-events';
import { JDOE_SHIFT, readAgentEvents } from '../../testing/src/fixtures';
import { AgentChangeWriter, type AgentChange } from './agent-change.writer';
import { AgentHistoryRepository } from './agent-history.repository';
import { AgentStateRepository } from './agent-state.repository';

const jdoe = foldAgentEvents(readAgentEvents(JDOE_SHIFT).slice(0, 10)).view;
const change = (agentId: string, expectedVersion: number): AgentChange => ({
  view: { ...jdoe, agentId } as AgentView,
  expectedVersion,
  extra: { openAlerts: 0, now: '2024-03-12T14:10:00Z', nextVersion: expectedVersion + 1, outbox: [] },
  history: [
    {
      agentId,
      timestamp: '2024-03-12T14:09:00.000Z',
      eventId: `${agentId}-e1`,
      eventType: 'STATE_CHANGE',
      statusName: 'Available',
      activity: 'Idle',
      activitySince: '2024-03-12T14:09:00.000Z',
      loggedIn: true,
      contacts: [],
      completedContacts: [],
    },
  ],
});

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });

/** A document client whose TransactWriteItems answers come from a script; what each call carried is recorded. */
function scripted(...answers: (Error | undefined)[]) {
  const calls: string[][] = [];
  const fake = {
    send: async (command: TransactWriteCommand) => {
      calls.push((command.input.TransactItems ?? []).map((item) => `${item.Put?.TableName}:${String(item.Put?.Item?.agentId)}`));
      const answer = answers.shift();
      if (answer) throw answer;
      return {};
    },
  };
  const sleeps: number[] = [];
  const doc = fake as unknown as DynamoDBDocumentClient;
  const writer = new AgentChangeWriter(
    doc,
    new AgentStateRepository(doc, 'states'),
    new AgentHistoryRepository(doc, 'history', 30, fixedClock('2024-03-12T14:10:00Z')),
    async (ms) => {
      sleeps.push(ms);
    },
  );
  return { writer, calls, sleeps };
}

describe('AgentChangeWriter: cancellation reasons', () => {
  it('given a transaction conflict, then the whole group is sent again after a backoff', async () => {
    const { writer, calls, sleeps } = scripted(cancelled('None', 'TransactionConflict', 'None', 'None'));

    const written = await writer.write([change('a', 1), change('b', 1)]);

    expect(written).toEqual({ versions: new Map([['a', 2], ['b', 2]]), stale: [] });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual(['states:a', 'states:b', 'history:a', 'history:b']);
    expect(sleeps).toHaveLength(1);
  });

  it('given conflicts that do not clear, then it gives up after its retries and throws the cancellation', async () => {
    const conflict = () => cancelled('TransactionConflict', 'None');
    const { writer, calls } = scripted(conflict(), conflict(), conflict(), conflict(), conflict());

    await expect(writer.write([change('a', 1)])).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls).toHaveLength(5);
  });

  it('given a failed condition on the second state, then that agent is stale and the rest go again without its history', async () => {
    const { writer, calls, sleeps } = scripted(cancelled('None', 'ConditionalCheckFailed', 'None', 'None', 'None', 'None'));

    const written = await writer.write([change('a', 1), change('b', 4), change('c', 1)]);

    expect(written).toEqual({ versions: new Map([['a', 2], ['c', 2]]), stale: ['b'] });
    expect(calls[1]).toEqual(['states:a', 'states:c', 'history:a', 'history:c']);
    expect(sleeps).toEqual([]);
  });

  it('given a cancellation with no reason it can act on (a validation error), then it is thrown, not read as stale', async () => {
    const { writer, calls } = scripted(cancelled('ValidationError', 'None'));

    await expect(writer.write([change('a', 1)])).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(calls).toHaveLength(1);
  });
});
