import type { AgentConfiguration, SnapshotQueue } from './connect-records';
import { nameUuid } from './prng';
import type { QueueConfig, RoutingProfileConfig, SimChannel, SimulationConfig } from './simulation.config';

/** The fake account the synthetic fixtures use; simulated data must join with them. */
export const ACCOUNT_ID = '111122223333';
export const REGION = 'us-east-1';
export const INSTANCE_ID = '5f0c2d7e-3b1a-4c9e-9a41-7e2d6b8c1f00';
export const INSTANCE_ARN = `arn:aws:connect:${REGION}:${ACCOUNT_ID}:instance/${INSTANCE_ID}`;
export const CENTER_NUMBER = '+12065550100';
export const OUTBOUND_CALLER_ID = '+12065550101';
export const RECORDING_BUCKET = `example-connect-recordings-${ACCOUNT_ID}`;

export function instanceArn(kind: string, id: string): string {
  return `${INSTANCE_ARN}/${kind}/${id}`;
}

export interface StatusDef {
  readonly ARN: string;
  readonly Name: string;
  readonly Type: 'ROUTABLE' | 'CUSTOM' | 'OFFLINE';
}

function status(id: string, name: string, type: StatusDef['Type']): StatusDef {
  return { ARN: instanceArn('agent-state', id), Name: name, Type: type };
}

export const STATUS_AVAILABLE = status('e1d2c3b4-a596-4877-8685-f4e3d2c1b0a9', 'Available', 'ROUTABLE');
export const STATUS_OFFLINE = status('f2e3d4c5-b6a7-4988-9796-05f4e3d2c1b0', 'Offline', 'OFFLINE');
export const STATUS_LUNCH = status('1405f6e7-d8c9-4baa-9b18-271605f4e3d2', 'Lunch', 'CUSTOM');
export const STATUS_BREAK = status(nameUuid('status:Break'), 'Break', 'CUSTOM');
export const STATUS_TRAINING = status(nameUuid('status:Training'), 'Training', 'CUSTOM');
export const STATUS_MEETING = status(nameUuid('status:Meeting'), 'Meeting', 'CUSTOM');

export const HIERARCHY_REGION = { ARN: instanceArn('agent-group', '11aa22bb-33cc-44dd-85ee-66ff77008811'), Name: 'North America' };
export const HIERARCHY_SITES = [
  { ARN: instanceArn('agent-group', '22bb33cc-44dd-45ee-96ff-770088119922'), Name: 'Seattle Site' },
  { ARN: instanceArn('agent-group', nameUuid('site:Austin')), Name: 'Austin Site' },
  { ARN: instanceArn('agent-group', nameUuid('site:Toronto')), Name: 'Toronto Site' },
];

export interface QueueDef {
  readonly name: string;
  readonly channel: SimChannel;
  readonly arn: string;
  readonly snapshot: SnapshotQueue;
  readonly menuDigit: string | undefined;
  readonly transferTarget: string | undefined;
}

export interface ProfileDef {
  readonly name: string;
  readonly arn: string;
  readonly queues: QueueDef[];
  readonly share: number;
  readonly voiceSlots: number;
  readonly chatSlots: number;
  readonly team: string;
  readonly index: number;
}

export interface AgentDef {
  readonly index: number;
  readonly id: string;
  readonly arn: string;
  readonly username: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly profile: ProfileDef;
  readonly hierarchy: AgentConfiguration['AgentHierarchyGroups'];
  readonly ownQueue: SnapshotQueue;
}

export interface Topology {
  readonly queues: Map<string, QueueDef>;
  readonly profiles: ProfileDef[];
  readonly agents: AgentDef[];
  readonly outboundQueue: QueueDef;
  readonly callbackQueue: QueueDef;
  readonly generalQueue: QueueDef;
}

const FIRST_NAMES = [
  'Jordan', 'Maria', 'Alex', 'Sam', 'Priya', 'Wei', 'Fatima', 'Diego', 'Aisha', 'Liam', 'Noah', 'Olivia', 'Emma', 'Lucas',
  'Chloe', 'Mateo', 'Hana', 'Kofi', 'Elena', 'Ravi', 'Sofia', 'Omar', 'Grace', 'Ivan', 'Yuki', 'Nora', 'Tariq', 'Zoe',
  'Ben', 'Leah', 'Marco', 'Ines', 'Kai', 'Amara', 'Felix', 'Mei', 'Jonas', 'Lina', 'Theo', 'Rosa',
];
const LAST_NAMES = [
  'Doe', 'Garcia', 'Kim', 'Nguyen', 'Patel', 'Smith', 'Chen', 'Okafor', 'Silva', 'Muller', 'Rossi', 'Haddad', 'Novak',
  'Tanaka', 'Johnson', 'Lopez', 'Brown', 'Ivanova', 'Mensah', 'Kowalski', 'Singh', 'Costa', 'Larsen', 'Moreau', 'Ali',
  'Reyes', 'Fischer', 'Sato', 'Walker', 'Dubois', 'Ortiz', 'Berg', 'Cohen', 'Osei', 'Park', 'Romero', 'Hughes', 'Varga',
];

