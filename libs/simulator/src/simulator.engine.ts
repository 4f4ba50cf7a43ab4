import type {
  AgentConfiguration,
  AgentEventRecord,
  AgentEventType,
  AgentSnapshot,
  AgentStatusRef,
  ContactLensTranscript,
  ContactTraceRecord,
  FlowLogEntry,
  InitiationMethod,
  NextAgentStatusRef,
  SnapshotContact,
  SnapshotContactState,
  SnapshotQueue,
} from './connect-records';
import { EventQueue } from './event-queue';
import { runChatFlow, runMainIvr, type MenuOption } from './ivr-flow';
import { Prng } from './prng';
import { buildCtr, floorSecond, interactionStartMs, isoMillis, type ContactFacts } from './record.builders';
import { SCENARIOS, categoryForQueue, scenariosFor, type Scenario } from './scenario-library';
import type { SimulationConfig } from './simulation.config';
import {
  ACCOUNT_ID,
  INSTANCE_ARN,
  STATUS_AVAILABLE,
  STATUS_BREAK,
  STATUS_LUNCH,
  STATUS_MEETING,
  STATUS_OFFLINE,
  STATUS_TRAINING,
  agentConfiguration,
  buildTopology,
  type AgentDef,
  type ProfileDef,
  type QueueDef,
  type StatusDef,
  type Topology,
} from './topology';
import { buildTranscript } from './transcript.builder';

export type Emission =
  | { kind: 'ctr'; at: number; record: ContactTraceRecord }
  | { kind: 'agentEvent'; at: number; record: AgentEventRecord }
  | { kind: 'flowLog'; at: number; entry: FlowLogEntry }
  | { kind: 'transcript'; at: number; contactId: string; doc: ContactLensTranscript };

export interface SimulationStats {
  contacts: number;
  inboundVoice: number;
  chats: number;
  outbound: number;
  callbacks: number;
  transfers: number;
  ivrOnly: number;
  selfService: number;
  abandoned: number;
  answered: number;
  missedOffers: number;
  /** Time agents had at least one contact (incl. ACW) over the time they were logged in and not on a break. */
  occupancy: number;
  /** Mean queue wait of answered contacts, seconds. */
  averageSpeedOfAnswer: number;
  /** Abandoned over queued (abandoned + answered from a queue). */
  abandonRate: number;
}

const HEARTBEAT_MS = 120_000;
const MISSED_AFTER_MS = 20_000;
const AREA_CODES = ['206', '312', '415', '503', '617', '718', '212', '310', '404', '512', '702', '303', '913', '602'];
const CUSTOMER_FIRST = ['Pat', 'Chris', 'Robin', 'Taylor', 'Morgan', 'Casey', 'Jamie', 'Drew', 'Avery', 'Quinn', 'Riley', 'Jesse'];
const CUSTOMER_LAST = ['Example', 'Sample', 'Rivera', 'Lee', 'Hart', 'Stone', 'Brooks', 'Flores', 'Ward', 'Gray', 'Fox', 'Lane'];

interface Contact extends ContactFacts {
  state: 'ivr' | 'queued' | 'offered' | 'connected' | 'acw' | 'done';
  agentRt: AgentRt | null;
  customerName: string;
  snapQueue: SnapshotQueue | null;
  queueTimestampIso: string | null;
  queueToken: number;
  patienceMs: number;
  waitStartMs: number;
  scenario: Scenario | null;
  transferTarget: QueueDef | null;
  transferIn: boolean;
  resolved: boolean;
}

interface AgentRt {
  def: AgentDef;
  configs: (AgentConfiguration | undefined)[];
  status: AgentStatusRef;
  next: NextAgentStatusRef | null;
  nextDef: StatusDef | null;
  nextDurationMs: number;
  contacts: SnapshotContact[];
  snapshot: AgentSnapshot | null;
  lastEventMs: number;
  hbToken: number;
  loggedIn: boolean;
  heartbeatsAfterLogout: number;
  voiceBusy: number;
  chatBusy: number;
  routeToken: number;
  shiftOver: boolean;
  busySince: number;
  busyMs: number;
  availableSince: number;
  availableMs: number;
  /** Shift length minus planned breaks; sizes the arrival rates. */
  plannedAvailableMs: number;
}

interface IdleEntry {
  agent: AgentRt;
  token: number;
  since: number;
}

class IdleList {
  items: IdleEntry[] = [];
  head = 0;

  push(entry: IdleEntry): void {
    this.items.push(entry);
  }

  /** The longest-idle entry still valid, dropping stale ones on the way. */
  peek(valid: (e: IdleEntry) => boolean): IdleEntry | undefined {
    while (this.head < this.items.length) {
      const e = this.items[this.head];
      if (valid(e)) return e;
      this.head++;
    }
    if (this.head > 0) {
      this.items = [];
      this.head = 0;
    }
    return undefined;
  }

  compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

interface QueueRt {
  def: QueueDef;
  waiting: Contact[];
  head: number;
  count: number;
  profiles: ProfileRt[];
}

interface ProfileRt {
  def: ProfileDef;
  queues: QueueRt[];
  voiceIdle: IdleList;
  chatIdle: IdleList;
}

/**
 * The contact center as a discrete-event simulation over a virtual clock. Every action is scheduled on one
 * priority queue and every record is emitted at the virtual instant it describes, so consumers see the same
 * interleaving Connect would produce. Randomness is split into streams (decisions, ids, transcripts) so that
 * switching transcripts off does not change the day.
 */
export class SimulationEngine {
  readonly config: SimulationConfig;
  readonly topology: Topology;
  readonly startMs: number;
  readonly endMs: number;
  private readonly events = new EventQueue();
  private readonly rng: Prng;
  private readonly ids: Prng;
  private readonly queues = new Map<string, QueueRt>();
  private readonly profiles: ProfileRt[];
  private readonly agents: AgentRt[];
  private readonly menu: MenuOption[];
  private readonly chatQueue: QueueRt | undefined;
  private out: Emission[] = [];
  /** Contacts whose CTR is not out yet, and agents still to log in, log out or send trailing heartbeats. */
  private liveContacts = 0;
  private activeAgents = 0;
  private now = 0;
  private voiceRatePerMs = 0;
  private chatRatePerMs = 0;
  private readonly hourly: number[];
  private counters = {
    contacts: 0,
    inboundVoice: 0,
    chats: 0,
    outbound: 0,
    callbacks: 0,
    transfers: 0,
    ivrOnly: 0,
    selfService: 0,
    abandoned: 0,
    answered: 0,
    answeredFromQueue: 0,
    missedOffers: 0,
    waitMs: 0,
  };

  constructor(config: SimulationConfig) {
    this.config = config;
    this.topology = buildTopology(config);
    this.startMs = Date.parse(config.start);
    this.endMs = this.startMs + Math.round(config.hours * 3_600_000);
    this.rng = Prng.derive(config.seed, 'decisions');
    this.ids = Prng.derive(config.seed, 'ids');
    for (const q of this.topology.queues.values()) this.queues.set(q.name, { def: q, waiting: [], head: 0, count: 0, profiles: [] });
    this.profiles = this.topology.profiles.map((def) => ({
      def,
      queues: def.queues.map((q) => this.queues.get(q.name) as QueueRt),
      voiceIdle: new IdleList(),
      chatIdle: new IdleList(),
    }));
    for (const p of this.profiles) for (const q of p.queues) q.profiles.push(p);
    this.chatQueue = [...this.queues.values()].find((q) => q.def.channel === 'CHAT' && q.profiles.length > 0);
    const mean = config.hourlyProfile.reduce((a, b) => a + b, 0) / config.hourlyProfile.length;
    this.hourly = config.hourlyProfile.map((v) => (mean > 0 ? v / mean : 0));
    this.agents = this.topology.agents.map((def) => this.createAgent(def));
    this.menu = this.buildMenuAndRates();
    this.scheduleArrival('VOICE', this.startMs);
    if (this.chatQueue !== undefined && this.chatRatePerMs > 0) this.scheduleArrival('CHAT', this.startMs);
  }

  nextTime(): number | undefined {
    return this.finished() ? undefined : this.events.peekTime();
  }

  /**
   * True once nothing can produce another record. Stale timers (superseded heartbeats, patience of contacts
   * already answered) may still sit in the queue; a paced run must not wait hours for them.
   */
  finished(): boolean {
    return this.events.size === 0 || (this.now >= this.endMs && this.liveContacts === 0 && this.activeAgents === 0);
  }

  /** Runs the next scheduled action; returns false when the day is over. */
  step(out: Emission[]): boolean {
    if (this.finished()) return false;
    const next = this.events.pop();
    if (next === undefined) return false;
    this.now = next.at;
    this.out = out;
    next.run();
    return true;
  }

  stats(): SimulationStats {
    const c = this.counters;
    let busy = 0;
    let available = 0;
    for (const a of this.agents) {
      busy += a.busyMs;
      available += a.availableMs;
    }
    const queued = c.abandoned + c.answeredFromQueue;
    return {
      contacts: c.contacts,
      inboundVoice: c.inboundVoice,
      chats: c.chats,
      outbound: c.outbound,
      callbacks: c.callbacks,
      transfers: c.transfers,
      ivrOnly: c.ivrOnly,
      selfService: c.selfService,
      abandoned: c.abandoned,
      answered: c.answered,
      missedOffers: c.missedOffers,
      occupancy: available > 0 ? round3(busy / available) : 0,
      averageSpeedOfAnswer: c.answeredFromQueue > 0 ? round3(c.waitMs / c.answeredFromQueue / 1000) : 0,
      abandonRate: queued > 0 ? round3(c.abandoned / queued) : 0,
    };
  }

  private at(t: number, run: () => void): void {
    this.events.schedule(Math.round(t), run);
  }

  // ---------------------------------------------------------------- sizing

