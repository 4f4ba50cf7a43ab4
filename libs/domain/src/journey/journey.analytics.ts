import type { FailureKind, Journey, JourneyStep } from './journey.model';

/** The parts of a stored journey analytics reads (a Journey satisfies it). */
export type AnalyticsJourney = Pick<Journey, 'contactId' | 'entryFlowName' | 'startedAt' | 'ivrMs' | 'outcome' | 'failures' | 'callerKey'> & {
  steps: Pick<JourneyStep, 'index' | 'flowName' | 'identifier' | 'label' | 'moduleType' | 'kind' | 'status' | 'durationMs'>[];
};

export type AnalyticsBucket = 'hour' | 'day';

export interface WaterfallStep {
  /** flow name + block id (or label): one row per block. */
  key: string;
  flowName: string | null;
  label: string;
  moduleType: string;
  /** Journeys that reached the block (a block visited twice counts once). */
  reached: number;
  /** ...whose next step was another block, with no time-out, no-match or error here. */
  advanced: number;
  transferred: number;
  /** ...that ended at this block (hung up, or the flow disconnected). */
  disconnected: number;
  timedOut: number;
  noMatch: number;
  errors: number;
  avgMs: number | null;
  p50Ms: number | null;
}

export interface JourneyStats {
  contacts: number;
  contained: number;
  /** Contained, and the caller did not call again within the repeat window. */
  trulyContained: number;
  routedToAgent: number;
  abandonedInIvr: number;
  abandonedInQueue: number;
  failed: number;
  containmentRate: number;
  trueContainmentRate: number;
  ivrAbandonmentRate: number;
  avgIvrMs: number | null;
  topFailureSteps: { flowName: string | null; label: string; kind: FailureKind; count: number }[];
}

export interface JourneyAnalytics {
  bucket: AnalyticsBucket;
  totals: JourneyStats;
  byFlow: { flowName: string; totals: JourneyStats; buckets: ({ start: string } & JourneyStats)[]; waterfall: WaterfallStep[] }[];
}

const rate = (n: number, d: number): number => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000);

function bucketStart(iso: string | null, bucket: AnalyticsBucket): string {
  if (!iso) return 'unknown';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'unknown';
  d.setUTCMinutes(0, 0, 0);
  if (bucket === 'day') d.setUTCHours(0);
  return d.toISOString();
}

/** Contacts followed by another call from the same caller within the window: their containment was not real. */
function repeatedContacts(journeys: readonly AnalyticsJourney[], withinMs: number): Set<string> {
  const byCaller = new Map<string, { id: string; at: number }[]>();
  for (const j of journeys) {
    if (!j.callerKey || !j.startedAt) continue;
    const list = byCaller.get(j.callerKey) ?? [];
    list.push({ id: j.contactId, at: Date.parse(j.startedAt) });
    byCaller.set(j.callerKey, list);
  }
  const repeated = new Set<string>();
  for (const list of byCaller.values()) {
    list.sort((a, b) => a.at - b.at);
    for (let i = 0; i + 1 < list.length; i++) if (list[i + 1].at - list[i].at <= withinMs) repeated.add(list[i].id);
  }
  return repeated;
}

function stats(journeys: readonly AnalyticsJourney[], repeated: Set<string>): JourneyStats {
  const count = (outcome: Journey['outcome']) => journeys.filter((j) => j.outcome === outcome).length;
  const contained = journeys.filter((j) => j.outcome === 'contained');
  const ivr = journeys.map((j) => j.ivrMs).filter((v): v is number => typeof v === 'number');
  const failureSteps = new Map<string, { flowName: string | null; label: string; kind: FailureKind; count: number }>();
  for (const j of journeys) {
    for (const f of j.failures) {
      const label = f.stepLabel ?? '(no step)';
      const key = `${f.flowName ?? ''}|${label}|${f.kind}`;
      const entry = failureSteps.get(key) ?? { flowName: f.flowName, label, kind: f.kind, count: 0 };
      entry.count++;
      failureSteps.set(key, entry);
    }
  }
  const trulyContained = contained.filter((j) => !repeated.has(j.contactId)).length;
  const abandonedInIvr = count('abandoned-in-ivr');
  return {
    contacts: journeys.length,
    contained: contained.length,
    trulyContained,
    routedToAgent: count('routed-to-agent'),
    abandonedInIvr,
    abandonedInQueue: count('abandoned-in-queue'),
    failed: count('failed'),
    containmentRate: rate(contained.length, journeys.length),
    trueContainmentRate: rate(trulyContained, journeys.length),
    ivrAbandonmentRate: rate(abandonedInIvr, journeys.length),
    avgIvrMs: ivr.length ? Math.round(ivr.reduce((s, v) => s + v, 0) / ivr.length) : null,
    topFailureSteps: [...failureSteps.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, 10),
  };
}