const TEAM_SIZE = 15;

function teamSuffix(n: number): string {
  return n < 26 ? String.fromCharCode(65 + n) : String(n + 1);
}

/** Queues, routing profiles and agents. Identifiers depend only on names and indexes, never on the seed. */
export function buildTopology(config: Pick<SimulationConfig, 'agents' | 'queues' | 'routingProfiles'>): Topology {
  const queues = new Map<string, QueueDef>();
  for (const q of config.queues) queues.set(q.name, queueDef(q));
  const profiles = config.routingProfiles.map((p, index) => profileDef(p, index, queues));
  const counts = apportion(config.agents, profiles.map((p) => p.share));
  const agents: AgentDef[] = [];
  const usernames = new Set<string>();
  // Interleave profiles so that any prefix of the agent list (a small run) still covers every profile.
  const remaining = [...counts];
  const teamCounters = profiles.map(() => 0);
  while (agents.length < config.agents) {
    for (let p = 0; p < profiles.length; p++) {
      if (remaining[p] === 0) continue;
      remaining[p]--;
      const index = agents.length;
      const profile = profiles[p];
      const inTeam = teamCounters[p]++;
      const team = Math.floor(inTeam / TEAM_SIZE);
      agents.push(agentDef(index, profile, team, usernames));
    }
  }
  const need = (name: string): QueueDef => {
    const q = queues.get(name);
    if (!q) throw new Error(`queue ${name} is missing`);
    return q;
  };
  return { queues, profiles, agents, outboundQueue: need('OutboundSales'), callbackQueue: need('Callbacks'), generalQueue: need('General') };
}

function queueDef(q: QueueConfig): QueueDef {
  const arn = instanceArn('queue', q.id ?? nameUuid(`queue:${q.name}`));
  return { name: q.name, channel: q.channel, arn, snapshot: { ARN: arn, Channels: [q.channel], Name: q.name }, menuDigit: q.menuDigit, transferTarget: q.transferTarget };
}

function profileDef(p: RoutingProfileConfig, index: number, queues: Map<string, QueueDef>): ProfileDef {
  return {
    name: p.name,
    arn: instanceArn('routing-profile', p.id ?? nameUuid(`routing-profile:${p.name}`)),
    queues: p.queues.map((name) => queues.get(name) as QueueDef),
    share: p.share,
    voiceSlots: p.concurrency.VOICE ?? 0,
    chatSlots: p.concurrency.CHAT ?? 0,
    team: p.team,
    index,
  };
}

/** Largest-remainder split of n agents by share, so counts are exact and stable. */
function apportion(n: number, shares: number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (n * s) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k].i]++;
  return counts;
}

function agentDef(index: number, profile: ProfileDef, team: number, usernames: Set<string>): AgentDef {
  const firstName = FIRST_NAMES[index % FIRST_NAMES.length];
  const lastName = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length];
  const base = `${firstName[0]}${lastName}`.toLowerCase();
  let username = base;
  for (let n = 2; usernames.has(username); n++) username = `${base}${n}`;
  usernames.add(username);
  const id = nameUuid(`agent:${index}`);
  const site = HIERARCHY_SITES[team % HIERARCHY_SITES.length];
  const teamName = `${profile.team} ${teamSuffix(team)}`;
  const channels = [...(profile.chatSlots > 0 ? ['CHAT'] : []), ...(profile.voiceSlots > 0 ? ['VOICE'] : [])];
  return {
    index,
    id,
    arn: instanceArn('agent', id),
    username,
    firstName,
    lastName,
    profile,
    hierarchy: {
      Level1: HIERARCHY_REGION,
      Level2: site,
      Level3: { ARN: instanceArn('agent-group', nameUuid(`team:${profile.name}:${teamName}`)), Name: teamName },
      Level4: null,
      Level5: null,
    },
    ownQueue: { ARN: instanceArn('queue', `agent/${id}`), Channels: channels, Name: null },
  };
}

/** The snapshot Configuration for one agent with the given free slots; callers cache it (it is immutable). */
export function agentConfiguration(agent: AgentDef, outbound: QueueDef, freeVoice: number, freeChat: number): AgentConfiguration {
  const concurrency: AgentConfiguration['RoutingProfile']['Concurrency'] = [];
  if (agent.profile.chatSlots > 0) concurrency.push({ AvailableSlots: freeChat, Channel: 'CHAT', MaximumSlots: agent.profile.chatSlots });
  if (agent.profile.voiceSlots > 0) concurrency.push({ AvailableSlots: freeVoice, Channel: 'VOICE', MaximumSlots: agent.profile.voiceSlots });
  return {
    AgentHierarchyGroups: agent.hierarchy,
    FirstName: agent.firstName,
    LastName: agent.lastName,
    RoutingProfile: {
      ARN: agent.profile.arn,
      Concurrency: concurrency,
      DefaultOutboundQueue: outbound.snapshot,
      InboundQueues: [agent.ownQueue, ...agent.profile.queues.map((q) => q.snapshot)],
      Name: agent.profile.name,
    },
    Username: agent.username,
  };
}
