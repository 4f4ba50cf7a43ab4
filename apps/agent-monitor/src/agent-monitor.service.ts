import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  agentIdFromArn,
  evolveAgent,
  evaluateAlerts,
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
} from '@buddie/persistence';
import { CLOCK } from '@buddie/runtime';
import { stateChangedEvent, historyEntry } from './agent-monitor.mapper';
import { decodeAgentRecord } from './agent-record.decoder';
import { AlertNotifier } from './alert.notifier';
import { AlertRulesProvider } from './alert-rules.provider';

interface AgentEntry {
  view: AgentView;
  version: number;
  openAlerts: AgentAlert[];
  shardId?: string;
}

type AlertOp = { kind: 'raise' | 'update' | 'clear'; alert: AgentAlert };

interface AgentOutput {
  events: PublishableEvent[];
  /** Arrival time of the record behind each AgentStateChanged, for the publish-latency measurement. */
  arrivals: number[];
  alertNotices: { kind: 'AgentAlertRaised' | 'AgentAlertCleared'; alert: AgentAlert }[];
}

const AGENT_CONCURRENCY = 16;
const PUBLISH_CONCURRENCY = 4;
const MAX_STALE_RETRIES = 3;

async function forEachLimit<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]);
  });
  await Promise.all(workers);
}

function applyEvaluation(open: AgentAlert[], evaluation: AlertEvaluation, ops: AlertOp[]): AgentAlert[] {
  const replaced = new Set([...evaluation.update, ...evaluation.clear].map((alert) => alert.id));
  for (const alert of evaluation.raise) ops.push({ kind: 'raise', alert });
  for (const alert of evaluation.update) ops.push({ kind: 'update', alert });
  for (const alert of evaluation.clear) ops.push({ kind: 'clear', alert });
  return [...open.filter((alert) => !replaced.has(alert.id)), ...evaluation.update, ...evaluation.raise];
}

/**
 * Folds the agent event stream into agent state: per shard batch, events are grouped by agent (a
 * shard keeps one agent's events in order), each agent's events are folded in order, alerts are
 * evaluated after every event, and the outputs are written (alerts, history, then the state with a
 * compare-and-set) and published before the batch resolves — the consumer checkpoints after that.
 * A timer evaluates the agents this instance owns, which is how thresholds between events and
 * 'stale' fire.
 */