  /**
   * Sizes arrivals so that agents are busy about `targetOccupancy` of the time they are available. The work a
   * contact brings is estimated from the same distributions the engine draws from.
   */
  private buildMenuAndRates(): MenuOption[] {
    const { rates } = this.config;
    const capacityByProfile = new Map<ProfileDef, number>();
    for (const a of this.agents) {
      const ms = a.plannedAvailableMs;
      capacityByProfile.set(a.def.profile, (capacityByProfile.get(a.def.profile) ?? 0) + ms * this.config.targetOccupancy);
    }
    const meanVoiceTalk = SCENARIOS.reduce((s, x) => s + x.meanTalkSeconds, 0) / SCENARIOS.length;
    // talk + holds + ring + ACW, and a transfer adds a second leg.
    const voiceWork = (meanVoiceTalk + rates.hold * 1.25 * 82 + 4 + 45) * (1 + rates.transfer * 0.9) * 1000;
    const chatWork = ((meanVoiceTalk * 1.8 + 30) / 1.5) * 1000;
    const reachVoice = (1 - rates.ivrSelfService) * (1 - rates.lambdaError * 0.5) * (1 - (rates.ivrTimeout + rates.ivrNoMatch) * 0.35) * (1 - rates.abandon * 0.5);
    const reachChat = 1 - rates.abandon * 0.4;
    const chatShare = this.chatQueue === undefined ? 0 : rates.chat;
    const perContactWork = (1 - chatShare) * reachVoice * voiceWork + chatShare * reachChat * chatWork;
    const totalCapacity = [...capacityByProfile.values()].reduce((a, b) => a + b, 0);
    const windowMs = this.endMs - this.startMs;
    const contactsInWindow = perContactWork > 0 ? totalCapacity / perContactWork : 0;
    this.voiceRatePerMs = (contactsInWindow * (1 - chatShare)) / windowMs;
    this.chatRatePerMs = (contactsInWindow * chatShare) / windowMs;

    // Chat work is taken from chat-capable profiles first; what is left of each profile answers its first menu queue.
    const chatDemand = contactsInWindow * chatShare * reachChat * chatWork;
    const chatCapable = this.profiles.filter((p) => p.def.chatSlots > 0 && p.queues.includes(this.chatQueue as QueueRt));
    const chatCapacity = chatCapable.reduce((s, p) => s + (capacityByProfile.get(p.def) ?? 0), 0);
    const weights = new Map<QueueDef, number>();
    for (const p of this.profiles) {
      let cap = capacityByProfile.get(p.def) ?? 0;
      if (chatCapable.includes(p) && chatCapacity > 0) cap -= Math.min(cap, (chatDemand * cap) / chatCapacity);
      const first = p.def.voiceSlots > 0 ? p.def.queues.find((q) => q.menuDigit !== undefined && q.channel === 'VOICE') : undefined;
      if (first !== undefined) weights.set(first, (weights.get(first) ?? 0) + Math.max(cap, 0));
    }
    const menu: MenuOption[] = [];
    for (const q of this.topology.queues.values()) {
      if (q.menuDigit === undefined || q.channel !== 'VOICE') continue;
      menu.push({ digit: q.menuDigit, queue: q, weight: Math.max(weights.get(q) ?? 0, totalCapacity * 0.01) });
    }
    return menu.sort((a, b) => (a.digit === '0' ? 1 : b.digit === '0' ? -1 : a.digit.localeCompare(b.digit)));
  }

  private rateAt(channel: 'VOICE' | 'CHAT', t: number): number {
    const hour = Math.floor((t - this.startMs) / 3_600_000);
    const base = channel === 'VOICE' ? this.voiceRatePerMs : this.chatRatePerMs;
    return base * this.hourly[hour % this.hourly.length];
  }

  /** Non-homogeneous Poisson arrivals: the rate is constant within an hour, so restart the draw at hour edges. */
  private scheduleArrival(channel: 'VOICE' | 'CHAT', from: number): void {
    let t = from;
    while (t < this.endMs) {
      const hourEnd = Math.min(this.startMs + (Math.floor((t - this.startMs) / 3_600_000) + 1) * 3_600_000, this.endMs);
      const rate = this.rateAt(channel, t);
      if (rate > 0) {
        const next = t + this.rng.exponential(1 / rate);
        if (next < hourEnd) {
          this.at(next, () => {
            if (channel === 'VOICE') this.arriveVoice(this.now);
            else this.arriveChat(this.now);
            this.scheduleArrival(channel, this.now);
          });
          return;
        }
      }
      t = hourEnd;
    }
  }

  // ---------------------------------------------------------------- agents

  private createAgent(def: AgentDef): AgentRt {
    const rng = this.rng;
    const window = this.endMs - this.startMs;
    const hours = this.config.hours;
    let shiftStart: number;
    let shiftEnd: number;
    if (hours > 9) {
      const len = 8.5 * 3_600_000;
      shiftStart = this.startMs + rng.uniform(0, window - len);
      shiftEnd = shiftStart + len;
    } else {
      // Logins and logouts spread over a few minutes (less in a very short run), a few agents start late or leave early.
      const spread = Math.min(300_000, window * 0.1);
      shiftStart = this.startMs + (rng.chance(0.9) ? rng.uniform(0, spread) : rng.uniform(0, window / 3));
      shiftEnd = this.endMs - (rng.chance(0.93) ? rng.uniform(0, spread) : rng.uniform(0, window / 3));
      if (shiftEnd - shiftStart < window / 4) shiftEnd = Math.min(this.endMs, shiftStart + window / 4);
    }
    const agent: AgentRt = {
      def,
      configs: [],
      status: { ARN: STATUS_OFFLINE.ARN, Name: STATUS_OFFLINE.Name, StartTimestamp: isoMillis(shiftStart - rng.uniform(10, 16) * 3_600_000), Type: 'OFFLINE' },
      next: null,
      nextDef: null,
      nextDurationMs: 0,
      contacts: [],
      snapshot: null,
      lastEventMs: 0,
      hbToken: 0,
      loggedIn: false,
      heartbeatsAfterLogout: 0,
      voiceBusy: 0,
      chatBusy: 0,
      routeToken: 0,
      shiftOver: false,
      busySince: 0,
      busyMs: 0,
      availableSince: 0,
      availableMs: 0,
      plannedAvailableMs: 0,
    };
    // Breaks about every two hours; the middle one of a long shift is lunch, now and then a meeting or training.
    const shiftLen = shiftEnd - shiftStart;
    const breakCount = Math.floor((shiftLen + 900_000) / 7_200_000);
    let planned = shiftLen;
    for (let i = 1; i <= breakCount; i++) {
      const at = shiftStart + (shiftLen * i) / (breakCount + 1) + rng.uniform(-600_000, 600_000);
      const lunch = breakCount >= 3 && i === Math.ceil(breakCount / 2);
      const special = !lunch && rng.chance(0.06);
      const status = lunch ? STATUS_LUNCH : special ? rng.pick([STATUS_TRAINING, STATUS_MEETING]) : STATUS_BREAK;
      const duration = (lunch ? 30 : special ? 25 : 15) * 60_000 * rng.uniform(0.9, 1.15);
      planned -= duration;
      this.at(at, () => this.startBreak(agent, status, duration));
    }
    agent.plannedAvailableMs = planned;
    this.activeAgents++;
    this.at(shiftStart, () => this.login(agent));
    this.at(shiftEnd, () => this.endShift(agent));
    return agent;
  }

