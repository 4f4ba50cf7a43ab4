import type { OpenString } from './validation/decoder';

/**
 * Closed sets are the ones the docs present as complete; an unknown value there is more likely a broken
 * producer than a new AWS feature, so it is rejected. Everything else is an open set (see OpenString).
 */

/** The agent event stream publishes `TASKS`; the CTR and contact events say `TASK`. Both are accepted. */
export const CHANNELS = ['VOICE', 'CHAT', 'TASK', 'TASKS'] as const;
export type Channel = (typeof CHANNELS)[number];

export const INITIATION_METHODS = [
  'INBOUND',
  'OUTBOUND',
  'TRANSFER',
  'QUEUE_TRANSFER',
  'CALLBACK',
  'API',
  'MONITOR',
  'DISCONNECT',
] as const;
export type InitiationMethod = (typeof INITIATION_METHODS)[number];

export const DISCONNECT_REASONS = [
  'CUSTOMER_DISCONNECT',
  'AGENT_DISCONNECT',
  'THIRD_PARTY_DISCONNECT',
  'TELECOM_PROBLEM',
  'BARGED',
  'CONTACT_FLOW_DISCONNECT',
  'OTHER',
  'EXPIRED',
  'API',
] as const;
export type DisconnectReason = OpenString<(typeof DISCONNECT_REASONS)[number]>;

/** Collapses the agent stream's `TASKS` so downstream code compares one spelling. */
export function normalizeChannel(channel: Channel): 'VOICE' | 'CHAT' | 'TASK' {
  return channel === 'TASKS' ? 'TASK' : channel;
}
