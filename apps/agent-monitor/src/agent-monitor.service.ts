import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  agentIdFromArn,
  evolveAgent,
  evaluateAlerts,
  forEachLimit,
  type AgentAlert,
  type AgentEventInput,
  type AgentView,
  type AlertEvaluation,
  type Clock,
} from '@buddie/domain';
import { EventPublisher, type KinesisRecordIn, type PublishableEvent, type ShardBatch, type ShardBatchHandler } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import {
  AgentAlertRepository,
  AgentHistoryRepository,
  AgentStateRepository,
  StaleAgentWriteError,
  type AgentHistoryEntry,
  type AgentOutboxEvent,
  type AgentStateRecord,
} from '@buddie/persistence';
import { CLOCK } from '@buddie/runtime';
import { alertEvent, alertOfEvent, historyEntry, stateChangedEvent, type AlertNoticeKind } from './agent-monitor.mapper';
import { decodeAgentRecord } from './agent-record.decoder';
import { AlertNotifier } from './alert.notifier';
import { AlertRulesProvider } from './alert-rules.provider';

interface AgentEntry {
  view: AgentView;
  /** The stored item's version; the next write is conditional on it. */
  version: number;
  openAlerts: AgentAlert[];
  shardId?: string;
  /** The stored outbox: events written with versions above publishedVersion, not yet seen published. */
  unpublished: PublishableEvent[];
  publishedVersion: number;
  /** The marker as the item holds it; releasing the shard writes the newer one. */
  storedPublishedVersion: number;
}

type AlertOp = { kind: 'raise' | 'update' | 'clear'; alert: AgentAlert };

interface AgentItem {
  event: AgentEventInput;
  record: KinesisRecordIn;
}

/** What one agent's records in a batch come to: the writes to make and the events they announce. */
interface AgentPlan {
  agentId: string;
  before: AgentEntry | undefined;
  view: AgentView;
  open: AgentAlert[];
  ops: AlertOp[];
  history: AgentHistoryEntry[];
  events: PublishableEvent[];
  nextVersion: number;
  /** Record arrival per EventId of each AgentStateChanged, for the publish-latency hook. */
  arrivals: [string, number][];
}

/** Conditional state writes in flight at once; agents are independent, one agent's writes stay in order. */
const STATE_WRITE_CONCURRENCY = 32;
/** BatchWriteItem calls in flight at once for history. */
const HISTORY_WRITE_CONCURRENCY = 4;
const ALERT_WRITE_CONCURRENCY = 16;
const MARKER_WRITE_CONCURRENCY = 16;
const MAX_STALE_RETRIES = 3;

function applyEvaluation(open: AgentAlert[], evaluation: AlertEvaluation, ops: AlertOp[]): AgentAlert[] {
  const replaced = new Set([...evaluation.update, ...evaluation.clear].map((alert) => alert.id));
  for (const alert of evaluation.raise) ops.push({ kind: 'raise', alert });
  for (const alert of evaluation.update) ops.push({ kind: 'update', alert });
  for (const alert of evaluation.clear) ops.push({ kind: 'clear', alert });
  return [...open.filter((alert) => !replaced.has(alert.id)), ...evaluation.update, ...evaluation.raise];
}

