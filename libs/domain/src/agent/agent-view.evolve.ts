import { InvalidInputError } from '../errors';
import type {
  AgentContactInput,
  AgentEventInput,
  AgentHierarchyGroupsInput,
  AgentQueueInput,
  AgentSnapshotInput,
  AgentStatusInput,
  ConcurrencyInput,
  HierarchyGroupInput,
  NextAgentStatusInput,
  RoutingProfileInput,
} from './agent-event.model';
import type {
  AgentActivity,
  AgentContactView,
  AgentNextStatusView,
  AgentStatusType,
  AgentStatusView,
  AgentView,
  ChannelConcurrencyView,
  ContactStateMark,
  ContactWork,
  ContactWorkInProgress,
  HierarchyLevelView,
  MissedOffer,
  NamedArn,
} from './agent-view.model';

/** How many EventIds the view remembers for duplicate detection (Kinesis redelivers recent batches). */
export const RECENT_EVENT_IDS_CAPACITY = 64;
/** Missed offers kept for the missed-in-a-row count; alert thresholds are far below this. */
const MISSED_OFFERS_CAPACITY = 32;
/** State marks kept per contact; a real contact changes state a handful of times. */
const MARKS_CAPACITY = 64;

export interface AgentEvolution {
  view: AgentView;
  /** The supervisor-visible state changed (status, activity, contacts, next status, login, configuration). */
  changed: boolean;
  /**
   * duplicate: the EventId was seen recently; the view is returned untouched.
   * out-of-order: older than the state the view shows, so its snapshot was not applied. Facts it
   * carries (contact state marks, missed offers, login/logout times) are still merged, so persist
   * `view` whenever it is not the object passed in.
   */
  ignored?: 'duplicate' | 'out-of-order';
  /** Contacts that left the agent's snapshot with this event. */
  completedContacts: ContactWork[];
}

/**
 * Activity precedence when an agent holds several contacts (chat + voice, or an offer during ACW):
 * a live customer conversation dominates (OnContact, then OnHold: still a customer on the line, but
 * nobody talking to them), then work the agent is doing without a customer (ACW), then offers
 * (Connecting before Incoming: it is further along), and Missed last, because it is a leftover that
 * clears by itself. Idle only when nothing else applies.
 */
const ACTIVITY_RANK: Readonly<Record<AgentActivity, number>> = {
  OnContact: 6,
  OnHold: 5,
  AfterContactWork: 4,
  Connecting: 3,
  Incoming: 2,
  Missed: 1,
  Idle: 0,
};

export function activityOfContactState(state: string): AgentActivity {
  switch (state) {
    case 'CONNECTED':
      return 'OnContact';
    case 'CONNECTED_ONHOLD':
      return 'OnHold';
    case 'ENDED':
      return 'AfterContactWork';
    case 'CONNECTING':
      return 'Connecting';
    case 'INCOMING':
    case 'PENDING':
      return 'Incoming';
    case 'MISSED':
    case 'REJECTED':
    case 'ERROR':
      return 'Missed';
    default:
      return 'Idle';
  }
}

/** Offers the agent let pass: REJECTED is how a declined chat/task shows; ERROR is not the agent's doing. */
function isMissedOffer(state: string): boolean {
  return state === 'MISSED' || state === 'REJECTED';
}

export function agentIdFromArn(arn: string): string {
  const at = arn.lastIndexOf('/agent/');
  return at >= 0 ? arn.slice(at + '/agent/'.length) : arn;
}

export function statusTypeOf(status: Pick<AgentStatusInput, 'Name' | 'Type'>): AgentStatusType {
  const type = status.Type;
  if (type === 'ROUTABLE' || type === 'CUSTOM' || type === 'OFFLINE') return type;
  // Older records leave Type out; Offline and Available are the only built-in names.
  if (status.Name === 'Offline') return 'OFFLINE';
  if (status.Name === 'Available') return 'ROUTABLE';
  return 'CUSTOM';
}

/** Whole seconds between two timestamps the way the CTR counts them (it stamps whole seconds and subtracts). */
export function wholeSecondsBetween(fromIso: string, toIso: string): number {
  return Math.floor(Date.parse(toIso) / 1000) - Math.floor(Date.parse(fromIso) / 1000);
}

