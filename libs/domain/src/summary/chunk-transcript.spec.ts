import { chunkTranscript, renderTranscript } from './chunk-transcript';
import type { Transcript } from './transcript.model';

const transcript: Transcript = {
  contactId: 'c-1',
  source: 'connect-chat',
  channel: 'CHAT',
  redacted: false,
  turns: [
    { id: 'a', role: 'CUSTOMER', beginMs: 0, endMs: 1000, text: 'My order never arrived.' },
    { id: 'b', role: 'AGENT', beginMs: 1000, endMs: 2000, text: 'Sorry about that. Let me check the tracking for you right now.' },
    { id: 'c', role: 'CUSTOMER', beginMs: 2000, endMs: 8000, text: 'Sure. It was a birthday present. My daughter was upset. I paid for express shipping too. Please hurry.' },
    { id: 'd', role: 'AGENT', beginMs: 8000, endMs: 9000, text: 'I will send a replacement today.' },
  ],
};

describe('chunkTranscript', () => {
  it('given a budget, then every chunk fits it and the chunks keep all text in order', () => {
    for (const max of [40, 60, 100, 1000]) {
      const chunks = chunkTranscript(transcript, max);
      for (const c of chunks) expect(renderTranscript(c).length).toBeLessThanOrEqual(max);
      const words = (s: string) => s.split(/\s+/).filter(Boolean);
      expect(words(chunks.flatMap((c) => c.turns.map((t) => t.text)).join(' '))).toEqual(words(transcript.turns.map((t) => t.text).join(' ')));
      expect(chunks.every((c) => c.contactId === 'c-1' && c.source === 'connect-chat')).toBe(true);
    }
  });

  it('given a large budget, then the whole transcript is one chunk', () => {
    expect(chunkTranscript(transcript, 10_000)).toEqual([transcript]);
  });

  it('given a turn longer than the budget, then it is split at sentences with suffixed ids and spread times', () => {
    const chunks = chunkTranscript(transcript, 60);
    const parts = chunks.flatMap((c) => c.turns).filter((t) => t.id.startsWith('c#'));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0].beginMs).toBe(2000);
    expect(parts[parts.length - 1].endMs).toBe(8000);
    expect(parts.every((p) => p.role === 'CUSTOMER')).toBe(true);
  });

  it('rejects a budget too small to hold a line', () => {
    expect(() => chunkTranscript(transcript, 10)).toThrow(RangeError);
  });
});
