import type { AgentView } from './agent-view.model';

/**
 * What a supervisor reads off an agent's card: the agent status alone says "Available" all through a
 * call (Connect keeps the status while a contact is routed), so the activity combines the status with
 * the contacts in the agent's snapshot. `custom` is a non-routable status of the routing profile's
 * own (Break, Lunch, Training...): its label is the status name.
 */
export const BOARD_ACTIVITIES = ['available', 'incoming', 'on-contact', 'on-hold', 'after-contact-work', 'missed', 'custom', 'offline'] as const;
export type BoardActivity = (typeof BOARD_ACTIVITIES)[number];

export interface BoardActivityState {
  activity: BoardActivity;
  /** The words a card shows: the status name for `custom`, otherwise the activity's own name. */
  label: string;
  /** When the agent entered this activity (ISO timestamp as Connect sent it). */
  since: string;
}

const LABELS: Readonly<Record<Exclude<BoardActivity, 'custom'>, string>> = {
  available: 'Available',
  incoming: 'Incoming',
  'on-contact': 'On contact',
  'on-hold': 'On hold',
  'after-contact-work': 'After contact work',
  missed: 'Missed',
  offline: 'Offline',
};

function latest(first: string, ...others: (string | undefined)[]): string {
  let best = first;
  for (const stamp of others) if (stamp !== undefined && Date.parse(stamp) > Date.parse(best)) best = stamp;
  return best;
}

/**
 * The activity of an agent view. A contact in the snapshot decides it (the view's contact activity
 * already ranks several contacts: a live conversation over hold over ACW over an offer over a missed
 * one); without contacts the status type does: ROUTABLE is available, CUSTOM is the custom status,
 * OFFLINE (or logged out) is offline.
 *
 * `since` is when that activity began: the contact's state start for contact work; for a status, the
 * later of the status start and the moment the last contact left, because an agent who stays
 * Available through a call is available again only once the call's ACW is over.
 */
export function boardActivityOf(view: AgentView): BoardActivityState {
  if (!view.loggedIn) {
    // Agents go Offline, then log out a moment later: the time offline counts from the status.
    const since = view.status.type === 'OFFLINE' ? latest(view.status.since, view.contactsClearedAt) : latest(view.status.since, view.logoutAt, view.contactsClearedAt);
    return { activity: 'offline', label: LABELS.offline, since };
  }
  switch (view.activity) {
    case 'OnContact':
      return { activity: 'on-contact', label: LABELS['on-contact'], since: view.activitySince };
    case 'OnHold':
      return { activity: 'on-hold', label: LABELS['on-hold'], since: view.activitySince };
    case 'AfterContactWork':
      return { activity: 'after-contact-work', label: LABELS['after-contact-work'], since: view.activitySince };
    case 'Connecting':
    case 'Incoming':
      return { activity: 'incoming', label: LABELS.incoming, since: view.activitySince };
    case 'Missed':
      return { activity: 'missed', label: LABELS.missed, since: view.activitySince };
    case 'Idle':
      break;
  }
  const since = latest(view.status.since, view.contactsClearedAt);
  switch (view.status.type) {
    case 'ROUTABLE':
      return { activity: 'available', label: LABELS.available, since };
    case 'CUSTOM':
      return { activity: 'custom', label: view.status.name, since };
    case 'OFFLINE':
      return { activity: 'offline', label: LABELS.offline, since };
  }
}
