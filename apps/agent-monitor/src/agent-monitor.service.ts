import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  agentIdFromArn,
  forEachLimit,
  latencyPathFirst,
  writeGroups,
  planAgentRecords,
  planAgentTick,
  planLivenessWrite,
  type AgentRecordInput,
  type AgentWritePlan,
  type AlertWrite,
  type Clock,
  type MonitoredAgent,
} from '@buddie/domain';
import {
  EventPublisher,
  outboxForWrite,
  outboxPublished,
  publishMarkerDue,
  restoreOutbox,
  type AgentOutboxEvent,
  type Outbox,
  type ShardBatch,
  type ShardBatchHandler,
} from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import { AgentAlertRepository, AgentChangeWriter, AgentStateRepository, StaleAgentWriteError, type AgentStateRecord, type AgentStateSaveExtra } from '@buddie/persistence';
import type { AgentMonitorConfig } from '@buddie/config';
import { BUDDIE_CONFIG, CLOCK } from '@buddie/runtime';
import { alertOfEvent, announcementEvent, historyEntryOf } from './agent-monitor.mapper';
import { decodeAgentRecord } from './agent-record.decoder';
import { AlertNotifier } from './alert.notifier';
import { AlertRulesProvider } from './alert-rules.provider';
import { PublishLanes } from './publish-lanes';

/** What this instance holds per agent: the decision state (domain), its outbox, and the shard it came from. */
interface AgentEntry {
  agent: MonitoredAgent;
  outbox: Outbox<AgentOutboxEvent>;
  shardId?: string;
}

/** Conditional state writes in flight at once in a timer evaluation; agents are independent, one agent's writes stay in order. */
const STATE_WRITE_CONCURRENCY = 32;
/**
 * A slice's writes are spread over up to 4 groups of at least 5 agents, written at once, each one
 * transaction (AgentChangeWriter) of at most 100 writes (TransactWriteItems' limit) and then
 * published: a slice is one round of calls, and a call costs more than the items in it (writeGroups).
 */
const WRITE_GROUPING = { maxWrites: 100, spread: 4, minPlans: 5 };
const WRITE_GROUPS_IN_FLIGHT = WRITE_GROUPING.spread;
const ALERT_WRITE_CONCURRENCY = 16;
const MARKER_WRITE_CONCURRENCY = 16;
/**
 * PutEvents calls in flight at once. Each agent's events stay in one lane, sent in order; lanes run
 * side by side, so a slice's publish costs about a quarter of the round trips it did one call at a time.
 */
