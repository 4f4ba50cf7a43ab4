import type { AgentEventInput } from './agent-event.model';
import type { AgentAlert, AlertEvaluation, AlertRule } from './agent-alert.model';
import { evaluateAlerts } from './agent-alert.evaluate';
import { evolveAgent } from './agent-view.evolve';
import type { AgentView, ContactWork } from './agent-view.model';

/** What the monitor knows of one agent between batches: the stored view, its version and the alerts open with it. */
export interface MonitoredAgent {
  view: AgentView;
  /** The stored item's version; the next state write is conditional on it (0 = not stored yet). */
  version: number;
  openAlerts: AgentAlert[];
  /**
   * Set when the held view is ahead of the stored one in liveness only (heartbeats whose state write
   * was deferred, see `livenessWriteMs`): the stored view's lastEventAt.
   */
  storedLastEventAt?: string;
}

export interface AgentPlanOptions {
  /**
   * How far (stream time) the stored lastEventAt may trail the held view before a records fold that
   * moves liveness only (heartbeats: no visible change, no history, no alert row) writes the state.
   * Below it such a fold is kept in memory (storeState false) and goes out with the agent's next write.
   * 0 writes every such fold. Kept under the stale window minus one heartbeat interval, an instance
   * that takes the agent over after a crash still sees the next heartbeat before 'stale' could fire.
   */
  livenessWriteMs?: number;
}

/** One decoded record of the agent's, in stream order; `ref` names it in a rejection (its sequence number). */
export interface AgentRecordInput {
  event: AgentEventInput;
  ref: string;
}

export type AlertWrite = { kind: 'raise' | 'update' | 'clear'; alert: AgentAlert };

/** What the plan announces; the producer maps each to its catalog event. */
export type AgentAnnouncement =
  | { kind: 'state-changed'; view: AgentView; event: AgentEventInput; version: number; openAlerts: number }
  | { kind: 'alert-raised'; alert: AgentAlert }
  | { kind: 'alert-cleared'; alert: AgentAlert };

/** One history row: the view after an event that changed something or completed a contact. */
export interface AgentHistoryPoint {
  view: AgentView;
  event: AgentEventInput;
  completedContacts: ContactWork[];
}

/**
 * The writes one agent's records (or a timer evaluation) come to, in the order the monitor makes
 * them: alert rows, history, then the compare-and-set state write that carries the announcements
 * as its outbox. Announcements go out only once the state write succeeded.
 */
export interface AgentWritePlan {
  agentId: string;
  /** The version the state write is conditional on (0: the agent is new). */
  expectedVersion: number;
  /** One version per announced state change, so a consumer can drop re-sends by version. */
  nextVersion: number;
  view: AgentView;
  openAlerts: AgentAlert[];
  /** Alert rows in order; an alert updated several times is written once, with its last value. */
  alertWrites: AlertWrite[];
  history: AgentHistoryPoint[];
  announcements: AgentAnnouncement[];
  /**
   * False when only an open alert's lastValue moved (a timer refresh), or only liveness within
   * `livenessWriteMs` (heartbeats): nothing a replay would announce, so the state is not written and
   * the new open alerts or view are kept in memory only.
   */
  storeState: boolean;
}

export interface AgentRecordsFold {
  /** Undefined when the records change nothing (duplicates, nothing new for alerts). */
  plan?: AgentWritePlan;
  rejected: { ref: string; reason: string }[];
}

function applyEvaluation(open: readonly AgentAlert[], evaluation: AlertEvaluation, writes: AlertWrite[]): AgentAlert[] {
  const replaced = new Set([...evaluation.update, ...evaluation.clear].map((alert) => alert.id));
  for (const alert of evaluation.raise) writes.push({ kind: 'raise', alert });
  for (const alert of evaluation.update) writes.push({ kind: 'update', alert });
  for (const alert of evaluation.clear) writes.push({ kind: 'clear', alert });
  return [...open.filter((alert) => !replaced.has(alert.id)), ...evaluation.update, ...evaluation.raise];
}

/** Only the last update of an alert is written: the row ends the same, with fewer writes. */
function collapseUpdates(writes: readonly AlertWrite[]): AlertWrite[] {
  const lastUpdate = new Map<string, number>();
  writes.forEach((write, index) => write.kind === 'update' && lastUpdate.set(write.alert.id, index));
  return writes.filter((write, index) => write.kind !== 'update' || lastUpdate.get(write.alert.id) === index);
}

/**
 * Alert notices come from the evaluation against the open alerts kept with the view, not from
 * whether a row already existed, so a replay after a crash announces what the crashed run wrote.
 */
