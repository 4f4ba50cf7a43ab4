export type SimChannel = 'VOICE' | 'CHAT';

export interface QueueConfig {
  name: string;
  channel: SimChannel;
  /** Fixed queue id (the UUID at the end of the ARN); derived from the name when absent. */
  id?: string;
  /** The IVR menu key that routes here; queues without one are reached only by transfer, callback or chat. */
  menuDigit?: string;
  /** Where an agent on this queue transfers a contact that needs someone else. */
  transferTarget?: string;
}

export interface RoutingProfileConfig {
  name: string;
  /** Queue names, in routing priority order. */
  queues: string[];
  /** Fraction of the agents that get this profile (normalised over all profiles). */
  share: number;
  /** Concurrent contacts per channel; a channel missing here is not handled. */
  concurrency: Partial<Record<SimChannel, number>>;
  /** Level3 of the agent hierarchy: teams of about 15 agents are named after this ("Team Billing A", "B", ...). */
  team: string;
  id?: string;
}

export interface SimulationRates {
  /** Callers who finish in the IVR self-service branch (no agent). */
  ivrSelfService: number;
  /** Per menu prompt: the caller presses nothing. */
  ivrTimeout: number;
  /** Per menu prompt: the caller presses a key that is not an option. */
  ivrNoMatch: number;
  /** The CRM lookup Lambda fails. */
  lambdaError: number;
  /** Callers with little patience; they abandon if the wait exceeds it (the realised rate follows the waits). */
  abandon: number;
  /** Answered contacts the agent transfers to another queue (a second, linked CTR). */
  transfer: number;
  /** Callers who accept a queued callback when the queue already has callers waiting. */
  callback: number;
  /** Probability that an agent who goes idle with nothing queued dials an outbound call. */
  outbound: number;
  /** Share of arriving contacts that are chats. */
  chat: number;
  /** Answered voice contacts with at least one hold. */
  hold: number;
  /** Offers the agent misses (the contact goes back to the queue). */
  missed: number;
}

export interface SimulationConfig {
  seed: number;
  agents: number;
  hours: number;
  /** ISO timestamp of the first simulated instant (UTC). */
  start: string;
  queues: QueueConfig[];
  routingProfiles: RoutingProfileConfig[];
  rates: SimulationRates;
  /** Relative arrival intensity for each hour after start (cycled); the mean is normalised to 1. */
  hourlyProfile: number[];
  /** Inbound occupancy the arrival rates are sized for; outbound dialling tops it up. */
  targetOccupancy: number;
  recordings: boolean;
  transcripts: boolean;
  /** Share of transcripts in which the customer speaks PII (card, phone, email, SSN, address). */
  piiRate: number;
}

export type SimulationConfigInput = Partial<Omit<SimulationConfig, 'rates'>> & { rates?: Partial<SimulationRates> };

export const DEFAULT_START = '2024-03-12T13:00:00.000Z';