/** Per block, in the order blocks are first reached: how many journeys got there and what happened next. */
export function journeyWaterfall(journeys: readonly AnalyticsJourney[]): WaterfallStep[] {
  const rows = new Map<string, WaterfallStep & { durations: number[]; order: number }>();
  let order = 0;
  for (const j of journeys) {
    const seen = new Set<string>();
    const advanced = new Set<string>();
    j.steps.forEach((step, i) => {
      const key = `${step.flowName ?? ''}#${step.identifier ?? step.label}`;
      let row = rows.get(key);
      if (!row) {
        row = { key, flowName: step.flowName, label: step.label, moduleType: step.moduleType, reached: 0, advanced: 0, transferred: 0, disconnected: 0, timedOut: 0, noMatch: 0, errors: 0, avgMs: null, p50Ms: null, durations: [], order: order++ };
        rows.set(key, row);
      }
      if (step.status === 'timeout') row.timedOut++;
      if (step.status === 'no-match') row.noMatch++;
      if (step.status === 'error') row.errors++;
      if (typeof step.durationMs === 'number') row.durations.push(step.durationMs);
      const isLast = i === j.steps.length - 1;
      if (isLast) {
        if (step.kind === 'queue' || step.kind === 'transfer') row.transferred++;
        else row.disconnected++;
      } else if (step.status === 'ok' && !advanced.has(key)) {
        // A retried menu counts as advanced once, when the caller finally got through.
        advanced.add(key);
        row.advanced++;
      }
      if (!seen.has(key)) {
        seen.add(key);
        row.reached++;
      }
    });
  }
  return [...rows.values()]
    .sort((a, b) => a.order - b.order)
    .map(({ durations, order: _order, ...row }) => {
      if (durations.length) {
        const sorted = [...durations].sort((a, b) => a - b);
        row.avgMs = Math.round(sorted.reduce((s, v) => s + v, 0) / sorted.length);
        row.p50Ms = sorted[Math.floor((sorted.length - 1) / 2)];
      }
      return row;
    });
}

/**
 * Containment (and true containment: no repeat call within `repeatWithinHours`), IVR abandonment, top
 * failure steps and the per-block waterfall, overall and per entry flow and hour or day.
 */
export function journeyAnalytics(journeys: readonly AnalyticsJourney[], options: { bucket?: AnalyticsBucket; repeatWithinHours?: number } = {}): JourneyAnalytics {
  const bucket = options.bucket ?? 'hour';
  const repeated = repeatedContacts(journeys, (options.repeatWithinHours ?? 24) * 3_600_000);
  const flows = new Map<string, AnalyticsJourney[]>();
  for (const j of journeys) {
    const name = j.entryFlowName ?? '(no flow log)';
    const list = flows.get(name) ?? [];
    list.push(j);
    flows.set(name, list);
  }
  return {
    bucket,
    totals: stats(journeys, repeated),
    byFlow: [...flows.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([flowName, list]) => {
        const buckets = new Map<string, AnalyticsJourney[]>();
        for (const j of list) {
          const start = bucketStart(j.startedAt, bucket);
          const b = buckets.get(start) ?? [];
          b.push(j);
          buckets.set(start, b);
        }
        return {
          flowName,
          totals: stats(list, repeated),
          buckets: [...buckets.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([start, b]) => ({ start, ...stats(b, repeated) })),
          waterfall: journeyWaterfall(list),
        };
      }),
  };
}
