import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Transcript, TranscriptTurn, TurnRole } from '@buddie/domain';
import { decodeWav, resample, toRawPcm } from './wav';

const BINARY = 'pocketsphinx_continuous';
const MODEL_RATE = 16000;

export interface LocalTranscriber {
  readonly available: boolean;
  /** What to do when it is not available, shown in logs and in the contact's status reason. */
  readonly unavailableReason: string;
  transcribe(wav: Buffer, contactId: string): Promise<Transcript>;
}

interface Utterance {
  beginMs: number;
  endMs: number;
  words: string[];
}

/** Parses `pocketsphinx_continuous -time yes` output: `<s> … </s>` brackets one utterance of `word start end confidence` lines. */
export function parsePocketsphinxTimings(output: string): Utterance[] {
  const utterances: Utterance[] = [];
  let current: Utterance | undefined;
  for (const line of output.split('\n')) {
    const m = /^(\S+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)$/.exec(line.trim());
    if (!m) continue;
    const [, token, start, end] = m;
    const beginMs = Math.round(Number(start) * 1000);
    const endMs = Math.round(Number(end) * 1000);
    if (token === '<s>') current = { beginMs, endMs, words: [] };
    else if (token === '</s>') {
      if (current && current.words.length > 0) utterances.push({ ...current, endMs });
      current = undefined;
    } else if (current && !/^(<sil>|\[.*\]|\+\+.*\+\+)$/.test(token)) {
      current.words.push(token.replace(/\(\d+\)$/, ''));
      current.endMs = endMs;
    }
  }
  return utterances;
}

/**
 * Local speech-to-text with CMU pocketsphinx (Debian: pocketsphinx + pocketsphinx-en-us). Each
 * channel of a stereo recording is one speaker (channel 0 agent, channel 1 customer, as Buddie
 * reads Transcribe channel output); audio is resampled to the 16 kHz the en-us model expects.
 */
export class PocketsphinxTranscriber implements LocalTranscriber {
  readonly available: boolean;
  readonly unavailableReason = `${BINARY} is not installed: install the Debian packages pocketsphinx and pocketsphinx-en-us to transcribe recordings locally`;

  constructor(
    enabled = true,
    private readonly roles: TurnRole[] = ['AGENT', 'CUSTOMER'],
    private readonly timeoutMs = 120000,
  ) {
    this.available = enabled && PocketsphinxTranscriber.installed();
  }

  static installed(): boolean {
    const probe = spawnSync('sh', ['-c', `command -v ${BINARY}`], { encoding: 'utf8' });
    return probe.status === 0 && probe.stdout.trim().length > 0;
  }

  async transcribe(wav: Buffer, contactId: string): Promise<Transcript> {
    if (!this.available) throw new Error(this.unavailableReason);
    const audio = decodeWav(wav);
    const dir = await mkdtemp(path.join(tmpdir(), 'buddie-asr-'));
    try {
      const turns: TranscriptTurn[] = [];
      for (const [c, samples] of audio.channels.slice(0, 2).entries()) {
        const file = path.join(dir, `ch${c}.raw`);
        await writeFile(file, toRawPcm(resample(samples, audio.sampleRate, MODEL_RATE)));
        const role: TurnRole = audio.channels.length === 1 ? 'CUSTOMER' : (this.roles[c] ?? 'CUSTOMER');
        for (const [i, u] of parsePocketsphinxTimings(await this.run(file)).entries()) {
          turns.push({ id: `ch${c}-${i}`, role, beginMs: u.beginMs, endMs: u.endMs, text: u.words.join(' ') });
        }
      }
      turns.sort((a, b) => a.beginMs - b.beginMs || a.id.localeCompare(b.id));
      return { contactId, source: 'pocketsphinx', channel: 'VOICE', language: 'en-US', turns, redacted: false };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private run(file: string): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        BINARY,
        ['-infile', file, '-time', 'yes', '-logfn', '/dev/null'],
        { timeout: this.timeoutMs, maxBuffer: 32 * 1024 * 1024 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
  }
}