const PUBLISH_LANES = 4;
/** Events per PutEvents call (the API's maximum): a lane takes up to this many queued events per call. */
const PUT_EVENTS_BATCH = 10;
const MAX_STALE_RETRIES = 3;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Orchestrates the agent event stream into agent state. The decisions (fold, alerts, what to write
 * and announce, in which order and groups) are `planAgentRecords` / `planAgentTick` /
 * `latencyPathFirst` / `writeGroups` in libs/domain; this class holds the agents it owns, serializes
 * work per agent, and does the I/O: per group of agents, alert rows, then one transaction of the
 * group's history and its compare-and-set state writes, each carrying the agent's announcements as
 * its outbox. A group's outboxes are published as soon as its transaction is durable (PublishLanes,
 * one PutEvents call for up to 10 events), and all of the batch's before it resolves and the
 * consumer checkpoints.
 * An instance that loads an agent whose publish marker is behind its version publishes the outbox
 * again, so publishing is at least once across a crash.
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
    private readonly changes: AgentChangeWriter,
    private readonly alerts: AgentAlertRepository,
    private readonly rules: AlertRulesProvider,
    private readonly publisher: EventPublisher,
    private readonly notifier: AlertNotifier,
    private readonly metrics: MetricsRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(BUDDIE_CONFIG) private readonly config: Pick<AgentMonitorConfig, 'AGENT_LIVENESS_WRITE_MS'>,
  ) {
    metrics.gauge('buddie_agent_monitor_agents_tracked', () => this.agents.size, 'Agents whose state this instance holds');
  }

  trackedAgents(): number {
    return this.agents.size;
  }

  async handleBatch(batch: ShardBatch): Promise<void> {
    const groups = new Map<string, AgentRecordInput[]>();
    const arrivals = new Map<string, number>();
    for (const record of batch.records) {
      const decoded = decodeAgentRecord(record.data);
      if (!decoded.ok) {
        this.reject(batch.shardId, record.sequenceNumber, decoded.reason, decoded.detail);
        continue;
      }
      const agentId = agentIdFromArn(decoded.event.AgentARN);
      const item = { event: decoded.event, ref: record.sequenceNumber };
      const group = groups.get(agentId);
      if (group) group.push(item);
      else groups.set(agentId, [item]);
      if (this.onStateChangePublished) arrivals.set(decoded.event.EventId, record.arrivalMs);
    }
    const agentIds = [...groups.keys()];
    await this.withLocks(agentIds, async () => {
      // Each agent's outbox goes out as soon as its own state write is durable, not after the slice's.
      const lanes = this.publishLanes(arrivals);
      const offered = new Set<string>();
      // One offer per group: its outboxes go out together, in one lane.
      const durable = (agentIds: readonly string[]) => {
        const entries: AgentEntry[] = [];
        for (const agentId of agentIds) {
          const entry = this.agents.get(agentId);
          if (!entry || entry.outbox.pending.length === 0 || offered.has(agentId)) continue;
          offered.add(agentId);
          entries.push(entry);
        }
        if (entries.length > 0) lanes.offer(...entries);
      };
      try {
        let pending = agentIds;
        for (let attempt = 0; pending.length > 0; attempt++) {
          const stale = await this.apply(pending, groups, batch.shardId, durable);
          if (stale.length > 0 && attempt >= MAX_STALE_RETRIES) throw new StaleAgentWriteError(`agents ${stale.join(', ')} kept moving under this instance`);
          pending = stale;
        }
      } catch (error) {
        // The locks are held until nothing of this batch is in flight, so the next batch's events follow these.
        await lanes.settle().catch(() => undefined);
        throw error;
      }
      this.metrics.increment('buddie_agent_events_processed_total', {}, batch.records.length, 'Agent event stream records read');
      // Agents without a write this time may still hold events a failed publish left behind.
      durable(agentIds);
      await lanes.settle();
    });
  }

  /**
   * Stores what the next owner must not miss (deferred liveness, the publish markers, so it re-sends
   * nothing) and forgets the shard's agents.
   */
  async shardReleased(shardId: string): Promise<void> {
    const agentIds = [...this.agents].filter(([, entry]) => entry.shardId === shardId).map(([agentId]) => agentId);
    await this.withLocks(agentIds, async () => {
      await forEachLimit(agentIds, MARKER_WRITE_CONCURRENCY, async (agentId) => {
        const entry = this.agents.get(agentId);
        if (!entry) return;
        const liveness = planLivenessWrite(agentId, entry.agent);
        const write = liveness
          ? this.save(liveness, shardId)
          : publishMarkerDue(entry.outbox)
            ? this.states.markPublished(agentId, entry.outbox.publishedVersion)
            : undefined;
        await write?.catch((error: unknown) => {
          this.logger.warn(`agent ${agentId}: state not stored on release (its last heartbeats may be missing, its events sent again): ${message(error)}`);
        });
      });
      for (const agentId of agentIds) this.agents.delete(agentId);
    });
  }

  /** Evaluate every owned agent at stream time: fires thresholds crossed between events, and 'stale'. */
  async tick(now: Date = new Date(this.clock.now().getTime() - this.lagMs())): Promise<void> {
    const agentIds = [...this.agents.keys()];
    await this.withLocks(agentIds, async () => {
      const plans: [AgentWritePlan, AgentEntry][] = [];
      for (const agentId of agentIds) {
        const entry = this.agents.get(agentId);
        const plan = entry && planAgentTick(agentId, entry.agent, this.rules.current(), now);
        if (entry && plan) plans.push([plan, entry]);
      }
      await forEachLimit(plans, ALERT_WRITE_CONCURRENCY, ([plan]) => this.writeAlerts(plan.alertWrites));
      await forEachLimit(plans, STATE_WRITE_CONCURRENCY, async ([plan, entry]) => {
        if (!plan.storeState) {
          entry.agent = { ...entry.agent, openAlerts: plan.openAlerts };
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
      const lanes = this.publishLanes(new Map());
      for (const agentId of agentIds) {
        const entry = this.agents.get(agentId);
        if (entry && entry.outbox.pending.length > 0) lanes.offer(entry);
      }
      await lanes.settle();
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
    const outbox = restoreOutbox(record);
    if (outbox.pending.length > 0) {
      this.logger.warn(`agent ${record.agentId}: ${outbox.pending.length} event(s) of versions after ${outbox.publishedVersion} may be unpublished; sending them again`);
    }
    return { agent: { view: record.view, version: record.version, openAlerts }, outbox, shardId: record.shardId };
  }

  /** One pass over the batch's agents; returns those whose state write lost a race and must be folded again. */
  private async apply(
    agentIds: readonly string[],
    groups: ReadonlyMap<string, AgentRecordInput[]>,
    shardId: string,
    durable: (agentIds: readonly string[]) => void,
  ): Promise<string[]> {
    await this.loadMissing(agentIds);
    const rules = this.rules.current();
    const options = { livenessWriteMs: this.config.AGENT_LIVENESS_WRITE_MS };
    const plans: AgentWritePlan[] = [];
    let deferred = 0;
    for (const agentId of agentIds) {
      const entry = this.agents.get(agentId);
      const { plan, rejected } = planAgentRecords(agentId, entry?.agent, groups.get(agentId) ?? [], rules, options);
      for (const { ref, reason } of rejected) this.reject(shardId, ref, 'unusable-agent-event', reason);
      if (plan?.storeState === false && entry) {
        // Liveness only, and the stored view recent enough: held here until the agent's next write.
        entry.agent = { ...entry.agent, view: plan.view, storedLastEventAt: entry.agent.storedLastEventAt ?? entry.agent.view.lastEventAt };
        deferred++;
      } else if (plan) {
        plans.push(plan);
      }
    }
    if (deferred > 0) this.metrics.increment('buddie_agent_liveness_writes_deferred_total', {}, deferred, 'Heartbeat-only state writes held in memory (AGENT_LIVENESS_WRITE_MS)');
    const stale: string[] = [];
    const failures: unknown[] = [];
    // Groups side by side, each writing its alert rows, then its history and states in one transaction; after a failure
    // no new group starts, and the call returns only once the groups in flight are done.
    await forEachLimit(writeGroups(latencyPathFirst(plans), WRITE_GROUPING), WRITE_GROUPS_IN_FLIGHT, async (group) => {
      if (failures.length > 0) return;
      try {
        await this.writeGroup(group, shardId, durable, stale);
      } catch (error) {
        failures.push(error);
      }
    });
    if (failures.length > 0) throw failures[0];
    return stale;
  }

  /** One group of a slice: alert rows, then one transaction of history and state writes; stale agents are collected. */
  private async writeGroup(group: readonly AgentWritePlan[], shardId: string, durable: (agentIds: readonly string[]) => void, stale: string[]): Promise<void> {
    await forEachLimit(
      group.filter((plan) => plan.alertWrites.length > 0),
      ALERT_WRITE_CONCURRENCY,
      (plan) => this.writeAlerts(plan.alertWrites),
    );
    const writes = group.map((plan) => ({ plan, ...this.stateWriteOf(plan, shardId) }));
    const { versions } = await this.changes.write(
      writes.map(({ plan, extra }) => ({ view: plan.view, expectedVersion: plan.expectedVersion, extra, history: plan.history.map(historyEntryOf) })),
    );
    const stored: string[] = [];
    for (const { plan, outbox } of writes) {
      const version = versions.get(plan.agentId);
      if (version === undefined) {
        // Another instance moved this agent (a lease handover): re-read and fold again; the view skips what it has seen.
        this.logger.warn(`agent ${plan.agentId} moved past version ${plan.expectedVersion}; re-reading`);
        this.agents.delete(plan.agentId);
        stale.push(plan.agentId);
      } else {
        this.stored(plan, version, outbox, shardId);
        stored.push(plan.agentId);
      }
    }
    durable(stored);
  }

  /** The compare-and-set state write alone (timer, shard release); updates the entry only once it is stored. */
  private async save(plan: AgentWritePlan, shardId: string | undefined): Promise<void> {
    const { extra, outbox } = this.stateWriteOf(plan, shardId);
    this.stored(plan, await this.states.save(plan.view, plan.expectedVersion, extra), outbox, shardId);
  }

  /** What a plan's state write stores besides the view: alert bookkeeping and the outbox with its announcements. */
  private stateWriteOf(plan: AgentWritePlan, shardId: string | undefined): { extra: AgentStateSaveExtra; outbox: Outbox<AgentOutboxEvent> } {
    const outbox = outboxForWrite(this.agents.get(plan.agentId)?.outbox, plan.announcements.map(announcementEvent));
    const extra = {
      openAlerts: plan.openAlerts.length,
      shardId,
      now: this.clock.now().toISOString(),
      nextVersion: plan.nextVersion,
      openAlertItems: plan.openAlerts,
      outbox: outbox.pending,
      publishedVersion: outbox.publishedVersion,
    };
    return { extra, outbox };
  }

  private stored(plan: AgentWritePlan, version: number, outbox: Outbox<AgentOutboxEvent>, shardId: string | undefined): void {
    this.agents.set(plan.agentId, { agent: { view: plan.view, version, openAlerts: plan.openAlerts }, outbox, shardId });
  }

  /** Applies one agent's alert changes in order. Idempotent: a replay finds the rows as it left them. */
  private async writeAlerts(writes: readonly AlertWrite[]): Promise<void> {
    for (const write of writes) {
      if (write.kind === 'raise') await this.alerts.raise(write.alert);
      else if (write.kind === 'update') await this.alerts.update(write.alert);
      else await this.alerts.clear(write.alert);
    }
  }

  /**
   * Lanes that publish outboxes (each agent's in one lane, in order) and then treat each as published
   * through its version. A lane that fails leaves its agents' outboxes pending (the next batch or tick
   * sends them), and settle() rejects.
   */
  private publishLanes(arrivals: ReadonlyMap<string, number>): PublishLanes<AgentEntry> {
    return new PublishLanes<AgentEntry>({
      lanes: PUBLISH_LANES,
      batch: PUT_EVENTS_BATCH,
      size: (entry) => entry.outbox.pending.length,
      send: async (entries) => {
        const events = entries.flatMap((entry) => entry.outbox.pending);
        await this.publisher.publish(events);
        for (const entry of entries) entry.outbox = outboxPublished(entry.outbox, entry.agent.version);
        await this.published(events, this.clock.now().getTime(), arrivals);
      },
    });
  }

  private async published(events: readonly AgentOutboxEvent[], publishedAt: number, arrivals: ReadonlyMap<string, number>): Promise<void> {
    let stateChanges = 0;
    for (const event of events) {
      if (event.type === 'AgentStateChanged') {
        stateChanges++;
        const arrival = arrivals.get(event.detail.correlationId ?? '');
        if (arrival !== undefined) this.onStateChangePublished?.(publishedAt - arrival);
        continue;
      }
      const alert = alertOfEvent(event.detail);
      this.metrics.increment(event.type === 'AgentAlertRaised' ? 'buddie_agent_alerts_raised_total' : 'buddie_agent_alerts_cleared_total');
      await this.notifier.notify(event.type, alert).catch((error: unknown) => {
        this.metrics.increment('buddie_agent_alert_notifications_failed_total');
        this.logger.warn(`SNS notification for ${alert.id} failed: ${message(error)}`);
      });
    }
    this.metrics.increment('buddie_agent_state_changes_published_total', {}, stateChanges);
  }
}