  private configuration(a: AgentRt): AgentConfiguration {
    const p = a.def.profile;
    const freeVoice = a.voiceBusy > 0 || a.chatBusy > 0 ? 0 : p.voiceSlots;
    const freeChat = a.voiceBusy > 0 ? 0 : p.chatSlots - a.chatBusy;
    const key = freeVoice * (p.chatSlots + 1) + freeChat;
    let config = a.configs[key];
    if (config === undefined) {
      config = agentConfiguration(a.def, this.topology.outboundQueue, freeVoice, freeChat);
      a.configs[key] = config;
    }
    return config;
  }

  /** Emits one agent event at (or just after) t and returns the instant actually stamped. */
  private emitAgent(a: AgentRt, type: AgentEventType, t: number, mutate?: (at: number, iso: string) => void): number {
    const at = t <= a.lastEventMs ? a.lastEventMs + 1 : t;
    const iso = isoMillis(at);
    mutate?.(at, iso);
    let current: AgentSnapshot;
    if (type === 'HEART_BEAT' && a.snapshot !== null) {
      current = a.snapshot;
    } else {
      current = { AgentStatus: a.status, Configuration: this.configuration(a), Contacts: a.contacts };
      if (a.next !== null) current.NextAgentStatus = a.next;
    }
    const record: AgentEventRecord = {
      AWSAccountId: ACCOUNT_ID,
      AgentARN: a.def.arn,
      CurrentAgentSnapshot: current,
      EventId: this.ids.uuid(),
      EventTimestamp: iso,
      EventType: type,
      InstanceARN: INSTANCE_ARN,
      PreviousAgentSnapshot: type === 'LOGIN' ? null : a.snapshot,
      Version: '2019-05-25',
    };
    a.snapshot = current;
    a.lastEventMs = at;
    this.out.push({ kind: 'agentEvent', at, record });
    const token = ++a.hbToken;
    this.at(at + HEARTBEAT_MS, () => this.heartbeat(a, token));
    return at;
  }

  private heartbeat(a: AgentRt, token: number): void {
    if (token !== a.hbToken) return;
    if (!a.loggedIn) {
      if (a.heartbeatsAfterLogout <= 0) {
        this.activeAgents--;
        return;
      }
      a.heartbeatsAfterLogout--;
    }
    this.emitAgent(a, 'HEART_BEAT', this.now);
  }

  private setStatus(a: AgentRt, def: StatusDef, iso: string, at: number): void {
    const wasAvailable = a.loggedIn && a.status.Type === 'ROUTABLE';
    const isAvailable = def.Type === 'ROUTABLE';
    if (wasAvailable && !isAvailable) a.availableMs += at - a.availableSince;
    if (!wasAvailable && isAvailable) a.availableSince = at;
    a.status = { ARN: def.ARN, Name: def.Name, StartTimestamp: iso, Type: def.Type };
  }

  /** No contact in the snapshot and none reserved but not yet ringing. */
  private idle(a: AgentRt): boolean {
    return a.voiceBusy + a.chatBusy === 0;
  }

  private routable(a: AgentRt): boolean {
    return a.loggedIn && !a.shiftOver && a.status.Type === 'ROUTABLE' && a.next === null;
  }

  private canTakeVoice(a: AgentRt): boolean {
    return this.routable(a) && a.def.profile.voiceSlots > 0 && a.voiceBusy === 0 && a.chatBusy === 0;
  }

  private canTakeChat(a: AgentRt): boolean {
    return this.routable(a) && a.chatBusy < a.def.profile.chatSlots && a.voiceBusy === 0;
  }

  private login(a: AgentRt): void {
    a.loggedIn = true;
    const t = this.emitAgent(a, 'LOGIN', this.now);
    this.at(t + this.rng.uniform(2000, 8000), () => {
      if (!a.loggedIn || a.shiftOver) return;
      this.emitAgent(a, 'STATE_CHANGE', this.now, (at, iso) => this.setStatus(a, STATUS_AVAILABLE, iso, at));
      this.becameFree(a);
    });
  }

  private startBreak(a: AgentRt, status: StatusDef, durationMs: number): void {
    if (!a.loggedIn || a.shiftOver || a.status.Type !== 'ROUTABLE' || a.next !== null) return;
    if (this.idle(a)) {
      a.routeToken++;
      this.emitAgent(a, 'STATE_CHANGE', this.now, (at, iso) => this.setStatus(a, status, iso, at));
      this.at(this.now + durationMs, () => this.endBreak(a));
      return;
    }
    // Busy: queue the status as the next one, as the CCP does; it applies when the last contact clears.
    a.routeToken++;
    a.nextDef = status;
    a.nextDurationMs = durationMs;
    this.emitAgent(a, 'STATE_CHANGE', this.now, (_at, iso) => {
      a.next = { ARN: status.ARN, EnqueuedTimestamp: iso, Name: status.Name };
    });
  }