function isLater(aIso: string, aId: string, bIso: string | undefined, bId: string | undefined): boolean {
  if (bIso === undefined) return true;
  const a = Date.parse(aIso);
  const b = Date.parse(bIso);
  // EventId breaks ties so that the same set of events always ends in the same view, whatever the order.
  return a !== b ? a > b : aId > (bId ?? '');
}

function laterOf(a: string | undefined, b: string): string {
  return a === undefined || Date.parse(b) > Date.parse(a) ? b : a;
}

function earlierOf(a: string, b: string): string {
  return Date.parse(b) < Date.parse(a) ? b : a;
}

const NO_CONTACTS: readonly AgentContactInput[] = [];

function contactsOf(snapshot: AgentSnapshotInput | null | undefined): readonly AgentContactInput[] {
  return snapshot?.Contacts ?? NO_CONTACTS;
}

function findContact(contacts: readonly AgentContactInput[], contactId: string): AgentContactInput | undefined {
  for (const contact of contacts) if (contact.ContactId === contactId) return contact;
  return undefined;
}

export function evolveAgent(view: AgentView | undefined, event: AgentEventInput): AgentEvolution {
  if (view !== undefined) {
    if (view.recentEventIds.includes(event.EventId)) {
      return { view, changed: false, ignored: 'duplicate', completedContacts: [] };
    }
    if (view.agentArn !== event.AgentARN) {
      throw new InvalidInputError(`event ${event.EventId} is for another agent than the view`, {
        viewAgentId: view.agentId,
        eventAgentId: agentIdFromArn(event.AgentARN),
      });
    }
  }

  const eventAt = event.EventTimestamp;
  const eventId = event.EventId;
  const isHeartbeat = event.EventType === 'HEART_BEAT';
  const current = event.CurrentAgentSnapshot;
  const previous = event.PreviousAgentSnapshot ?? null;
  const currentContacts = contactsOf(current);
  const previousContacts = contactsOf(previous);

  // A heartbeat never moves state; it only bootstraps a view for an agent seen for the first time.
  const applies = view === undefined || (!isHeartbeat && isLater(eventAt, eventId, view.stateEventAt, view.stateEventId));
  const newest = view === undefined || isLater(eventAt, eventId, view.lastEventAt, view.lastEventId);

  let loginAt = view?.loginAt;
  let logoutAt = view?.logoutAt;
  if (event.EventType === 'LOGIN') loginAt = laterOf(loginAt, eventAt);
  else if (event.EventType === 'LOGOUT') logoutAt = laterOf(logoutAt, eventAt);

  let contactsClearedAt = view?.contactsClearedAt;
  if (previousContacts.length > 0 && currentContacts.length === 0) contactsClearedAt = laterOf(contactsClearedAt, eventAt);

  const missed = foldMissedOffers(view?.missedOffers ?? [], view?.lastConnectedAt, currentContacts, previousContacts);

  const completedContacts: ContactWork[] = [];
  const work = applies
    ? applyWork(view?.work ?? [], currentContacts, previousContacts, eventAt, completedContacts)
    : foldWork(view?.work ?? [], currentContacts, previousContacts);

  let status: AgentStatusView;
  let nextStatus: AgentNextStatusView | undefined;
  let routingProfile: NamedArn;
  let queues: NamedArn[];
  let hierarchy: HierarchyLevelView[];
  let contacts: AgentContactView[];
  let concurrency: ChannelConcurrencyView[];
  let username: string;
  let name: string;
  if (applies) {
    const config = current.Configuration;
    const profile = config.RoutingProfile;
    status = statusView(current.AgentStatus, view?.status);
    nextStatus = nextStatusView(current.NextAgentStatus, view?.nextStatus);
    routingProfile = routingProfileView(profile, view?.routingProfile);
    queues = queuesView(profile.InboundQueues, view?.queues);
    hierarchy = hierarchyView(config.AgentHierarchyGroups, view?.hierarchy);
    contacts = contactsView(currentContacts, view?.contacts);
    concurrency = concurrencyView(profile.Concurrency, view?.concurrency);
    username = config.Username;
    name = fullName(config.FirstName, config.LastName, config.Username);
  } else {
    // `applies` is always true without a view.
    const prior = view as AgentView;
    ({ status, nextStatus, routingProfile, queues, hierarchy, contacts, concurrency, username, name } = prior);
  }

  const stateEventAt = applies && !isHeartbeat ? eventAt : view?.stateEventAt;
  const stateEventId = applies && !isHeartbeat ? eventId : view?.stateEventId;
  const stateEventType = applies && !isHeartbeat ? event.EventType : view?.stateEventType;
  const firstEventAt = view === undefined ? eventAt : earlierOf(view.firstEventAt, eventAt);
  const loggedIn = deriveLoggedIn(stateEventType, loginAt, logoutAt, status.type);
  const { activity, since: activitySince } = deriveActivity(contacts, contactsClearedAt ?? firstEventAt);

  const next: AgentView = {
    agentId: view?.agentId ?? agentIdFromArn(event.AgentARN),
    agentArn: event.AgentARN,
    username,
    name,
    routingProfile,
    queues,
    hierarchy,
    status,
    nextStatus,
    activity,
    activitySince,
    contacts,
    concurrency,
    loggedIn,
    lastEventAt: newest ? eventAt : (view as AgentView).lastEventAt,
    lastEventId: newest ? eventId : (view as AgentView).lastEventId,
    lastHeartbeatAt: isHeartbeat ? laterOf(view?.lastHeartbeatAt, eventAt) : view?.lastHeartbeatAt,
    firstEventAt,
    stateEventAt,
    stateEventId,
    stateEventType,
    loginAt,
    logoutAt,
    contactsClearedAt,
    missedOffers: missed.offers,
    missedInARow: missed.offers.length,
    lastConnectedAt: missed.lastConnectedAt,
    work,
    recentEventIds: rememberEventId(view?.recentEventIds, eventId),
  };

  return {
    view: next,
    changed: view === undefined || visibleChanged(view, next),
    ignored: applies || isHeartbeat ? undefined : 'out-of-order',
    completedContacts,
  };
}

