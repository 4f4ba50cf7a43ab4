import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AgentView } from '@buddie/domain';
import type { AgentHistoryEntry } from './agent-history.model';
import type { AgentHistoryRepository } from './agent-history.repository';
import type { AgentStateRepository, AgentStateSaveExtra } from './agent-state.repository';

/** One agent's change: its new state (a compare-and-set on expectedVersion) and the history lines that led to it. */
export interface AgentChange {
  view: AgentView;
  expectedVersion: number;
  extra: AgentStateSaveExtra;
  history: readonly AgentHistoryEntry[];
}

export interface AgentChangesWritten {
  /** The stored version of each agent whose change was written. */
  versions: Map<string, number>;
  /** Agents whose state had moved past expectedVersion (another instance wrote it): nothing of theirs was written. */
  stale: string[];
}

/** TransactWriteItems takes at most 100 actions. */
const MAX_ACTIONS = 100;
/** Cancellation reasons that say "try again" rather than "this item is wrong". */
const RETRYABLE = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);
const MAX_RETRIES = 4;

interface CancellationReason {
  Code?: string;
}

function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  const candidate = error as { name?: string; CancellationReasons?: CancellationReason[] } | null;
  return candidate?.name === 'TransactionCanceledException' ? (candidate.CancellationReasons ?? []) : undefined;
}

/**
 * Stores a group of agents' changes in one TransactWriteItems: every agent's history lines and its
 * compare-and-set state write, all or nothing. One call instead of a BatchWriteItem and a PutItem per
 * agent, and history can no longer lag the state it explains. (Transactional writes cost two write
 * units per KB in AWS, against one.) When an agent's condition fails the transaction is cancelled;
 * that agent is reported stale and the others are written again without it. Conflicts and throttling
 * are retried with backoff. History too long for one transaction (a catch-up slice) is written first
 * with BatchWriteItem, as the order "history before state" still holds then.
 */
export class AgentChangeWriter {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly states: AgentStateRepository,
    private readonly history: AgentHistoryRepository,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async write(changes: readonly AgentChange[]): Promise<AgentChangesWritten> {
    if (changes.length > MAX_ACTIONS) throw new Error(`agent changes: ${changes.length} in one transaction, at most ${MAX_ACTIONS}`);
    const written: AgentChangesWritten = { versions: new Map(), stale: [] };
    const allHistory = changes.flatMap((change) => change.history);
    const historyInTransaction = allHistory.length + changes.length <= MAX_ACTIONS;
    if (!historyInTransaction) await this.history.append(allHistory);
    // Built once: a retry resends the same items without the stale agents'.
    let pending = changes.map((change) => ({
      agentId: change.view.agentId,
      state: this.states.putOf(change.view, change.expectedVersion, change.extra),
      history: historyInTransaction ? this.history.puts(change.history) : [],
    }));
    let retries = 0;
    while (pending.length > 0) {
      const puts = [...pending.map((write) => write.state.put), ...pending.flatMap((write) => write.history)];
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: puts.map((put) => ({ Put: put })) }));
        for (const write of pending) written.versions.set(write.agentId, write.state.version);
        return written;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons === undefined) throw error;
        // Reasons are in TransactItems order: the state writes come first, one per pending change.
        const stale = new Set(pending.filter((_, index) => reasons[index]?.Code === 'ConditionalCheckFailed'));
        const retry = reasons.some((reason) => RETRYABLE.has(reason.Code ?? ''));
        if (stale.size === 0 && !retry) throw error;
        for (const write of stale) written.stale.push(write.agentId);
        pending = pending.filter((write) => !stale.has(write));
        if (retry) {
          if (++retries > MAX_RETRIES) throw error;
          await this.sleep(20 * 2 ** retries * (0.5 + Math.random()));
        }
      }
    }
    return written;
  }
}
