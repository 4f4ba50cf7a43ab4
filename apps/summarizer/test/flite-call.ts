import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PocketsphinxTranscriber } from '../src/transcription/pocketsphinx.transcriber';
import { decodeWav, encodeWav, resample } from '../src/transcription/wav';

/** The Debian packages a local speech test needs and does not find (empty when flite and pocketsphinx are installed). */
export function missingSpeechTools(): string[] {
  const flite = spawnSync('sh', ['-c', 'command -v flite']).status === 0;
  return [!flite && 'flite', !PocketsphinxTranscriber.installed() && 'pocketsphinx + pocketsphinx-en-us'].filter((x): x is string => typeof x === 'string');
}

export interface CallScript {
  /** What the agent says, turn by turn (flite voice rms, channel 0). */
  agent: readonly string[];
  /** What the customer says, turn by turn (flite voice awb, channel 1); turn i follows the agent's turn i. */
  customer: readonly string[];
}

const concat = (parts: Int16Array[]): Int16Array => {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

/**
 * A two-channel call like Connect records, spoken by flite: agent on channel 0, customer on
 * channel 1, taking turns with a pause between them; a 16-bit PCM WAV at `rate` Hz.
 */
export function stereoCall(script: CallScript, rate: number): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'buddie-tts-'));
  try {
    /** flite speech for one speaker, resampled to the rate of the recording. */
    const speak = (text: string, voice: string, n: number): Int16Array => {
      const file = path.join(dir, `${voice}-${n}.wav`);
      execFileSync('flite', ['-voice', voice, '-t', text, '-o', file]);
      const audio = decodeWav(readFileSync(file));
      return resample(audio.channels[0], audio.sampleRate, rate);
    };
    const gap = new Int16Array(Math.round(rate * 0.8));
    const agent: Int16Array[] = [];
    const customer: Int16Array[] = [];
    for (let i = 0; i < Math.max(script.agent.length, script.customer.length); i++) {
      if (script.agent[i] !== undefined) {
        const a = speak(script.agent[i], 'rms', i);
        agent.push(a, gap);
        customer.push(new Int16Array(a.length), gap);
      }
      if (script.customer[i] !== undefined) {
        const c = speak(script.customer[i], 'awb', i);
        customer.push(c, gap);
        agent.push(new Int16Array(c.length), gap);
      }
    }
    const [a, c] = [concat(agent), concat(customer)];
    return encodeWav({ sampleRate: rate, channels: [a, c] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