/** True when the view has heard nothing for longer than the window while the agent is logged in. */
export const HEARTBEAT_INTERVAL_MS = 120_000;
/** Two missed heartbeats plus slack for Kinesis and consumer lag. */
export const DEFAULT_HEARTBEAT_WINDOW_MS = 2 * HEARTBEAT_INTERVAL_MS + 30_000;

export function isStale(view: AgentView, now: Date, heartbeatWindowMs: number = DEFAULT_HEARTBEAT_WINDOW_MS): boolean {
  return view.loggedIn && now.getTime() - Date.parse(view.lastEventAt) > heartbeatWindowMs;
}

function rememberEventId(ids: readonly string[] | undefined, eventId: string): string[] {
  if (ids === undefined) return [eventId];
  const keep = ids.length >= RECENT_EVENT_IDS_CAPACITY ? ids.slice(ids.length - RECENT_EVENT_IDS_CAPACITY + 1) : ids.slice();
  keep.push(eventId);
  return keep;
}

function deriveLoggedIn(
  stateEventType: string | undefined,
  loginAt: string | undefined,
  logoutAt: string | undefined,
  statusType: AgentStatusType,
): boolean {
  if (stateEventType === 'LOGOUT') return false;
  if (stateEventType === 'LOGIN') return true;
  // Only heartbeats seen so far (e.g. the consumer started mid-shift): the status is all there is.
  if (stateEventType === undefined) return statusType !== 'OFFLINE';
  // Events keep arriving for up to an hour after logout; an Offline state change then is not a login.
  const loggedOutLast = logoutAt !== undefined && (loginAt === undefined || Date.parse(logoutAt) > Date.parse(loginAt));
  return !(loggedOutLast && statusType === 'OFFLINE');
}

function deriveActivity(contacts: readonly AgentContactView[], idleSince: string): { activity: AgentActivity; since: string } {
  let activity: AgentActivity = 'Idle';
  let since = idleSince;
  for (const contact of contacts) {
    const candidate = activityOfContactState(contact.state);
    const rank = ACTIVITY_RANK[candidate];
    const best = ACTIVITY_RANK[activity];
    // Among contacts in the same activity the longest-running one counts: thresholds are about it.
    if (rank > best || (rank === best && rank > 0 && Date.parse(contact.since) < Date.parse(since))) {
      activity = candidate;
      since = contact.since;
    }
  }
  return { activity, since };
}

