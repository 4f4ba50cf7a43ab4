export interface PcmAudio {
  sampleRate: number;
  /** One Int16Array per channel. */
  channels: Int16Array[];
}

/** Decodes a 16-bit PCM RIFF/WAVE file (what Connect records and flite writes); anything else is rejected by name. */
export function decodeWav(buffer: Buffer): PcmAudio {
  if (buffer.length < 12 || buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') {
    throw new RangeError('not a RIFF/WAVE file');
  }
  let offset = 12;
  let format: { audioFormat: number; channels: number; sampleRate: number; bits: number } | undefined;
  let data: Buffer | undefined;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = buffer.subarray(offset + 8, Math.min(buffer.length, offset + 8 + size));
    if (id === 'fmt ') format = { audioFormat: body.readUInt16LE(0), channels: body.readUInt16LE(2), sampleRate: body.readUInt32LE(4), bits: body.readUInt16LE(14) };
    if (id === 'data') data = body;
    offset += 8 + size + (size & 1);
  }
  if (!format || !data) throw new RangeError('WAVE file without fmt or data chunk');
  // 0xFFFE (WAVE_FORMAT_EXTENSIBLE) carries PCM too; the bit depth check below keeps it honest.
  if ((format.audioFormat !== 1 && format.audioFormat !== 0xfffe) || format.bits !== 16) {
    throw new RangeError(`unsupported WAV encoding (format ${format.audioFormat}, ${format.bits} bit); 16-bit PCM is required`);
  }
  const frames = Math.floor(data.length / (2 * format.channels));
  const channels = Array.from({ length: format.channels }, () => new Int16Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < format.channels; c++) channels[c][i] = data.readInt16LE((i * format.channels + c) * 2);
  }
  return { sampleRate: format.sampleRate, channels };
}

export function encodeWav(audio: PcmAudio): Buffer {
  const frames = audio.channels[0]?.length ?? 0;
  const n = audio.channels.length;
  const out = Buffer.alloc(44 + frames * n * 2);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + frames * n * 2, 4);
  out.write('WAVEfmt ', 8, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20);
  out.writeUInt16LE(n, 22);
  out.writeUInt32LE(audio.sampleRate, 24);
  out.writeUInt32LE(audio.sampleRate * n * 2, 28);
  out.writeUInt16LE(n * 2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(frames * n * 2, 40);
  for (let i = 0; i < frames; i++) for (let c = 0; c < n; c++) out.writeInt16LE(audio.channels[c][i], 44 + (i * n + c) * 2);
  return out;
}

/** Linear-interpolation resampling: enough for speech recognition at 16 kHz from 8 kHz telephony audio. */
export function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const length = Math.floor((samples.length * to) / from);
  const out = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const pos = (i * from) / to;
    const left = Math.floor(pos);
    const right = Math.min(left + 1, samples.length - 1);
    out[i] = Math.round(samples[left] + (samples[right] - samples[left]) * (pos - left));
  }
  return out;
}

/** Little-endian raw PCM16, the input pocketsphinx_continuous reads with -infile. */
export function toRawPcm(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => out.writeInt16LE(s, i * 2));
  return out;
}
