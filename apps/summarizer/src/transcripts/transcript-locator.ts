import { parseTranscript, detectTranscriptFormat } from '@buddie/connect';
import type { Transcript } from '@buddie/domain';
import type { ContactCompletedDetail } from '@buddie/messaging';
import { parseS3Location, s3Uri, type S3Location } from './s3-location';
import type { S3ObjectStore } from './s3-object.store';

export type LocatedTranscript =
  | { kind: 'transcript'; transcript: Transcript; format: string; location: string }
  | { kind: 'audio'; audio: S3Location; location: string }
  | { kind: 'missing'; status: 'no-recording' | 'transcript-not-found' | 'transcript-invalid'; reason: string };

const AUDIO = /\.(wav|mp3|flac|ogg|opus|m4a|mp4|webm|amr)$/i;

/**
 * Finds what to summarize for a completed contact, cheapest first: a transcript Connect already
 * wrote (chat transcript at the recording location; Contact Lens analysis at its conventional
 * location, redacted copy preferred), else the audio recording to transcribe. Every dead end
 * comes back with a reason, so the contact is recorded, not retried forever.
 */
export class TranscriptLocator {
  constructor(private readonly store: S3ObjectStore) {}

  async locate(contact: Pick<ContactCompletedDetail, 'contactId' | 'channel' | 'initiationTimestamp' | 'disconnectTimestamp' | 'recordings'>): Promise<LocatedTranscript> {
    const recordings = contact.recordings
      .map((r) => ({ ...r, parsed: parseS3Location(r.location) }))
      .filter((r): r is typeof r & { parsed: S3Location } => r.parsed !== undefined && r.status !== 'DELETED');
    if (recordings.length === 0) {
      return { kind: 'missing', status: 'no-recording', reason: contact.recordings.length ? 'every recording is deleted or has no S3 location' : 'the contact has no recording or transcript' };
    }
    const problems: string[] = [];

    // 1. Transcript documents at the recording location (chat transcripts; JSON placed by the simulator).
    for (const r of recordings.filter((x) => x.mediaStreamType === 'CHAT' || x.parsed.key.toLowerCase().endsWith('.json'))) {
      const found = await this.readTranscript(r.parsed, contact.contactId);
      if (found.kind === 'transcript') return found;
      problems.push(found.reason);
      if (found.status === 'transcript-invalid') return found;
    }

    // 2. Contact Lens output next to the recordings.
    const analysis = await this.findContactLens(contact, recordings.map((r) => r.parsed));
    if (analysis) {
      const found = await this.readTranscript(analysis, contact.contactId);
      if (found.kind === 'transcript') return found;
      problems.push(found.reason);
    }

    // 3. Audio to transcribe.
    for (const r of recordings.filter((x) => x.mediaStreamType !== 'CHAT' && AUDIO.test(x.parsed.key))) {
      if (await this.store.exists(r.parsed)) return { kind: 'audio', audio: r.parsed, location: s3Uri(r.parsed) };
      problems.push(`recording ${s3Uri(r.parsed)} not found`);
    }
    return {
      kind: 'missing',
      status: 'transcript-not-found',
      reason: problems.length ? problems.join('; ') : `no transcript, Contact Lens output or audio found for ${recordings.map((r) => s3Uri(r.parsed)).join(', ')}`,
    };
  }

  async readTranscript(location: S3Location, contactId?: string): Promise<Extract<LocatedTranscript, { kind: 'transcript' | 'missing' }>> {
    const body = await this.store.get(location);
    if (!body) return { kind: 'missing', status: 'transcript-not-found', reason: `transcript ${s3Uri(location)} not found` };
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return { kind: 'missing', status: 'transcript-invalid', reason: `${s3Uri(location)} is not JSON` };
    }
    const parsed = parseTranscript(json, { contactId });
    if (!parsed.ok) {
      const issues = parsed.issues.slice(0, 3).map((i) => `${i.path || '(root)'} ${i.message}`).join('; ');
      return { kind: 'missing', status: 'transcript-invalid', reason: `${s3Uri(location)} is not a usable transcript: ${issues}` };
    }
    return { kind: 'transcript', transcript: parsed.value, format: detectTranscriptFormat(json) ?? 'unknown', location: s3Uri(location) };
  }

  /**
   * Contact Lens writes `Analysis/{Voice|Chat}[/Redacted]/yyyy/mm/dd/<contactId>_analysis[_redacted]_<ts>.json`
   * at the root of the instance bucket, dated by ConnectedToAgentTimestamp (not in the CTR summary we
   * get), so the recording's date folder and the initiation/disconnect dates are all tried.
   */
  private async findContactLens(
    contact: Pick<ContactCompletedDetail, 'contactId' | 'channel' | 'initiationTimestamp' | 'disconnectTimestamp'>,
    recordings: S3Location[],
  ): Promise<S3Location | undefined> {
    const kind = contact.channel === 'CHAT' ? 'Chat' : 'Voice';
    const dates = new Set<string>();
    for (const r of recordings) {
      const m = /(?:^|\/)(\d{4}\/\d{2}\/\d{2})\//.exec(r.key);
      if (m) dates.add(m[1]);
    }
    for (const ts of [contact.initiationTimestamp, contact.disconnectTimestamp]) {
      if (ts && !Number.isNaN(Date.parse(ts))) dates.add(new Date(ts).toISOString().slice(0, 10).replace(/-/g, '/'));
    }
    for (const bucket of new Set(recordings.map((r) => r.bucket))) {
      for (const redacted of [true, false]) {
        for (const date of dates) {
          const prefix = `Analysis/${kind}/${redacted ? 'Redacted/' : ''}${date}/${contact.contactId}_analysis_`;
          const keys = (await this.store.list(bucket, prefix)).filter((k) => k.endsWith('.json')).sort();
          if (keys.length > 0) return { bucket, key: keys[keys.length - 1] };
        }
      }
    }
    return undefined;
  }
}
