import type { Command } from 'commander';
import { resolveConfig, runSimulation, simulateToDirectory, type SimulationConfigInput, type SimulationRates, type SimulatorSink } from '@buddie/simulator';

export interface SimulateCommandOptions {
  /** Live delivery (EventBridge / Kinesis / flow-log intake of the running stack); used when --out is not given. */
  liveSink?: () => Promise<SimulatorSink>;
}

interface CliOptions {
  agents: string;
  hours: string;
  speed: string;
  seed: string;
  out?: string;
  start?: string;
  recordings: boolean;
  transcripts: boolean;
  piiRate?: string;
  abandon?: string;
  transfer?: string;
  callback?: string;
  chat?: string;
  outbound?: string;
  selfService?: string;
  lambdaError?: string;
  ivrTimeout?: string;
  ivrNoMatch?: string;
}

function number(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${value}"`);
  return n;
}

export function parseSpeed(value: string): number | 'max' {
  if (value === 'max') return 'max';
  const n = number('speed', value.replace(/x$/i, ''));
  if (!(n > 0)) throw new Error('--speed must be positive or "max"');
  return n;
}

/** CLI flags to a simulation config; rate flags override the defaults one by one. */
export function toSimulationConfig(o: CliOptions): SimulationConfigInput {
  const rates: Partial<SimulationRates> = {};
  const rateFlags: [keyof CliOptions, keyof SimulationRates][] = [
    ['abandon', 'abandon'],
    ['transfer', 'transfer'],
    ['callback', 'callback'],
    ['chat', 'chat'],
    ['outbound', 'outbound'],
    ['selfService', 'ivrSelfService'],
    ['lambdaError', 'lambdaError'],
    ['ivrTimeout', 'ivrTimeout'],
    ['ivrNoMatch', 'ivrNoMatch'],
  ];
  for (const [flag, rate] of rateFlags) {
    const v = o[flag];
    if (typeof v === 'string') rates[rate] = number(String(flag), v);
  }
  return {
    seed: number('seed', o.seed),
    agents: number('agents', o.agents),
    hours: number('hours', o.hours),
    ...(o.start !== undefined ? { start: new Date(o.start).toISOString() } : {}),
    recordings: o.recordings,
    transcripts: o.transcripts,
    ...(o.piiRate !== undefined ? { piiRate: number('pii-rate', o.piiRate) } : {}),
    rates,
  };
}

export function registerSimulate(program: Command, options: SimulateCommandOptions = {}): void {
  program
    .command('simulate')
    .description('simulate a contact center day: CTRs, agent events, flow logs and transcripts, live or into a folder for `buddie replay`')
    .option('--agents <n>', 'number of agents', '50')
    .option('--hours <h>', 'simulated hours', '8')
    .option('--speed <speed>', '1 = real time, N = N times faster, max = as fast as possible', '1')
    .option('--seed <n>', 'random seed; the same seed gives the same day', '1')
    .option('--out <dir>', 'write the day to this folder instead of delivering it live')
    .option('--start <iso>', 'first simulated instant (UTC ISO timestamp)')
    .option('--no-recordings', 'no call recordings in the CTRs')
    .option('--no-transcripts', 'no Contact Lens transcripts')
    .option('--pii-rate <p>', 'share of transcripts where the customer speaks PII')
    .option('--abandon <p>', 'share of impatient callers')
    .option('--transfer <p>', 'share of answered calls transferred')
    .option('--callback <p>', 'share of callers accepting a callback when the queue is busy')
    .option('--chat <p>', 'share of contacts that are chats')
    .option('--outbound <p>', 'chance an idle agent dials out')
    .option('--self-service <p>', 'share of callers served by the IVR alone')
    .option('--lambda-error <p>', 'share of IVR Lambda lookups that fail')
    .option('--ivr-timeout <p>', 'per menu prompt, share of callers pressing nothing')
    .option('--ivr-no-match <p>', 'per menu prompt, share of callers pressing an invalid key')
    .action(async (o: CliOptions) => {
      const config = resolveConfig(toSimulationConfig(o));
      const speed = parseSpeed(o.speed);
      const abort = new AbortController();
      const stop = (): void => abort.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const started = Date.now();
      try {
        let result;
        if (o.out !== undefined) {
          result = await simulateToDirectory(config, o.out, { speed, signal: abort.signal });
        } else if (options.liveSink !== undefined) {
          result = await runSimulation(config, await options.liveSink(), { speed, signal: abort.signal });
        } else {
          throw new Error('live delivery needs the running stack (npm start); use --out <dir> to write files');
        }
        const c = result.counts;
        const s = result.stats;
        console.log(
          `${result.aborted ? 'stopped' : 'done'}: ${c.ctrs} CTRs, ${c.agentEvents} agent events, ${c.flowLogs} flow-log entries, ${c.transcripts} transcripts` +
            (o.out !== undefined ? ` -> ${o.out}` : ''),
        );
        console.log(
          `contacts ${s.contacts} (voice ${s.inboundVoice}, chat ${s.chats}, outbound ${s.outbound}, callbacks ${s.callbacks}, transfers ${s.transfers}); ` +
            `IVR-only ${s.ivrOnly}, abandoned ${s.abandoned} (${(s.abandonRate * 100).toFixed(1)}%), ASA ${s.averageSpeedOfAnswer.toFixed(0)} s, occupancy ${(s.occupancy * 100).toFixed(0)}%`,
        );
        console.log(`elapsed ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