function foldMissedOffers(
  offers: MissedOffer[],
  lastConnectedAt: string | undefined,
  currentContacts: readonly AgentContactInput[],
  previousContacts: readonly AgentContactInput[],
): { offers: MissedOffer[]; lastConnectedAt: string | undefined } {
  let result = offers;
  let connectedAt = lastConnectedAt;
  for (const list of [currentContacts, previousContacts]) {
    for (const contact of list) {
      const connected =
        contact.ConnectedToAgentTimestamp ??
        (contact.State === 'CONNECTED' || contact.State === 'CONNECTED_ONHOLD' ? contact.StateStartTimestamp : undefined);
      if (connected) connectedAt = laterOf(connectedAt, connected);
      if (isMissedOffer(contact.State)) result = addMissedOffer(result, contact.ContactId, contact.StateStartTimestamp);
    }
  }
  if (connectedAt !== undefined && result.length > 0) {
    const cutoff = Date.parse(connectedAt);
    if (Date.parse(result[0].at) <= cutoff) result = result.filter((offer) => Date.parse(offer.at) > cutoff);
  }
  return { offers: result, lastConnectedAt: connectedAt };
}

function addMissedOffer(offers: MissedOffer[], contactId: string, at: string): MissedOffer[] {
  for (const offer of offers) if (offer.contactId === contactId && offer.at === at) return offers;
  const atMs = Date.parse(at);
  let index = offers.length;
  while (index > 0 && Date.parse(offers[index - 1].at) > atMs) index--;
  const next = offers.slice();
  next.splice(index, 0, { contactId, at });
  return next.length > MISSED_OFFERS_CAPACITY ? next.slice(next.length - MISSED_OFFERS_CAPACITY) : next;
}

/** The event's snapshot is the newest: track exactly its contacts, and complete those that left. */
function applyWork(
  work: ContactWorkInProgress[],
  currentContacts: readonly AgentContactInput[],
  previousContacts: readonly AgentContactInput[],
  eventAt: string,
  completed: ContactWork[],
): ContactWorkInProgress[] {
  let same = work.length === currentContacts.length;
  const next: ContactWorkInProgress[] = [];
  for (let i = 0; i < currentContacts.length; i++) {
    const contact = currentContacts[i];
    const tracked = findWork(work, contact.ContactId);
    let acc = foldContact(tracked ?? startWork(contact), contact);
    const before = findContact(previousContacts, contact.ContactId);
    if (before !== undefined) acc = foldContact(acc, before);
    if (acc !== work[i]) same = false;
    next.push(acc);
  }
  for (const acc of work) {
    if (findContact(currentContacts, acc.contactId) !== undefined) continue;
    const before = findContact(previousContacts, acc.contactId);
    completed.push(completeWork(before === undefined ? acc : foldContact(acc, before), before, eventAt));
  }
  // A contact first seen on its way out (e.g. the consumer started during its ACW) still reports its ACW.
  for (const before of previousContacts) {
    if (findContact(currentContacts, before.ContactId) !== undefined || findWork(work, before.ContactId) !== undefined) continue;
    completed.push(completeWork(foldContact(startWork(before), before), before, eventAt));
  }
  return same ? work : next;
}

/** An older event: fold what it says about contacts still tracked, but neither start nor complete any. */
function foldWork(
  work: ContactWorkInProgress[],
  currentContacts: readonly AgentContactInput[],
  previousContacts: readonly AgentContactInput[],
): ContactWorkInProgress[] {
  let next = work;
  for (let i = 0; i < work.length; i++) {
    let acc = work[i];
    const now = findContact(currentContacts, acc.contactId);
    if (now !== undefined) acc = foldContact(acc, now);
    const before = findContact(previousContacts, acc.contactId);
    if (before !== undefined) acc = foldContact(acc, before);
    if (acc !== work[i]) {
      if (next === work) next = work.slice();
      next[i] = acc;
    }
  }
  return next;
}

function findWork(work: readonly ContactWorkInProgress[], contactId: string): ContactWorkInProgress | undefined {
  for (const acc of work) if (acc.contactId === contactId) return acc;
  return undefined;
}

function startWork(contact: AgentContactInput): ContactWorkInProgress {
  return { contactId: contact.ContactId, channel: contact.Channel, holdSeconds: 0, holds: 0, missed: false, marks: [] };
}

function foldContact(acc: ContactWorkInProgress, contact: AgentContactInput): ContactWorkInProgress {
  const marks = addMark(acc.marks, contact.State, contact.StateStartTimestamp);
  const connectedAt = acc.connectedAt ?? contact.ConnectedToAgentTimestamp ?? undefined;
  if (marks === acc.marks && connectedAt === acc.connectedAt) return acc;
  return deriveWork(acc.contactId, acc.channel, connectedAt, marks);
}