  private endBreak(a: AgentRt): void {
    if (!a.loggedIn || a.shiftOver || a.status.Type !== 'CUSTOM') return;
    this.emitAgent(a, 'STATE_CHANGE', this.now, (at, iso) => this.setStatus(a, STATUS_AVAILABLE, iso, at));
    this.becameFree(a);
  }

  private endShift(a: AgentRt): void {
    if (!a.loggedIn) return;
    a.shiftOver = true;
    a.routeToken++;
    if (!this.idle(a)) {
      a.nextDef = STATUS_OFFLINE;
      this.emitAgent(a, 'STATE_CHANGE', this.now, (_at, iso) => {
        a.next = { ARN: STATUS_OFFLINE.ARN, EnqueuedTimestamp: iso, Name: STATUS_OFFLINE.Name };
      });
      return;
    }
    this.goOffline(a, this.now);
  }

  private goOffline(a: AgentRt, t: number): void {
    const at = this.emitAgent(a, 'STATE_CHANGE', t, (stamp, iso) => {
      a.next = null;
      a.nextDef = null;
      this.setStatus(a, STATUS_OFFLINE, iso, stamp);
    });
    this.at(at + this.rng.uniform(1000, 4000), () => this.logout(a));
  }

  private logout(a: AgentRt): void {
    this.emitAgent(a, 'LOGOUT', this.now);
    a.loggedIn = false;
    // Connect keeps sending heartbeats for a while after logout.
    a.heartbeatsAfterLogout = this.rng.int(1, 2);
  }

  /** The agent has room for work: take the oldest waiting contact it can serve, or wait in the idle lists. */
  private becameFree(a: AgentRt): void {
    if (!this.routable(a)) return;
    const pr = this.profiles[a.def.profile.index];
    let best: Contact | undefined;
    let bestQueue: QueueRt | undefined;
    for (const q of pr.queues) {
      const ok = q.def.channel === 'CHAT' ? this.canTakeChat(a) : this.canTakeVoice(a);
      if (!ok) continue;
      const head = this.peekWaiting(q);
      if (head !== undefined && (best === undefined || (head.enqueueMs as number) < (best.enqueueMs as number))) {
        best = head;
        bestQueue = q;
      }
    }
    if (best !== undefined && bestQueue !== undefined) {
      this.takeWaiting(bestQueue);
      this.offer(a, best, this.now + this.rng.uniform(150, 900));
      return;
    }
    const token = ++a.routeToken;
    if (this.canTakeVoice(a)) pr.voiceIdle.push({ agent: a, token, since: this.now });
    if (this.canTakeChat(a)) pr.chatIdle.push({ agent: a, token, since: this.now });
    if (a.voiceBusy === 0 && a.chatBusy === 0 && a.def.profile.voiceSlots > 0 && this.rng.chance(this.config.rates.outbound)) {
      this.at(this.now + this.rng.uniform(20_000, 120_000), () => {
        if (a.routeToken === token && this.canTakeVoice(a) && this.now < this.endMs) this.startOutbound(a);
      });
    }
  }

  private trackBusy(a: AgentRt, at: number, before: number): void {
    const after = a.voiceBusy + a.chatBusy;
    if (before === 0 && after > 0) a.busySince = at;
    if (before > 0 && after === 0) a.busyMs += at - a.busySince;
  }

  // ---------------------------------------------------------------- queues

  private peekWaiting(q: QueueRt): Contact | undefined {
    while (q.head < q.waiting.length) {
      const c = q.waiting[q.head];
      if (c.state === 'queued' && c.queue === q.def) return c;
      q.head++;
    }
    if (q.head > 0) {
      q.waiting = [];
      q.head = 0;
    }
    return undefined;
  }

  private takeWaiting(q: QueueRt): void {
    q.head++;
    q.count--;
    if (q.head > 4096 && q.head * 2 > q.waiting.length) {
      q.waiting = q.waiting.slice(q.head);
      q.head = 0;
    }
  }

  private enqueue(c: Contact, q: QueueRt, at: number, front = false): void {
    c.state = 'queued';
    c.queue = q.def;
    c.snapQueue = q.def.snapshot;
    if (c.enqueueMs === null) {
      c.enqueueMs = at;
      c.queueTimestampIso = isoMillis(floorSecond(at));
    }
    c.waitStartMs = at;
    if (front) {
      if (q.head > 0) q.waiting[--q.head] = c;
      else q.waiting.unshift(c);
    } else {
      q.waiting.push(c);
    }
    q.count++;
    const token = ++c.queueToken;
    this.at(at + c.patienceMs, () => {
      if (c.queueToken === token && c.state === 'queued') this.abandon(c, q);
    });
    this.routeWaiting(q);
  }

  /** Offers the head of a queue to the longest-idle eligible agent of any profile that serves it. */
  private routeWaiting(q: QueueRt): void {
    const head = this.peekWaiting(q);
    if (head === undefined) return;
    const chat = q.def.channel === 'CHAT';
    let best: IdleEntry | undefined;
    for (const p of q.profiles) {
      const list = chat ? p.chatIdle : p.voiceIdle;
      const e = list.peek((x) => x.token === x.agent.routeToken && (chat ? this.canTakeChat(x.agent) : this.canTakeVoice(x.agent)));
      if (e !== undefined && (best === undefined || e.since < best.since)) best = e;
      list.compact();
    }
    if (best === undefined) return;
    this.takeWaiting(q);
    this.offer(best.agent, head, this.now + this.rng.uniform(150, 900));
  }

