/**
 * bench:ivr-journey — journeys assembled per second from simulated contacts with their flow logs, and
 * memory, next to the raw parse rate of the same logs in the same run.
 *   npm run bench:ivr-journey [-- --contacts 100000 --chunk 5000 --seed 7]
 * The contacts and their flow logs come from the simulator (libs/simulator: a contact center's day at max
 * speed, agent events dropped) and are streamed: each chunk of completed contacts is turned into what a
 * CloudWatch Logs subscription writes to the flow-log stream (one gzip DATA_MESSAGE per contact, one in
 * twenty delivered twice), then measured twice on the same records: "raw parse" decodes and validates them
 * only; "parse + assemble" also groups per contact, masks, dedupes, orders, detects failures and builds each
 * journey (the ivr-journey app's pure work, without DynamoDB). Then the chunk is dropped, so the memory
 * figures are those of the generator plus one chunk and its assembly, not of 100,000 contacts held at once.
 */
import { createHmac } from 'node:crypto';
import * as os from 'node:os';
import { gzipSync } from 'node:zlib';
import { decodeFlowLogRecord, flowLogSubscriptionDocument, type FlowLogEntry } from '@buddie/connect';
import { assembleJourney, journeyContactFromCtr, maskFlowLogEntry, type JourneyOutcome } from '@buddie/domain';
import { runSimulation, type ContactTraceRecord, type SimulatorSink } from '@buddie/simulator';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const CONTACTS = arg('contacts', 100_000);
const CHUNK = arg('chunk', 5_000);
const SEED = arg('seed', 7);
const HOURS = 8;
// About ten contacts per agent-hour at the simulator's default occupancy: enough agents for the count in a day.
const AGENTS = Math.max(20, Math.ceil((CONTACTS * 1.3) / (HOURS * 10)));
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

interface Contact {
  ctr: ContactTraceRecord;
  entries: FlowLogEntry[];
}

const totals = { contacts: 0, withLog: 0, records: 0, gzBytes: 0, entries: 0, parsed: 0, parseS: 0, parseCpuS: 0, assembled: 0, assembleS: 0, assembleCpuS: 0, failed: 0, chunks: 0 };
/** CPU seconds this process spent since `from` (on a shared machine wall time also counts waiting for a core). */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};
const outcomes = new Map<JourneyOutcome, number>();
let peakRss = 0;
let peakAssemblyHeap = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