function noticesOf(writes: readonly AlertWrite[]): AgentAnnouncement[] {
  const notices: AgentAnnouncement[] = [];
  for (const write of writes) {
    if (write.kind === 'raise') notices.push({ kind: 'alert-raised', alert: write.alert });
    else if (write.kind === 'clear') notices.push({ kind: 'alert-cleared', alert: write.alert });
  }
  return notices;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Folds one agent's records, in stream order, onto what the monitor holds for it. Alerts are
 * evaluated after every event at stream time (the newest event the view has seen), so a replay
 * fires at the same events as the live run did. A record the state machine cannot use is rejected
 * and the rest still fold.
 */
export function planAgentRecords(
  agentId: string,
  before: MonitoredAgent | undefined,
  records: readonly AgentRecordInput[],
  rules: readonly Readonly<AlertRule>[],
  options: AgentPlanOptions = {},
): AgentRecordsFold {
  let view = before?.view;
  let open: AgentAlert[] = before?.openAlerts ?? [];
  const writes: AlertWrite[] = [];
  const history: AgentHistoryPoint[] = [];
  const changes: { view: AgentView; event: AgentEventInput }[] = [];
  const rejected: { ref: string; reason: string }[] = [];
  for (const { event, ref } of records) {
    let evolution;
    try {
      evolution = evolveAgent(view, event);
    } catch (error) {
      rejected.push({ ref, reason: message(error) });
      continue;
    }
    if (evolution.view === view) continue;
    view = evolution.view;
    if (evolution.changed || evolution.completedContacts.length > 0) history.push({ view, event, completedContacts: evolution.completedContacts });
    if (evolution.changed) changes.push({ view, event });
    open = applyEvaluation(open, evaluateAlerts(view, rules, open, new Date(view.lastEventAt)), writes);
  }
  if (view === undefined || (view === before?.view && writes.length === 0)) return { rejected };
  const base = before?.version ?? 0;
  const openCount = open.length;
  const announcements: AgentAnnouncement[] = changes.map((change, index) => ({
    kind: 'state-changed',
    view: change.view,
    event: change.event,
    version: base + index + 1,
    openAlerts: openCount,
  }));
  announcements.push(...noticesOf(writes));
  const livenessOnly = before !== undefined && before.version > 0 && changes.length === 0 && history.length === 0 && writes.length === 0;
  const storedAt = Date.parse(before?.storedLastEventAt ?? before?.view.lastEventAt ?? view.lastEventAt);
  const storeState = !livenessOnly || Date.parse(view.lastEventAt) - storedAt > (options.livenessWriteMs ?? 0);
  return {
    rejected,
    plan: {
      agentId,
      expectedVersion: base,
      // A write without a state change (heartbeats, alert changes) still moves the version once.
      nextVersion: base + Math.max(1, changes.length),
      view,
      openAlerts: open,
      alertWrites: collapseUpdates(writes),
      history,
      announcements,
      storeState,
    },
  };
}

/**
 * The state write that stores a held view's deferred liveness (before the agent is handed to another
 * instance); undefined when the stored view is current.
 */
export function planLivenessWrite(agentId: string, before: MonitoredAgent): AgentWritePlan | undefined {
  if (before.storedLastEventAt === undefined) return undefined;
  return {
    agentId,
    expectedVersion: before.version,
    nextVersion: before.version + 1,
    view: before.view,
    openAlerts: before.openAlerts,
    alertWrites: [],
    history: [],
    announcements: [],
    storeState: true,
  };
}

/**
 * A timer evaluation of a held agent at `now` (stream time): thresholds crossed between events, and
 * 'stale'. Undefined when no alert changes.
 */
export function planAgentTick(agentId: string, before: MonitoredAgent, rules: readonly Readonly<AlertRule>[], now: Date): AgentWritePlan | undefined {
  const writes: AlertWrite[] = [];
  const open = applyEvaluation(before.openAlerts, evaluateAlerts(before.view, rules, before.openAlerts, now), writes);
  if (writes.length === 0) return undefined;
  const announcements = noticesOf(writes);
  return {
    agentId,
    expectedVersion: before.version,
    nextVersion: before.version + 1,
    view: before.view,
    openAlerts: open,
    alertWrites: collapseUpdates(writes),
    history: [],
    announcements,
    storeState: announcements.length > 0 || open.length !== before.openAlerts.length,
  };
}

/**
 * The order a slice's state writes are made in: plans that announce something first (their events
 * are published as soon as each write lands), then the bookkeeping writes nobody waits for
 * (heartbeats, alert-value refreshes). Stable within each group; one write per agent either way.
 */
export function latencyPathFirst(plans: readonly AgentWritePlan[]): AgentWritePlan[] {
  const announcing: AgentWritePlan[] = [];
  const quiet: AgentWritePlan[] = [];
  for (const plan of plans) (plan.announcements.length > 0 ? announcing : quiet).push(plan);
  return [...announcing, ...quiet];
}

/** How a slice's writes are cut into groups (writeGroups). */
export interface WriteGrouping {
  /**
   * Writes per group at most, its state writes and history rows together (a group is one
   * transaction; TransactWriteItems takes 100). One plan with more is a group of its own.
   */
  maxWrites: number;
  /** Groups written at once: a slice is spread over this many when the bound allows, so it is one round of calls. */
  spread: number;
  /** Plans per group at least when the slice has them: a small slice is one or two calls, not `spread` tiny ones. */
  minPlans: number;
}

/**
 * Cuts a slice's plans, in the order given (latencyPathFirst), into consecutive groups. Each group's
 * alert rows are written first, then its history and state writes together (one transaction, so an
 * agent's history never lags its state: a replay skips what the state has seen), and groups run
 * side by side. A slice is spread over `spread` groups (of at least `minPlans`), as few and as large
 * as the write bound allows: a call costs the caller and DynamoDB more than another item in it does, and the
 * groups in flight together finish together. One plan is never split across groups.
 */
export function writeGroups(plans: readonly AgentWritePlan[], grouping: WriteGrouping): AgentWritePlan[][] {
  const plansPerGroup = Math.max(1, grouping.minPlans, Math.ceil(plans.length / Math.max(1, grouping.spread)));
  const groups: AgentWritePlan[][] = [];
  let group: AgentWritePlan[] = [];
  let writes = 0;
  for (const plan of plans) {
    const planWrites = 1 + plan.history.length;
    const full = group.length >= plansPerGroup || (group.length > 0 && writes + planWrites > grouping.maxWrites);
    if (full) {
      groups.push(group);
      group = [];
      writes = 0;
    }
    group.push(plan);
    writes += planWrites;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