function addMark(marks: ContactStateMark[], state: string, at: string): ContactStateMark[] {
  for (const mark of marks) if (mark.at === at && mark.state === state) return marks;
  const atMs = Date.parse(at);
  let index = marks.length;
  while (index > 0 && Date.parse(marks[index - 1].at) > atMs) index--;
  const next = marks.slice();
  next.splice(index, 0, { state, at });
  return next.length > MARKS_CAPACITY ? next.slice(next.length - MARKS_CAPACITY) : next;
}

function deriveWork(
  contactId: string,
  channel: string,
  connectedAt: string | undefined,
  marks: ContactStateMark[],
): ContactWorkInProgress {
  let holdSeconds = 0;
  let holds = 0;
  let acwStart: string | undefined;
  let missed = false;
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i];
    if (mark.state === 'CONNECTED_ONHOLD') {
      holds++;
      // A hold still running has no end yet; it shows as the OnHold activity instead.
      if (i + 1 < marks.length) holdSeconds += wholeSecondsBetween(mark.at, marks[i + 1].at);
    } else if (mark.state === 'ENDED') {
      acwStart ??= mark.at;
    } else if (isMissedOffer(mark.state)) {
      missed = true;
    }
  }
  const acc: ContactWorkInProgress = { contactId, channel, holdSeconds, holds, missed, marks };
  if (connectedAt !== undefined) acc.connectedAt = connectedAt;
  if (acwStart !== undefined) acc.acwStart = acwStart;
  return acc;
}

/**
 * determine-acw-time: ACW ends at the first event where the contact is ENDED in the previous
 * snapshot and missing from the current one. Both are checked because configuration changes
 * produce STATE_CHANGE events too; a contact that vanished any other way has no ACW end.
 */
function completeWork(acc: ContactWorkInProgress, before: AgentContactInput | undefined, eventAt: string): ContactWork {
  const done: ContactWork = {
    contactId: acc.contactId,
    channel: acc.channel,
    holdSeconds: acc.holdSeconds,
    holds: acc.holds,
    missed: acc.missed,
  };
  if (acc.connectedAt !== undefined) done.connectedAt = acc.connectedAt;
  const acwStart = acc.acwStart ?? (before?.State === 'ENDED' ? before.StateStartTimestamp : undefined);
  if (acwStart !== undefined) done.acwStart = acwStart;
  if (before?.State === 'ENDED' && acwStart !== undefined) {
    done.acwEnd = eventAt;
    done.acwSeconds = wholeSecondsBetween(acwStart, eventAt);
  }
  return done;
}

function fullName(first: string | null | undefined, last: string | null | undefined, username: string): string {
  const joined = `${first ?? ''} ${last ?? ''}`.trim();
  return joined.length > 0 ? joined : username;
}

function statusView(input: AgentStatusInput, old: AgentStatusView | undefined): AgentStatusView {
  const type = statusTypeOf(input);
  const arn = input.ARN ?? undefined;
  if (old !== undefined && old.name === input.Name && old.type === type && old.since === input.StartTimestamp && old.arn === arn) {
    return old;
  }
  const status: AgentStatusView = { name: input.Name, type, since: input.StartTimestamp };
  if (arn !== undefined) status.arn = arn;
  return status;
}

function nextStatusView(
  input: NextAgentStatusInput | null | undefined,
  old: AgentNextStatusView | undefined,
): AgentNextStatusView | undefined {
  if (input === null || input === undefined) return undefined;
  const arn = input.ARN ?? undefined;
  const since = input.EnqueuedTimestamp ?? undefined;
  if (old !== undefined && old.name === input.Name && old.arn === arn && old.since === since) return old;
  const next: AgentNextStatusView = { name: input.Name };
  if (arn !== undefined) next.arn = arn;
  if (since !== undefined) next.since = since;
  return next;
}

function routingProfileView(input: RoutingProfileInput, old: NamedArn | undefined): NamedArn {
  return old !== undefined && old.arn === input.ARN && old.name === input.Name ? old : { arn: input.ARN, name: input.Name };
}

/** The agent's own queue (`Name: null`, ARN `.../queue/agent/{id}`) is plumbing, not a queue a supervisor watches. */
function isAgentOwnQueue(queue: AgentQueueInput): boolean {
  return queue.Name === null || queue.Name === undefined || queue.Name === '' || queue.ARN.includes('/queue/agent/');
}