  private abandon(c: Contact, q: QueueRt): void {
    c.state = 'done';
    q.count--;
    c.dequeueMs = this.now;
    c.disconnectMs = this.now;
    c.disconnectReason = c.method === 'CALLBACK' ? 'OTHER' : 'CUSTOMER_DISCONNECT';
    this.counters.abandoned++;
    this.scheduleCtr(c, this.now);
  }

  // ---------------------------------------------------------------- contacts

  private newContact(channel: 'VOICE' | 'CHAT', method: InitiationMethod, at: number): Contact {
    this.counters.contacts++;
    this.liveContacts++;
    const rng = this.rng;
    const voice = channel === 'VOICE';
    return {
      id: this.ids.uuid(),
      channel,
      method,
      initiationMs: at,
      systemMs: at,
      customerNumber: voice ? `+1${rng.pick(AREA_CODES)}55501${String(rng.int(0, 99)).padStart(2, '0')}` : null,
      customerName: `${rng.pick(CUSTOMER_FIRST)} ${rng.pick(CUSTOMER_LAST)}`,
      attributes: {},
      initialId: null,
      previousId: null,
      nextId: null,
      queue: null,
      enqueueMs: null,
      dequeueMs: null,
      attempts: 0,
      agent: null,
      agentRt: null,
      connectedMs: null,
      holds: [],
      disconnectMs: at,
      disconnectReason: null,
      acwStartMs: null,
      acwEndMs: null,
      state: 'ivr',
      snapQueue: null,
      queueTimestampIso: null,
      queueToken: 0,
      patienceMs: this.patience(),
      waitStartMs: 0,
      scenario: null,
      transferTarget: null,
      transferIn: false,
      resolved: false,
    };
  }

  /** Most callers wait a long time; the impatient share (rates.abandon) gives up within a couple of minutes. */
  private patience(): number {
    if (this.rng.chance(this.config.rates.abandon)) return this.rng.uniform(8_000, 150_000);
    return Math.min(this.rng.exponential(900_000) + 240_000, 2_400_000);
  }

  private arriveVoice(t: number): void {
    this.counters.inboundVoice++;
    const c = this.newContact('VOICE', 'INBOUND', t);
    const run = runMainIvr({
      contactId: c.id,
      startMs: t,
      rng: this.rng,
      rates: this.config.rates,
      menu: this.menu,
      generalQueue: this.topology.generalQueue,
      recordings: this.config.recordings,
      queueBusy: (q) => (this.queues.get(q.name) as QueueRt).count > 0,
    });
    c.attributes = run.attributes;
    this.emitFlowLogs(run.entries, 0, () => {
      const o = run.outcome;
      this.at(o.at, () => {
        if (o.kind === 'queue') {
          this.enqueue(c, this.queues.get(o.queue.name) as QueueRt, this.now);
          return;
        }
        c.disconnectMs = this.now;
        c.state = 'done';
        if (o.kind === 'callback') {
          c.disconnectReason = 'CONTACT_FLOW_DISCONNECT';
          this.createCallback(c, this.now);
        } else {
          this.counters.ivrOnly++;
          if (o.kind === 'selfService') this.counters.selfService++;
          c.disconnectReason = o.kind === 'selfService' ? o.disconnectReason : o.kind === 'hangup' ? 'CUSTOMER_DISCONNECT' : 'CONTACT_FLOW_DISCONNECT';
        }
        this.scheduleCtr(c, this.now);
      });
    });
  }

  /** Emits flow-log entries one by one at their timestamps, then continues with `done`. */
  private emitFlowLogs(entries: FlowLogEntry[], index: number, done: () => void): void {
    if (index >= entries.length) {
      done();
      return;
    }
    const entry = entries[index];
    this.at(Date.parse(entry.Timestamp), () => {
      this.out.push({ kind: 'flowLog', at: this.now, entry });
      this.emitFlowLogs(entries, index + 1, done);
    });
  }

  private arriveChat(t: number): void {
    const q = this.chatQueue as QueueRt;
    this.counters.chats++;
    const c = this.newContact('CHAT', 'API', t);
    c.scenario = this.rng.pick(SCENARIOS);
    const run = runChatFlow(c.id, t, this.rng, q.def, c.scenario.category);
    c.attributes = { chatTopic: c.scenario.category, customerName: c.customerName };
    this.emitFlowLogs(run.entries, 0, () => this.at(run.enqueueAt, () => this.enqueue(c, q, this.now)));
  }

  private createCallback(original: Contact, t: number): void {
    this.counters.callbacks++;
    const cb = this.newContact('VOICE', 'CALLBACK', t);
    cb.customerNumber = original.customerNumber;
    cb.customerName = original.customerName;
    cb.systemMs = null;
    cb.initialId = original.initialId ?? original.id;
    cb.previousId = original.id;
    original.nextId = cb.id;
    cb.attributes = { ...original.attributes };
    cb.patienceMs = 3 * 3_600_000;
    this.enqueue(cb, this.queues.get(this.topology.callbackQueue.name) as QueueRt, t);
  }

  private snapshotEntry(c: Contact, state: SnapshotContactState, iso: string): SnapshotContact {
    return {
      Channel: c.channel,
      ConnectedToAgentTimestamp: c.connectedMs === null ? null : isoMillis(c.connectedMs),
      ContactId: c.id,
      InitialContactId: c.initialId,
      InitiationMethod: c.method,
      Queue: c.snapQueue as SnapshotQueue,
      QueueTimestamp: c.queueTimestampIso,
      State: state,
      StateStartTimestamp: iso,
    };
  }

