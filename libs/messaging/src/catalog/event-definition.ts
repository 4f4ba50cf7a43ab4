import { z } from 'zod';

/** The apps that publish Buddie events: an event's EventBridge source is `buddie.<app>`. */
export type BuddieApp =
  | 'ingestion'
  | 'summarizer'
  | 'agent-monitor'
  | 'ivr-journey'
  | 'escalation'
  | 'salesforce-sync'
  | 'gateway';

/** An ISO-8601 timestamp as the producers write them (Connect's, or `Date#toISOString`). */
export const isoTimestamp = z.string().refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
  message: 'must be an ISO-8601 timestamp',
});

export const nonEmpty = z.string().min(1);

/** Every detail's common fields: the publisher stamps them, so producers never write them by hand. */
const COMMON = {
  correlationId: nonEmpty,
  occurredAt: isoTimestamp,
};

export type StampedField = 'schemaVersion' | keyof typeof COMMON;

/**
 * Who publishes an event: one app, or several when more than one owns a change of the same aggregate
 * (EscalationUpdated: the escalation app raises severity, the gateway records a supervisor's action).
 */
export type EventProducers = BuddieApp | readonly [BuddieApp, ...BuddieApp[]];

export interface EventDefinition<Type extends string = string, Shape extends z.ZodRawShape = z.ZodRawShape, Version extends number = number> {
  type: Type;
  /** The apps allowed to publish it, the event's main producer first; each publishes with its own source `buddie.<app>`. */
  producers: readonly [BuddieApp, ...BuddieApp[]];
  /** Bumped on a breaking change (a field removed, renamed or retyped); adding an optional field keeps it. */
  version: Version;
  summary: string;
  /**
   * The detail as the producer publishes it. Strict: a field the catalog does not name is a producer
   * bug, so publishing it fails instead of leaking an untyped field to consumers.
   */
  schema: z.ZodObject<Shape & typeof COMMON & { schemaVersion: z.ZodLiteral<Version> }, 'strict'>;
  /**
   * The same fields for consumers: unknown keys are dropped, so a consumer only ever sees what the
   * catalog names even at run time, and a producer that adds an optional field does not break it.
   */
  consumerSchema: z.ZodObject<Shape & typeof COMMON & { schemaVersion: z.ZodLiteral<Version> }, 'strip'>;
  /** The producer's own fields (what the README event table lists). */
  fields: (keyof Shape & string)[];
}

/**
 * One event, defined once: its TypeScript type (`EventDetail<...>`) and its run-time validator come from
 * the same zod shape, so they cannot disagree.
 */
export function defineEvent<const Type extends string, const Version extends number, Shape extends z.ZodRawShape>(spec: {
  type: Type;
  producer: EventProducers;
  version: Version;
  summary: string;
  fields: Shape;
}): EventDefinition<Type, Shape, Version> {
  const shape = { ...spec.fields, ...COMMON, schemaVersion: z.literal(spec.version) };
  return {
    type: spec.type,
    producers: typeof spec.producer === 'string' ? [spec.producer] : spec.producer,
    version: spec.version,
    summary: spec.summary,
    schema: z.object(shape).strict(),
    consumerSchema: z.object(shape).strip(),
    fields: Object.keys(spec.fields) as (keyof Shape & string)[],
  };
}

export type DetailOf<D extends EventDefinition> = z.infer<D['schema']>;
