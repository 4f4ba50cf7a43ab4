/**
 * bench:ivr-journey — journeys assembled per second from simulated contacts with their flow logs, and
 * memory, next to the raw parse rate of the same logs in the same run.
 *   npm run bench:ivr-journey [-- --contacts 100000]
 * The records are what a CloudWatch Logs subscription writes to the flow-log stream (gzip DATA_MESSAGE per
 * contact); "raw parse" decodes and validates them only, "assembly" also dedupes, orders, masks, detects
 * failures and builds each journey (the ivr-journey app's pure work, without DynamoDB).
 */
import { gzipSync } from 'node:zlib';
import { decodeFlowLogRecord, flowLogSubscriptionDocument, type FlowLogEntry } from '@buddie/connect';
import { assembleJourney, journeyContactFromCtr, type JourneyOutcome } from '@buddie/domain';
import { DEFAULT_RATES, Prng } from '@buddie/simulator';
import { runMainIvr, type MenuOption } from '../libs/simulator/src/ivr-flow';
import type { QueueDef } from '../libs/simulator/src/topology';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONTACTS = arg('contacts', 100_000);
const queue = (name: string, digit: string): QueueDef => ({ name, channel: 'VOICE', arn: `arn:aws:connect:us-east-1:111122223333:instance/x/queue/${name}`, snapshot: {} as QueueDef['snapshot'], menuDigit: digit, transferTarget: undefined }) as QueueDef;
const MENU: MenuOption[] = [
  { digit: '1', queue: queue('Billing', '1'), weight: 5 },
  { digit: '2', queue: queue('Orders', '2'), weight: 3 },
  { digit: '0', queue: queue('General', '0'), weight: 2 },
];
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

function main(): void {
  const rng = new Prng(7);
  const start = Date.parse('2024-03-12T08:00:00Z');
  const records: Buffer[] = [];
  const contacts = new Map<string, { ctr: Parameters<typeof journeyContactFromCtr>[0]; caller: string }>();
  let entryCount = 0;
  const t0 = Date.now();
  for (let i = 0; i < CONTACTS; i++) {
    const contactId = `c${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const at = start + i * 250;
    const run = runMainIvr({ contactId, startMs: at, rng, rates: DEFAULT_RATES, menu: MENU, generalQueue: MENU[2].queue, recordings: false, queueBusy: () => rng.chance(0.3) });
    const end = new Date(run.outcome.at).toISOString();
    const queued = run.outcome.kind === 'queue';
    contacts.set(contactId, {
      caller: `+1415555${String(i % 5000).padStart(4, '0')}`,
      ctr: {
        ContactId: contactId, Channel: 'VOICE', InitiationMethod: 'INBOUND', InitiationTimestamp: new Date(at).toISOString(),
        DisconnectTimestamp: queued ? new Date(run.outcome.at + 60_000).toISOString() : end,
        DisconnectReason: run.outcome.kind === 'flowError' || (run.outcome.kind === 'selfService' && run.outcome.disconnectReason === 'CONTACT_FLOW_DISCONNECT') || run.outcome.kind === 'callback' ? 'CONTACT_FLOW_DISCONNECT' : 'CUSTOMER_DISCONNECT',
        Attributes: run.attributes,
        Queue: queued ? { Name: run.outcome.kind === 'queue' ? run.outcome.queue.name : null, EnqueueTimestamp: end, DequeueTimestamp: new Date(run.outcome.at + 30_000).toISOString() } : null,
        Agent: queued && rng.chance(0.9) ? { ConnectedToAgentTimestamp: new Date(run.outcome.at + 30_000).toISOString() } : null,
      },
    });
    entryCount += run.entries.length;
    // At least once: one contact in twenty is delivered twice.
    const record = gzipSync(JSON.stringify(flowLogSubscriptionDocument(run.entries as FlowLogEntry[], { logStream: contactId })));
    records.push(record);
    if (i % 20 === 0) records.push(record);
  }
  const bytes = records.reduce((n, r) => n + r.length, 0);
  console.log(`generated ${CONTACTS.toLocaleString()} contacts, ${entryCount.toLocaleString()} flow-log entries in ${records.length.toLocaleString()} subscription records (${mb(bytes)} gzipped) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Baseline: the raw parse of the same records (gunzip, JSON, validate every entry).
  global.gc?.();
  let parsed = 0;
  const p0 = process.hrtime.bigint();
  for (const record of records) {
    const decoded = decodeFlowLogRecord(record);
    if (decoded.kind === 'data') parsed += decoded.entries.length;
  }
  const parseS = Number(process.hrtime.bigint() - p0) / 1e9;

  // Assembly: parse, group per contact, then dedupe/order/mask/detect/build each journey.
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  const outcomes = new Map<JourneyOutcome, number>();
  let failed = 0;
  const a0 = process.hrtime.bigint();
  const byContact = new Map<string, FlowLogEntry[]>();
  for (const record of records) {
    const decoded = decodeFlowLogRecord(record);
    if (decoded.kind !== 'data') continue;
    for (const entry of decoded.entries) {
      const list = byContact.get(entry.ContactId);
      if (list) list.push(entry);
      else byContact.set(entry.ContactId, [entry]);
    }
  }
  let assembled = 0;
  for (const [contactId, entries] of byContact) {
    const contact = contacts.get(contactId)!;
    const journey = assembleJourney({ contactId, entries, contact: journeyContactFromCtr(contact.ctr, contact.caller) });
    outcomes.set(journey.outcome, (outcomes.get(journey.outcome) ?? 0) + 1);
    if (journey.failed) failed++;
    assembled++;
    if ((assembled & 4095) === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const assembleS = Number(process.hrtime.bigint() - a0) / 1e9;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);

  const rows = [
    ['raw parse (baseline)', `${Math.round(parsed / parseS).toLocaleString()} entries/s`, `${Math.round(records.length / parseS).toLocaleString()} records/s`, `${parseS.toFixed(2)} s`],
    ['parse + assemble', `${Math.round(assembled / assembleS).toLocaleString()} journeys/s`, `${Math.round(parsed / assembleS).toLocaleString()} entries/s`, `${assembleS.toFixed(2)} s`],
  ];
  console.log('\n| stage | rate | rate | time |\n|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\njourneys: ${assembled.toLocaleString()} (${failed.toLocaleString()} with a failure); outcomes ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`memory: heap +${mb(process.memoryUsage().heapUsed - heap0)} during assembly, peak RSS ${mb(peakRss)}`);
}

main();