@Injectable()
export class AgentMonitorService implements ShardBatchHandler {
  private readonly logger = new Logger(AgentMonitorService.name);
  private readonly agents = new Map<string, AgentEntry>();
  private readonly locks = new Map<string, Promise<unknown>>();
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
    const groups = new Map<string, { event: AgentEventInput; record: KinesisRecordIn }[]>();
    for (const record of batch.records) {
      const decoded = decodeAgentRecord(record.data);
      if (!decoded.ok) {
        this.reject(batch.shardId, record.sequenceNumber, decoded.reason, decoded.detail);
        continue;
      }
      const agentId = agentIdFromArn(decoded.event.AgentARN);
      const group = groups.get(agentId) ?? [];
      group.push({ event: decoded.event, record });
      groups.set(agentId, group);
    }
    const outputs: AgentOutput[] = [];
    await forEachLimit([...groups], AGENT_CONCURRENCY, async ([agentId, items]) => {
      outputs.push(await this.withLock(agentId, () => this.processAgent(agentId, items, batch.shardId)));
    });
    this.metrics.increment('buddie_agent_events_processed_total', {}, batch.records.length, 'Agent event stream records read');
    await this.publish(outputs);
  }

  shardReleased(shardId: string): void {
    for (const [agentId, entry] of this.agents) if (entry.shardId === shardId) this.agents.delete(agentId);
  }

  /** Evaluate every owned agent at stream time: fires thresholds crossed between events, and 'stale'. */
  async tick(now: Date = new Date(this.clock.now().getTime() - this.lagMs())): Promise<void> {
    const outputs: AgentOutput[] = [];
    await forEachLimit([...this.agents.keys()], AGENT_CONCURRENCY, async (agentId) => {
      const output = await this.withLock(agentId, () => this.evaluateOwned(agentId, now));
      if (output) outputs.push(output);
    });
    await this.publish(outputs);
  }

  private reject(shardId: string, sequenceNumber: string, reason: string, detail: string): void {
    this.logger.warn(`skipping record ${sequenceNumber} on ${shardId}: ${reason}: ${detail}`);
    this.metrics.increment('buddie_agent_events_rejected_total', { reason }, 1, 'Agent event stream records skipped as malformed');
  }

  private async withLock<T>(agentId: string, run: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(agentId) ?? Promise.resolve();
    const current = previous.then(run, run);
    const settled = current.catch(() => undefined);
    this.locks.set(agentId, settled);
    try {
      return await current;
    } finally {
      if (this.locks.get(agentId) === settled) this.locks.delete(agentId);
    }
  }

  /** The cached entry, or the stored one (with its open alerts, which may outlive a crash before the state write). */
  private async load(agentId: string): Promise<{ entry: AgentEntry | undefined; open: AgentAlert[] }> {
    const cached = this.agents.get(agentId);
    if (cached) return { entry: cached, open: cached.openAlerts };
    const [stored, open] = await Promise.all([this.states.get(agentId), this.alerts.openForAgent(agentId)]);
    if (!stored) return { entry: undefined, open };
    const entry: AgentEntry = { view: stored.view, version: stored.version, openAlerts: open, shardId: stored.shardId };
    this.agents.set(agentId, entry);
    return { entry, open };
  }

  private async processAgent(agentId: string, items: { event: AgentEventInput; record: KinesisRecordIn }[], shardId: string): Promise<AgentOutput> {
    for (let attempt = 0; ; attempt++) {
      const { entry, open: openAtStart } = await this.load(agentId);
      let view = entry?.view;
      let open = openAtStart;
      const ops: AlertOp[] = [];
      const history: AgentHistoryEntry[] = [];
      const stateChanges: { view: AgentView; event: AgentEventInput; arrival: number }[] = [];
      for (const { event, record } of items) {
        let evolution;
        try {
          evolution = evolveAgent(view, event);
        } catch (error) {
          this.reject(shardId, record.sequenceNumber, 'unusable-agent-event', error instanceof Error ? error.message : String(error));
          continue;
        }
        if (evolution.view === view) continue;
        view = evolution.view;
        if (evolution.changed || evolution.completedContacts.length > 0) history.push(historyEntry(view, event, evolution.completedContacts));
        if (evolution.changed) stateChanges.push({ view, event, arrival: record.arrivalMs });
        // Stream time: the newest event the view has seen, so a replay fires at the same events as live.
        open = applyEvaluation(open, evaluateAlerts(view, this.rules.current(), open, new Date(view.lastEventAt)), ops);
      }
      if (view === undefined || (view === entry?.view && ops.length === 0)) return { events: [], arrivals: [], alertNotices: [] };

      const notices = await this.writeAlerts(ops);
      await this.history.append(history);
      let version = entry?.version ?? 0;
      if (view !== entry?.view) {
        try {
          version = await this.states.save(view, version, { openAlerts: open.length, shardId, now: this.clock.now().toISOString() });
        } catch (error) {
          if (!(error instanceof StaleAgentWriteError) || attempt >= MAX_STALE_RETRIES) throw error;
          // Another instance moved this agent (a lease handover): re-read and fold again; the view skips what it has seen.
          this.logger.warn(`${error.message}; re-reading`);
          this.agents.delete(agentId);
          continue;
        }
      } else if (open.length !== openAtStart.length) {
        await this.states.setOpenAlerts(agentId, open.length);
      }
      this.agents.set(agentId, { view, version, openAlerts: open, shardId });
      const events: PublishableEvent[] = stateChanges.map((change) => stateChangedEvent(change.view, change.event, open.length));
      return { events: [...events, ...notices.map((notice) => this.alertEvent(notice))], arrivals: stateChanges.map((c) => c.arrival), alertNotices: notices };
    }
  }

  private async evaluateOwned(agentId: string, now: Date): Promise<AgentOutput | undefined> {
    const entry = this.agents.get(agentId);
    if (!entry) return undefined;
    const ops: AlertOp[] = [];
    const open = applyEvaluation(entry.openAlerts, evaluateAlerts(entry.view, this.rules.current(), entry.openAlerts, now), ops);
    if (ops.length === 0) return undefined;
    const notices = await this.writeAlerts(ops);
    if (open.length !== entry.openAlerts.length) await this.states.setOpenAlerts(agentId, open.length);
    entry.openAlerts = open;
    return { events: notices.map((notice) => this.alertEvent(notice)), arrivals: [], alertNotices: notices };
  }

  /** Applies alert changes in order; only what actually changed in the table is announced. */
  private async writeAlerts(ops: AlertOp[]): Promise<AgentOutput['alertNotices']> {
    const notices: AgentOutput['alertNotices'] = [];
    const lastUpdate = new Map<string, number>();
    ops.forEach((op, index) => op.kind === 'update' && lastUpdate.set(op.alert.id, index));
    for (const [index, op] of ops.entries()) {
      if (op.kind === 'raise') {
        if (await this.alerts.raise(op.alert)) notices.push({ kind: 'AgentAlertRaised', alert: op.alert });
      } else if (op.kind === 'update') {
        if (lastUpdate.get(op.alert.id) === index) await this.alerts.update(op.alert);
      } else if (await this.alerts.clear(op.alert)) {
        notices.push({ kind: 'AgentAlertCleared', alert: op.alert });
      }
    }
    return notices;
  }

  private alertEvent(notice: AgentOutput['alertNotices'][number]): PublishableEvent<'AgentAlertRaised'> | PublishableEvent<'AgentAlertCleared'> {
    const { alert } = notice;
    const detail = {
      correlationId: alert.id,
      occurredAt: notice.kind === 'AgentAlertRaised' ? alert.raisedAt : (alert.clearedAt ?? alert.raisedAt),
      alertId: alert.id,
      agentId: alert.agentId,
      ruleId: alert.ruleId,
      severity: alert.severity,
      message: alert.message,
      startedAt: alert.startedAt,
      raisedAt: alert.raisedAt,
      clearedAt: alert.clearedAt ?? null,
      lastValue: alert.lastValue,
      status: alert.status,
    };
    if (notice.kind === 'AgentAlertRaised') return { type: 'AgentAlertRaised', detail };
    return { type: 'AgentAlertCleared', detail };
  }

  private async publish(outputs: AgentOutput[]): Promise<void> {
    const events = outputs.flatMap((output) => output.events);
    if (events.length === 0) return;
    const chunks: PublishableEvent[][] = [];
    for (let i = 0; i < events.length; i += 10) chunks.push(events.slice(i, i + 10));
    await forEachLimit(chunks, PUBLISH_CONCURRENCY, (chunk) => this.publisher.publish(chunk));
    const publishedAt = Date.now();
    for (const output of outputs) {
      for (const arrival of output.arrivals) this.onStateChangePublished?.(publishedAt - arrival);
      for (const notice of output.alertNotices) {
        this.metrics.increment(notice.kind === 'AgentAlertRaised' ? 'buddie_agent_alerts_raised_total' : 'buddie_agent_alerts_cleared_total');
        await this.notifier.notify(notice.kind, notice.alert).catch((error: unknown) => {
          this.metrics.increment('buddie_agent_alert_notifications_failed_total');
          this.logger.warn(`SNS notification for ${notice.alert.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
      }
    }
    this.metrics.increment('buddie_agent_state_changes_published_total', {}, outputs.reduce((n, o) => n + o.arrivals.length, 0));
  }
}