  private setContactState(a: AgentRt, c: Contact, state: SnapshotContactState | null, t: number, extra?: (at: number, iso: string) => void): number {
    return this.emitAgent(a, 'STATE_CHANGE', t, (at, iso) => {
      extra?.(at, iso);
      const others = a.contacts.filter((x) => x.ContactId !== c.id);
      a.contacts = state === null ? others : [...others, this.snapshotEntry(c, state, iso)];
    });
  }

  private reserve(a: AgentRt, c: Contact, at: number): void {
    const before = a.voiceBusy + a.chatBusy;
    if (c.channel === 'VOICE') a.voiceBusy++;
    else a.chatBusy++;
    this.trackBusy(a, at, before);
    a.routeToken++;
  }

  private release(a: AgentRt, c: Contact, at: number): void {
    const before = a.voiceBusy + a.chatBusy;
    if (c.channel === 'VOICE') a.voiceBusy--;
    else a.chatBusy--;
    this.trackBusy(a, at, before);
  }

  /** Reserves the agent now (routing is instant) and rings them after the routing delay. */
  private offer(a: AgentRt, c: Contact, t: number): void {
    c.state = 'offered';
    c.queueToken++;
    c.attempts++;
    c.agentRt = a;
    this.reserve(a, c, this.now);
    this.at(t, () => this.ring(a, c));
  }

  private ring(a: AgentRt, c: Contact): void {
    const offeredAt = this.setContactState(a, c, 'CONNECTING', this.now);
    if (c.channel === 'CHAT' && this.canTakeChat(a)) {
      const token = ++a.routeToken;
      this.profiles[a.def.profile.index].chatIdle.push({ agent: a, token, since: offeredAt });
    }
    if (this.rng.chance(this.config.rates.missed)) {
      this.counters.missedOffers++;
      this.at(offeredAt + MISSED_AFTER_MS, () => this.missed(a, c));
      return;
    }
    const ring = c.channel === 'VOICE' ? this.rng.uniform(2000, 6500) : this.rng.uniform(1000, 4000);
    this.at(offeredAt + ring, () => this.connect(a, c));
  }

  private missed(a: AgentRt, c: Contact): void {
    const at = this.setContactState(a, c, 'MISSED', this.now);
    this.at(at + this.rng.uniform(5000, 15000), () => {
      const cleared = this.setContactState(a, c, null, this.now);
      this.release(a, c, cleared);
      c.agentRt = null;
      const q = this.queues.get((c.queue as QueueDef).name) as QueueRt;
      const waited = c.waitStartMs > 0 ? cleared - c.waitStartMs : 0;
      c.patienceMs = Math.max(c.patienceMs - waited, 20_000);
      this.enqueue(c, q, cleared, true);
      this.afterRelease(a, cleared);
    });
  }

  private connect(a: AgentRt, c: Contact): void {
    const rng = this.rng;
    const at = this.setContactState(a, c, 'CONNECTED', this.now, (stamp) => {
      c.connectedMs = stamp;
    });
    c.state = 'connected';
    c.agent = a.def;
    this.counters.answered++;
    if (c.method === 'OUTBOUND') {
      c.initiationMs = at;
    } else {
      c.dequeueMs = at;
      this.counters.answeredFromQueue++;
      // Callbacks wait by design; they would drown the speed of answer.
      if (c.method !== 'CALLBACK') this.counters.waitMs += at - (c.enqueueMs as number);
    }
    if (c.scenario === null) {
      const category = categoryForQueue((c.queue as QueueDef).name);
      c.scenario = rng.pick(scenariosFor(category));
    }
    c.resolved = rng.chance(c.scenario.resolveRate);
    // The customer leg of a callback or an outbound call starts when the customer answers.
    let answered = true;
    if (c.method === 'CALLBACK') c.systemMs = at + rng.uniform(6000, 20000);
    if (c.method === 'OUTBOUND') {
      answered = rng.chance(0.85);
      c.systemMs = answered ? at + rng.uniform(5000, 20000) : null;
    }
    if (!answered) {
      this.at(at + rng.uniform(20000, 35000), () => this.disconnect(a, c, 'AGENT_DISCONNECT'));
      return;
    }
    const chat = c.channel === 'CHAT';
    const q = c.queue as QueueDef;
    if (!chat && c.method !== 'OUTBOUND' && !c.transferIn && q.transferTarget !== undefined && rng.chance(this.config.rates.transfer)) {
      c.transferTarget = this.topology.queues.get(q.transferTarget) ?? null;
    }
    const factor = (chat ? 1.8 : 1) * (c.transferTarget !== null ? 0.5 : 1) * (c.transferIn ? 0.8 : 1);
    const talkMs = Math.min(Math.max(rng.logNormal(c.scenario.meanTalkSeconds * factor, 0.6), 25) , 3600) * 1000;
    const startTalk = c.systemMs === null ? at : Math.max(at, c.systemMs);
    const holds: number[] = [];
    if (!chat && rng.chance(this.config.rates.hold)) {
      holds.push(rng.uniform(15_000, 150_000));
      if (rng.chance(0.25)) holds.push(rng.uniform(15_000, 90_000));
    }
    // Talk is split into holds+1 stretches; holds sit between them.
    const cuts = holds.map(() => rng.uniform(0.15, 0.85)).sort((x, y) => x - y);
    let t = startTalk;
    let prevCut = 0;
    for (let i = 0; i < holds.length; i++) {
      t += (cuts[i] - prevCut) * talkMs;
      prevCut = cuts[i];
      const holdStart = t;
      const holdEnd = t + holds[i];
      t = holdEnd;
      this.at(holdStart, () => {
        if (c.state !== 'connected') return;
        const s = this.setContactState(a, c, 'CONNECTED_ONHOLD', this.now);
        this.at(Math.max(holdEnd, s + 1000), () => {
          const e = this.setContactState(a, c, 'CONNECTED', this.now);
          c.holds.push([s, e]);
        });
      });
    }
    t += (1 - prevCut) * talkMs;
    const reason = c.transferTarget !== null ? 'AGENT_DISCONNECT' : rng.chance(chat ? 0.55 : 0.7) ? 'CUSTOMER_DISCONNECT' : 'AGENT_DISCONNECT';
    this.at(t + 1500, () => this.disconnect(a, c, reason));
  }