/** One chunk: encode (not timed), raw parse (timed), parse + assemble (timed), then let it go. */
function measure(chunk: Contact[]): void {
  const records: Buffer[] = [];
  const ctrs = new Map<string, ContactTraceRecord>();
  for (const [i, contact] of chunk.entries()) {
    ctrs.set(contact.ctr.ContactId, contact.ctr);
    if (!contact.entries.length) continue;
    totals.withLog++;
    totals.entries += contact.entries.length;
    const record = gzipSync(JSON.stringify(flowLogSubscriptionDocument(contact.entries, { logStream: contact.ctr.ContactId })));
    records.push(record);
    // At least once: one contact in twenty is delivered twice.
    if (i % 20 === 0) records.push(record);
  }
  totals.records += records.length;
  totals.gzBytes += records.reduce((n, r) => n + r.length, 0);

  const p0 = process.hrtime.bigint();
  const pc = process.cpuUsage();
  for (const record of records) {
    const decoded = decodeFlowLogRecord(record);
    if (decoded.kind === 'data') totals.parsed += decoded.entries.length;
  }
  totals.parseS += seconds(p0);
  totals.parseCpuS += cpuSince(pc);

  const heap0 = process.memoryUsage().heapUsed;
  const a0 = process.hrtime.bigint();
  const ac = process.cpuUsage();
  const byContact = new Map<string, FlowLogEntry[]>();
  for (const record of records) {
    const decoded = decodeFlowLogRecord(record);
    if (decoded.kind !== 'data') continue;
    for (const entry of decoded.entries) {
      // As stored in journey-inputs: masked on arrival.
      const masked = maskFlowLogEntry(entry);
      const list = byContact.get(entry.ContactId);
      if (list) list.push(masked);
      else byContact.set(entry.ContactId, [masked]);
    }
  }
  for (const [contactId, ctr] of ctrs) {
    const address = ctr.CustomerEndpoint?.Address;
    const callerKey = address ? createHmac('sha256', 'bench').update(address).digest('base64url').slice(0, 32) : null;
    const journey = assembleJourney({ contactId, entries: byContact.get(contactId) ?? [], contact: journeyContactFromCtr(ctr, callerKey) });
    outcomes.set(journey.outcome, (outcomes.get(journey.outcome) ?? 0) + 1);
    if (journey.failed) totals.failed++;
    totals.assembled++;
  }
  totals.assembleS += seconds(a0);
  totals.assembleCpuS += cpuSince(ac);
  peakAssemblyHeap = Math.max(peakAssemblyHeap, process.memoryUsage().heapUsed - heap0);
  sampleRss();
  totals.chunks++;
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  const pending = new Map<string, FlowLogEntry[]>();
  let chunk: Contact[] = [];
  const stop = new AbortController();
  const t0 = process.hrtime.bigint();
  const sink: SimulatorSink = {
    agentEvent: () => undefined,
    transcript: () => undefined,
    flowLog: (entry) => {
      const list = pending.get(entry.ContactId);
      if (list) list.push(entry as FlowLogEntry);
      else pending.set(entry.ContactId, [entry as FlowLogEntry]);
    },
    // A contact's CTR comes when it ends, after the flow-log entries it wrote: the contact is complete.
    ctr: (ctr) => {
      if (totals.contacts >= CONTACTS) return;
      const entries = pending.get(ctr.ContactId) ?? [];
      pending.delete(ctr.ContactId);
      chunk.push({ ctr, entries });
      totals.contacts++;
      if (chunk.length >= CHUNK || totals.contacts >= CONTACTS) {
        measure(chunk);
        chunk = [];
      }
      if (totals.contacts >= CONTACTS) stop.abort();
    },
  };
  const sim = await runSimulation({ seed: SEED, agents: AGENTS, hours: HOURS, recordings: false, transcripts: false }, sink, { speed: 'max', signal: stop.signal });
  if (chunk.length) measure(chunk);
  sampleRss();
  const totalS = seconds(t0);

  console.log(
    `simulated ${fmt(totals.contacts)} contacts (${AGENTS} agents, seed ${SEED}, ${((sim.lastVirtualMs - Date.parse(sim.config.start)) / 3_600_000).toFixed(1)} simulated hours), ${fmt(totals.withLog)} with a flow log: ${fmt(totals.entries)} entries in ${fmt(totals.records)} subscription records (${mb(totals.gzBytes)} gzipped), in chunks of ${fmt(CHUNK)} contacts; ${totalS.toFixed(1)} s in all`,
  );
  const rows = [
    ['raw parse (baseline)', `${fmt(totals.parsed / totals.parseS)} entries/s`, `${fmt(totals.records / totals.parseS)} records/s`, `${totals.parseS.toFixed(2)} s`, `${fmt(totals.parsed / totals.parseCpuS)} entries/s`, `${totals.parseCpuS.toFixed(2)} s`],
    ['parse + assemble', `${fmt(totals.assembled / totals.assembleS)} journeys/s`, `${fmt(totals.parsed / totals.assembleS)} entries/s`, `${totals.assembleS.toFixed(2)} s`, `${fmt(totals.assembled / totals.assembleCpuS)} journeys/s`, `${totals.assembleCpuS.toFixed(2)} s`],
  ];
  console.log('\n| stage | rate (wall) | rate (wall) | wall time | rate per CPU second | CPU time |\n|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\njourneys: ${fmt(totals.assembled)} (${fmt(totals.failed)} with a failure); outcomes ${[...outcomes].map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
  console.log(`memory: peak RSS ${mb(peakRss)} (simulator + one chunk), heap growth while assembling one chunk at most ${mb(peakAssemblyHeap)}`);
  console.log(`machine load average (1/5/15 min) at start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}; ${os.cpus().length} cores`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