function noticesOf(ops: readonly AlertOp[]): PublishableEvent[] {
  return ops.filter((op) => op.kind !== 'update').map((op) => alertEvent(op.kind === 'raise' ? 'AgentAlertRaised' : 'AgentAlertCleared', op.alert));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Folds the agent event stream into agent state. Per shard batch: records are grouped by agent (a
 * shard keeps one agent's events in order), agents not in memory are loaded in one BatchGetItem
 * round, each agent's events are folded in order with alerts evaluated after every event, then the
 * batch is written in three phases — alert rows, history (BatchWriteItem across all agents), and one
 * compare-and-set state write per agent in parallel — and its events go out in one publish() call
 * before the batch resolves and the consumer checkpoints.
 *
 * Publishing is at least once across a crash: the state write carries the events it announces (the
 * item's outbox) and `publishedVersion`, the version through which everything is known published.
 * The marker rides on the agent's next write, or is written when the shard is released; an instance
 * that loads an agent whose marker is behind its version publishes the outbox again. Replays derive
 * alert notices from the evaluation against the open alerts stored with the view, not from whether
 * the alert row already existed, so an alert written before a crash is still announced.
 */
@Injectable()
export class AgentMonitorService implements ShardBatchHandler {
  private readonly logger = new Logger(AgentMonitorService.name);
  private readonly agents = new Map<string, AgentEntry>();
  private readonly locks = new Map<string, Promise<void>>();
  /** How far the stream is behind real time; the timer evaluates at stream time, not wall time. */
  lagMs: () => number = () => 0;
  /** Bench hook: ms from a record's arrival in Kinesis to its AgentStateChanged being published. */
  onStateChangePublished?: (latencyMs: number) => void;

  constructor(
    private readonly states: AgentStateRepository,
    private readonly history: AgentHistoryRepository,
    private readonly alerts: AgentAlertRepository,
    private readonly rules: AlertRulesProvider,
    private readonly publisher: EventPublisher,
    private readonly notifier: AlertNotifier,
    private readonly metrics: MetricsRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    metrics.gauge('buddie_agent_monitor_agents_tracked', () => this.agents.size, 'Agents whose state this instance holds');
  }

  trackedAgents(): number {
    return this.agents.size;
  }

  async handleBatch(batch: ShardBatch): Promise<void> {
    const groups = new Map<string, AgentItem[]>();
    for (const record of batch.records) {
      const decoded = decodeAgentRecord(record.data);
      if (!decoded.ok) {
        this.reject(batch.shardId, record.sequenceNumber, decoded.reason, decoded.detail);
        continue;
      }
      const agentId = agentIdFromArn(decoded.event.AgentARN);
      const group = groups.get(agentId);
      if (group) group.push({ event: decoded.event, record });
      else groups.set(agentId, [{ event: decoded.event, record }]);
    }
    const agentIds = [...groups.keys()];
    await this.withLocks(agentIds, async () => {
      const arrivals = new Map<string, number>();
      let pending = agentIds;
      for (let attempt = 0; pending.length > 0; attempt++) {
        const stale = await this.apply(
          pending.map((agentId) => [agentId, groups.get(agentId) as AgentItem[]] as const),
          batch.shardId,
          arrivals,
        );
        if (stale.length > 0 && attempt >= MAX_STALE_RETRIES) throw new StaleAgentWriteError(`agents ${stale.join(', ')} kept moving under this instance`);
        pending = stale;
      }
      this.metrics.increment('buddie_agent_events_processed_total', {}, batch.records.length, 'Agent event stream records read');
      await this.publish(agentIds, arrivals);
    });
  }

  /** Writes the publish markers of the shard's agents (so the next owner re-sends nothing) and forgets them. */
  async shardReleased(shardId: string): Promise<void> {
    const agentIds = [...this.agents].filter(([, entry]) => entry.shardId === shardId).map(([agentId]) => agentId);
    await this.withLocks(agentIds, async () => {
      const entries = agentIds.map((agentId) => [agentId, this.agents.get(agentId)] as const);
      for (const agentId of agentIds) this.agents.delete(agentId);
      const settled = entries.filter(
        (pair): pair is readonly [string, AgentEntry] =>
          pair[1] !== undefined && pair[1].unpublished.length === 0 && pair[1].publishedVersion > pair[1].storedPublishedVersion,
      );
      await forEachLimit(settled, MARKER_WRITE_CONCURRENCY, async ([agentId, entry]) => {
        await this.states.markPublished(agentId, entry.publishedVersion).catch((error: unknown) => {
          this.logger.warn(`publish marker for ${agentId} not written (its events may be sent again): ${message(error)}`);
        });
      });
    });
  }

  /** Evaluate every owned agent at stream time: fires thresholds crossed between events, and 'stale'. */
  async tick(now: Date = new Date(this.clock.now().getTime() - this.lagMs())): Promise<void> {
    const agentIds = [...this.agents.keys()];
    await this.withLocks(agentIds, async () => {
      const plans: AgentPlan[] = [];
      for (const agentId of agentIds) {
        const entry = this.agents.get(agentId);
        if (!entry) continue;
        const ops: AlertOp[] = [];
        const open = applyEvaluation(entry.openAlerts, evaluateAlerts(entry.view, this.rules.current(), entry.openAlerts, now), ops);
        if (ops.length === 0) continue;
        const events = noticesOf(ops);
        plans.push({ agentId, before: entry, view: entry.view, open, ops, history: [], events, nextVersion: entry.version + 1, arrivals: [] });
      }
      await forEachLimit(plans, ALERT_WRITE_CONCURRENCY, (plan) => this.writeAlerts(plan.ops));
      await forEachLimit(plans, STATE_WRITE_CONCURRENCY, async (plan) => {
        const entry = plan.before as AgentEntry;
        // A lastValue refresh changes nothing a replay would announce; keep it in memory only.
        if (plan.events.length === 0 && plan.open.length === entry.openAlerts.length) {
          entry.openAlerts = plan.open;
          return;
        }
        try {
          await this.save(plan, entry.shardId);
        } catch (error) {
          if (!(error instanceof StaleAgentWriteError)) throw error;
          // Another instance owns the agent now; its own timer evaluates it.
          this.logger.warn(`${error.message}; dropping it from this instance`);
          this.agents.delete(plan.agentId);
        }
      });
      // Every owned agent with an outbox: the tick's own notices, and any a failed batch publish left behind.
      await this.publish(agentIds, new Map());
    });
  }

  private reject(shardId: string, sequenceNumber: string, reason: string, detail: string): void {
    this.logger.warn(`skipping record ${sequenceNumber} on ${shardId}: ${reason}: ${detail}`);
    this.metrics.increment('buddie_agent_events_rejected_total', { reason }, 1, 'Agent event stream records skipped as malformed');
  }

  /**
   * Runs `run` holding every agent's lock. All gates are registered synchronously, so two callers
   * with overlapping agents are ordered the same way on each of them and cannot deadlock.
   */
  private async withLocks<T>(agentIds: readonly string[], run: () => Promise<T>): Promise<T> {
    const previous: Promise<void>[] = [];
    for (const agentId of agentIds) {
      const held = this.locks.get(agentId);
      if (held) previous.push(held);
    }
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    for (const agentId of agentIds) this.locks.set(agentId, gate);
    try {
      await Promise.all(previous);
      return await run();
    } finally {
      release();
      for (const agentId of agentIds) if (this.locks.get(agentId) === gate) this.locks.delete(agentId);
    }
  }

  /** Loads the agents this instance does not hold, in BatchGetItem rounds. Absent agents stay absent (they are new). */
  private async loadMissing(agentIds: readonly string[]): Promise<void> {
    const missing = agentIds.filter((agentId) => !this.agents.has(agentId));
    if (missing.length === 0) return;
    const records = await this.states.getRecords(missing);
    await forEachLimit([...records.values()], ALERT_WRITE_CONCURRENCY, async (record) => {
      this.agents.set(record.agentId, await this.entryOf(record));
    });
  }

  private async entryOf(record: AgentStateRecord): Promise<AgentEntry> {
    // Items written before the open alerts were kept on the state: fall back to the alert rows.
    const openAlerts = record.openAlertItems ?? (await this.alerts.openForAgent(record.agentId));
    const publishedVersion = record.publishedVersion ?? record.version;
    const unpublished = publishedVersion < record.version ? ((record.outbox ?? []) as unknown as PublishableEvent[]) : [];
    if (unpublished.length > 0) this.logger.warn(`agent ${record.agentId}: ${unpublished.length} event(s) of versions after ${publishedVersion} may be unpublished; sending them again`);
    return { view: record.view, version: record.version, openAlerts, shardId: record.shardId, unpublished, publishedVersion, storedPublishedVersion: publishedVersion };
  }

  /** One pass over the batch's agents; returns those whose state write lost a race and must be folded again. */
  private async apply(groups: readonly (readonly [string, AgentItem[]])[], shardId: string, arrivals: Map<string, number>): Promise<string[]> {
    await this.loadMissing(groups.map(([agentId]) => agentId));
    const plans: AgentPlan[] = [];
    for (const [agentId, items] of groups) {
      const plan = this.fold(agentId, items, shardId);
      if (plan) plans.push(plan);
    }
    await forEachLimit(
      plans.filter((plan) => plan.ops.length > 0),
      ALERT_WRITE_CONCURRENCY,
      (plan) => this.writeAlerts(plan.ops),
    );
    // History before state: a replay skips what the state has seen, so history must never lag it.
    await this.history.append(
      plans.flatMap((plan) => plan.history),
      HISTORY_WRITE_CONCURRENCY,
    );
    const stale: string[] = [];
    const failures: unknown[] = [];
    await forEachLimit(plans, STATE_WRITE_CONCURRENCY, async (plan) => {
      try {
        await this.save(plan, shardId);
        for (const arrival of plan.arrivals) arrivals.set(...arrival);
      } catch (error) {
        if (error instanceof StaleAgentWriteError) {
          // Another instance moved this agent (a lease handover): re-read and fold again; the view skips what it has seen.
          this.logger.warn(`${error.message}; re-reading`);
          this.agents.delete(plan.agentId);
          stale.push(plan.agentId);
        } else {
          failures.push(error);
        }
      }
    });
    if (failures.length > 0) throw failures[0];
    return stale;
  }

  /** Pure: folds one agent's records onto its entry. Undefined when nothing is to be written. */
  private fold(agentId: string, items: readonly AgentItem[], shardId: string): AgentPlan | undefined {
    const before = this.agents.get(agentId);
    let view = before?.view;
    let open = before?.openAlerts ?? [];
    const ops: AlertOp[] = [];
    const history: AgentHistoryEntry[] = [];
    const changes: { view: AgentView; event: AgentEventInput; arrival: number }[] = [];
    for (const { event, record } of items) {
      let evolution;
      try {
        evolution = evolveAgent(view, event);
      } catch (error) {
        this.reject(shardId, record.sequenceNumber, 'unusable-agent-event', message(error));
        continue;
      }
      if (evolution.view === view) continue;
      view = evolution.view;
      if (evolution.changed || evolution.completedContacts.length > 0) history.push(historyEntry(view, event, evolution.completedContacts));
      if (evolution.changed) changes.push({ view, event, arrival: record.arrivalMs });
      // Stream time: the newest event the view has seen, so a replay fires at the same events as live.
      open = applyEvaluation(open, evaluateAlerts(view, this.rules.current(), open, new Date(view.lastEventAt)), ops);
    }
    if (view === undefined || (view === before?.view && ops.length === 0)) return undefined;
    const base = before?.version ?? 0;
    const events: PublishableEvent[] = changes.map((change, index) => stateChangedEvent(change.view, change.event, open.length, base + index + 1));
    events.push(...noticesOf(ops));
    return {
      agentId,
      before,
      view,
      open,
      ops,
      history,
      events,
      nextVersion: base + Math.max(1, changes.length),
      arrivals: changes.map((change) => [change.event.EventId, change.arrival]),
    };
  }

  /** The compare-and-set state write, carrying the outbox; updates the entry only once it is stored. */
  private async save(plan: AgentPlan, shardId: string | undefined): Promise<void> {
    const { before } = plan;
    const outbox = [...(before?.unpublished ?? []), ...plan.events];
    const publishedVersion = before?.publishedVersion ?? 0;
    const version = await this.states.save(plan.view, before?.version ?? 0, {
      openAlerts: plan.open.length,
      shardId,
      now: this.clock.now().toISOString(),
      nextVersion: plan.nextVersion,
      openAlertItems: plan.open,
      outbox: outbox as unknown as AgentOutboxEvent[],
      publishedVersion,
    });
    this.agents.set(plan.agentId, {
      view: plan.view,
      version,
      openAlerts: plan.open,
      shardId,
      unpublished: outbox,
      publishedVersion,
      storedPublishedVersion: publishedVersion,
    });
  }

  /** Applies alert changes in order. Idempotent: a replay finds the rows as it left them. */
  private async writeAlerts(ops: readonly AlertOp[]): Promise<void> {
    const lastUpdate = new Map<string, number>();
    ops.forEach((op, index) => op.kind === 'update' && lastUpdate.set(op.alert.id, index));
    for (const [index, op] of ops.entries()) {
      if (op.kind === 'raise') await this.alerts.raise(op.alert);
      else if (op.kind === 'update') {
        if (lastUpdate.get(op.alert.id) === index) await this.alerts.update(op.alert);
      } else await this.alerts.clear(op.alert);
    }
  }

  /** Publishes the outboxes of these agents in one publish() call, then treats them as published through their version. */
  private async publish(agentIds: readonly string[], arrivals: ReadonlyMap<string, number>): Promise<void> {
    const entries: AgentEntry[] = [];
    for (const agentId of agentIds) {
      const entry = this.agents.get(agentId);
      if (entry && entry.unpublished.length > 0) entries.push(entry);
    }
    if (entries.length === 0) return;
    const events = entries.flatMap((entry) => entry.unpublished);
    await this.publisher.publish(events);
    const publishedAt = Date.now();
    for (const entry of entries) {
      entry.unpublished = [];
      entry.publishedVersion = entry.version;
    }
    let stateChanges = 0;
    for (const event of events) {
      if (event.type === 'AgentStateChanged') {
        stateChanges++;
        const arrival = arrivals.get(event.detail.correlationId ?? '');
        if (arrival !== undefined) this.onStateChangePublished?.(publishedAt - arrival);
        continue;
      }
      if (event.type !== 'AgentAlertRaised' && event.type !== 'AgentAlertCleared') continue;
      const kind: AlertNoticeKind = event.type;
      const alert = alertOfEvent(event.detail);
      this.metrics.increment(kind === 'AgentAlertRaised' ? 'buddie_agent_alerts_raised_total' : 'buddie_agent_alerts_cleared_total');
      await this.notifier.notify(kind, alert).catch((error: unknown) => {
        this.metrics.increment('buddie_agent_alert_notifications_failed_total');
        this.logger.warn(`SNS notification for ${alert.id} failed: ${message(error)}`);
      });
    }
    this.metrics.increment('buddie_agent_state_changes_published_total', {}, stateChanges);
  }
}