function queuesView(input: readonly AgentQueueInput[] | null | undefined, old: NamedArn[] | undefined): NamedArn[] {
  const all = input ?? [];
  if (old !== undefined) {
    let index = 0;
    let same = true;
    for (const queue of all) {
      if (isAgentOwnQueue(queue)) continue;
      const seen = old[index++];
      if (seen === undefined || seen.arn !== queue.ARN || seen.name !== queue.Name) {
        same = false;
        break;
      }
    }
    if (same && index === old.length) return old;
  }
  const queues: NamedArn[] = [];
  for (const queue of all) if (!isAgentOwnQueue(queue)) queues.push({ arn: queue.ARN, name: queue.Name as string });
  return queues;
}

const HIERARCHY_LEVELS = ['Level1', 'Level2', 'Level3', 'Level4', 'Level5'] as const;

function hierarchyView(input: AgentHierarchyGroupsInput | null | undefined, old: HierarchyLevelView[] | undefined): HierarchyLevelView[] {
  const levels: HierarchyLevelView[] = [];
  if (input !== null && input !== undefined) {
    for (let i = 0; i < HIERARCHY_LEVELS.length; i++) {
      const group: HierarchyGroupInput | null | undefined = input[HIERARCHY_LEVELS[i]];
      if (group === null || group === undefined) continue;
      levels.push({ level: (i + 1) as HierarchyLevelView['level'], arn: group.ARN, name: group.Name ?? '' });
    }
  }
  if (old !== undefined && old.length === levels.length) {
    let same = true;
    for (let i = 0; i < levels.length && same; i++) {
      same = old[i].level === levels[i].level && old[i].arn === levels[i].arn && old[i].name === levels[i].name;
    }
    if (same) return old;
  }
  return levels;
}

function sameContactView(view: AgentContactView, input: AgentContactInput): boolean {
  return (
    view.contactId === input.ContactId &&
    view.state === input.State &&
    view.since === input.StateStartTimestamp &&
    view.channel === input.Channel &&
    (view.queue?.arn ?? null) === (input.Queue?.ARN ?? null) &&
    view.connectedAt === (input.ConnectedToAgentTimestamp ?? undefined)
  );
}

function contactsView(input: readonly AgentContactInput[], old: AgentContactView[] | undefined): AgentContactView[] {
  if (old !== undefined && old.length === input.length) {
    let same = true;
    for (let i = 0; i < input.length && same; i++) same = sameContactView(old[i], input[i]);
    if (same) return old;
  }
  return input.map(toContactView);
}

function toContactView(input: AgentContactInput): AgentContactView {
  const queue = input.Queue;
  const contact: AgentContactView = {
    contactId: input.ContactId,
    channel: input.Channel,
    state: input.State,
    since: input.StateStartTimestamp,
    queue: queue === null || queue === undefined ? null : { arn: queue.ARN, name: queue.Name ?? '' },
  };
  if (input.InitiationMethod) contact.initiationMethod = input.InitiationMethod;
  if (input.InitialContactId) contact.initialContactId = input.InitialContactId;
  if (input.ConnectedToAgentTimestamp) contact.connectedAt = input.ConnectedToAgentTimestamp;
  return contact;
}

function concurrencyView(input: readonly ConcurrencyInput[] | null | undefined, old: ChannelConcurrencyView[] | undefined): ChannelConcurrencyView[] {
  const all = input ?? [];
  if (old !== undefined && old.length === all.length) {
    let same = true;
    for (let i = 0; i < all.length && same; i++) {
      same = old[i].channel === all[i].Channel && old[i].max === all[i].MaximumSlots && old[i].available === all[i].AvailableSlots;
    }
    if (same) return old;
  }
  return all.map((slot) => ({ channel: slot.Channel, max: slot.MaximumSlots, available: slot.AvailableSlots }));
}

/** Sub-objects are reused when equal (see the *View builders), so a reference check is a value check. */
function visibleChanged(before: AgentView, after: AgentView): boolean {
  return (
    before.status !== after.status ||
    before.nextStatus !== after.nextStatus ||
    before.activity !== after.activity ||
    before.activitySince !== after.activitySince ||
    before.contacts !== after.contacts ||
    before.loggedIn !== after.loggedIn ||
    before.routingProfile !== after.routingProfile ||
    before.queues !== after.queues ||
    before.hierarchy !== after.hierarchy ||
    before.concurrency !== after.concurrency ||
    before.username !== after.username ||
    before.name !== after.name
  );
}