  private disconnect(a: AgentRt, c: Contact, reason: string): void {
    const at = this.setContactState(a, c, 'ENDED', this.now);
    c.state = 'acw';
    c.disconnectMs = at;
    c.acwStartMs = at;
    c.disconnectReason = reason;
    if (c.transferTarget !== null) {
      this.counters.transfers++;
      const b = this.newContact('VOICE', 'TRANSFER', at);
      b.customerNumber = c.customerNumber;
      b.customerName = c.customerName;
      b.initialId = c.initialId ?? c.id;
      b.previousId = c.id;
      b.transferIn = true;
      b.scenario = c.scenario;
      b.attributes = { ...c.attributes, transferReason: this.rng.pick(['refund-over-limit', 'specialist-needed', 'customer-request', 'wrong-queue']) };
      c.nextId = b.id;
      const target = this.queues.get((c.transferTarget as QueueDef).name) as QueueRt;
      this.at(at + this.rng.uniform(600, 1500), () => this.enqueue(b, target, this.now));
    }
    const acw = Math.max(this.rng.logNormal(c.channel === 'CHAT' ? 30 : 45, 0.5), 5) * 1000;
    this.at(at + acw, () => this.endAcw(a, c));
  }

  private endAcw(a: AgentRt, c: Contact): void {
    const at = this.setContactState(a, c, null, this.now, (stamp, iso) => {
      c.acwEndMs = stamp;
      // A queued next status applies in the same event that clears the last contact (synthetic fixture 02).
      if (a.voiceBusy + a.chatBusy === 1 && a.nextDef !== null) {
        const def = a.nextDef;
        a.next = null;
        a.nextDef = null;
        this.setStatus(a, def, iso, stamp);
      }
    });
    c.state = 'done';
    this.release(a, c, at);
    this.scheduleCtr(c, at);
    this.afterRelease(a, at);
  }

  private afterRelease(a: AgentRt, at: number): void {
    if (this.idle(a) && a.status.Type === 'OFFLINE' && a.loggedIn) {
      this.at(at + this.rng.uniform(1000, 4000), () => this.logout(a));
      return;
    }
    if (this.idle(a) && a.shiftOver && a.loggedIn) {
      this.at(at + 500, () => this.goOffline(a, this.now));
      return;
    }
    if (this.idle(a) && a.status.Type === 'CUSTOM') {
      const duration = a.nextDurationMs;
      this.at(at + duration, () => this.endBreak(a));
      return;
    }
    this.becameFree(a);
  }

  private startOutbound(a: AgentRt): void {
    this.counters.outbound++;
    const c = this.newContact('VOICE', 'OUTBOUND', this.now);
    c.systemMs = null;
    c.queue = this.topology.outboundQueue;
    c.snapQueue = this.topology.outboundQueue.snapshot;
    c.scenario = this.rng.pick(scenariosFor('orders'));
    c.state = 'offered';
    c.attempts = 1;
    c.agentRt = a;
    this.reserve(a, c, this.now);
    const at = this.setContactState(a, c, 'CONNECTING', this.now);
    this.at(at + this.rng.uniform(800, 2500), () => this.connect(a, c));
  }

  // ---------------------------------------------------------------- records

  /** Connect delivers the CTR about a minute after the contact completes; LastUpdateTimestamp says when. */
  private scheduleCtr(c: Contact, completedMs: number): void {
    const emitAt = floorSecond(completedMs) + 1000 * this.rng.int(58, 64);
    this.at(emitAt, () => {
      this.liveContacts--;
      const record = buildCtr(c, this.now, this.config.recordings);
      this.out.push({ kind: 'ctr', at: this.now, record });
      if (this.config.transcripts && record.Agent !== null && c.scenario !== null && c.connectedMs !== null && (c.channel === 'CHAT' || c.systemMs !== null)) {
        const begin = interactionStartMs(c);
        const rng = Prng.derive(this.config.seed, `transcript:${c.id}`);
        const doc = buildTranscript({
          contactId: c.id,
          channel: c.channel,
          scenario: c.scenario,
          agentFirstName: (c.agent as AgentDef).firstName,
          customerName: c.customerName,
          customerPhone: c.customerNumber,
          durationMs: Math.max(c.disconnectMs - begin, 1000),
          startMs: begin,
          rng,
          speaksPii: rng.chance(this.config.piiRate),
          transferOut: c.transferTarget !== null,
          transferIn: c.transferIn,
          resolved: c.resolved,
        });
        this.out.push({ kind: 'transcript', at: this.now, contactId: c.id, doc });
      }
    });
  }
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