export const DEFAULT_QUEUES: QueueConfig[] = [
  { name: 'Billing', channel: 'VOICE', id: '3c8e1f52-7a4d-4b1e-8f0a-1d2c3b4a5e61', menuDigit: '1', transferTarget: 'BillingEscalations' },
  { name: 'BillingEscalations', channel: 'VOICE', id: '9a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c52', transferTarget: 'General' },
  { name: 'Orders', channel: 'VOICE', menuDigit: '2', transferTarget: 'Billing' },
  { name: 'TechSupport', channel: 'VOICE', menuDigit: '3', transferTarget: 'General' },
  { name: 'General', channel: 'VOICE', menuDigit: '0', transferTarget: 'Billing' },
  { name: 'Callbacks', channel: 'VOICE', id: '6e5d4c3b-2a19-4f08-b7e6-d5c4b3a29184' },
  { name: 'OutboundSales', channel: 'VOICE', id: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f43' },
  { name: 'ChatSupport', channel: 'CHAT', id: 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d75' },
];

export const DEFAULT_ROUTING_PROFILES: RoutingProfileConfig[] = [
  {
    name: 'Billing Voice',
    queues: ['Billing', 'Callbacks'],
    share: 0.28,
    concurrency: { VOICE: 1 },
    team: 'Team Billing',
    id: '2f3e4d5c-6b7a-4890-a1b2-c3d4e5f6a7b8',
  },
  {
    name: 'Billing Tier 2',
    queues: ['BillingEscalations', 'Billing'],
    share: 0.1,
    concurrency: { VOICE: 1 },
    team: 'Team Escalations',
    id: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
  },
  { name: 'Orders Voice', queues: ['Orders', 'General'], share: 0.22, concurrency: { VOICE: 1 }, team: 'Team Orders' },
  { name: 'Tech Support', queues: ['TechSupport', 'General'], share: 0.18, concurrency: { VOICE: 1 }, team: 'Team Tech' },
  {
    name: 'Omnichannel Support',
    queues: ['ChatSupport', 'Callbacks', 'General'],
    share: 0.22,
    concurrency: { VOICE: 1, CHAT: 2 },
    team: 'Team Omnichannel',
    id: '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a',
  },
];

export const DEFAULT_RATES: SimulationRates = {
  ivrSelfService: 0.12,
  ivrTimeout: 0.08,
  ivrNoMatch: 0.05,
  lambdaError: 0.02,
  abandon: 0.08,
  transfer: 0.06,
  callback: 0.3,
  outbound: 0.08,
  chat: 0.15,
  hold: 0.25,
  missed: 0.02,
};

/** A working day: a morning ramp, a late-morning peak, a lunch dip and an afternoon bump. */
export const DEFAULT_HOURLY_PROFILE = [0.8, 1.05, 1.15, 1.0, 0.9, 1.05, 1.1, 0.95];

export class SimulationConfigError extends Error {
  readonly code = 'SIMULATION_CONFIG_INVALID';
}

/** Fills the defaults and rejects values the engine cannot run with. */
export function resolveConfig(input: SimulationConfigInput = {}): SimulationConfig {
  const config: SimulationConfig = {
    seed: input.seed ?? 1,
    agents: input.agents ?? 50,
    hours: input.hours ?? 8,
    start: input.start ?? DEFAULT_START,
    queues: input.queues ?? DEFAULT_QUEUES,
    routingProfiles: input.routingProfiles ?? DEFAULT_ROUTING_PROFILES,
    rates: { ...DEFAULT_RATES, ...(input.rates ?? {}) },
    hourlyProfile: input.hourlyProfile ?? DEFAULT_HOURLY_PROFILE,
    targetOccupancy: input.targetOccupancy ?? 0.8,
    recordings: input.recordings ?? true,
    transcripts: input.transcripts ?? true,
    piiRate: input.piiRate ?? 0.15,
  };
  const problems: string[] = [];
  if (!Number.isInteger(config.seed)) problems.push('seed must be an integer');
  if (!Number.isInteger(config.agents) || config.agents < 1 || config.agents > 100_000) problems.push('agents must be an integer in 1..100000');
  if (!(config.hours > 0 && config.hours <= 24 * 7)) problems.push('hours must be in (0, 168]');
  if (Number.isNaN(Date.parse(config.start))) problems.push(`start is not an ISO timestamp: ${config.start}`);
  for (const [name, value] of Object.entries(config.rates)) {
    if (!(typeof value === 'number' && value >= 0 && value <= 1)) problems.push(`rates.${name} must be in [0, 1]`);
  }
  if (config.rates.ivrTimeout + config.rates.ivrNoMatch >= 1) problems.push('rates.ivrTimeout + rates.ivrNoMatch must be < 1');
  if (!(config.targetOccupancy > 0 && config.targetOccupancy <= 1)) problems.push('targetOccupancy must be in (0, 1]');
  if (!(config.piiRate >= 0 && config.piiRate <= 1)) problems.push('piiRate must be in [0, 1]');
  if (config.hourlyProfile.length === 0 || config.hourlyProfile.some((v) => !(v >= 0))) problems.push('hourlyProfile needs non-negative values');
  const queueNames = new Set(config.queues.map((q) => q.name));
  for (const required of ['Callbacks', 'OutboundSales', 'General']) {
    if (!queueNames.has(required)) problems.push(`queues must include ${required}`);
  }
  for (const q of config.queues) {
    if (q.transferTarget !== undefined && !queueNames.has(q.transferTarget)) problems.push(`queue ${q.name} transfers to unknown queue ${q.transferTarget}`);
  }
  if (!config.queues.some((q) => q.menuDigit !== undefined && q.channel === 'VOICE')) problems.push('at least one voice queue needs a menuDigit');
  if (config.routingProfiles.length === 0) problems.push('at least one routing profile is needed');
  for (const profile of config.routingProfiles) {
    for (const q of profile.queues) if (!queueNames.has(q)) problems.push(`routing profile ${profile.name} names unknown queue ${q}`);
    if (!(profile.share > 0)) problems.push(`routing profile ${profile.name} needs a positive share`);
  }
  if (problems.length > 0) throw new SimulationConfigError(`invalid simulation config: ${problems.join('; ')}`);
  return config;
}
