import { REDACTED_TRANSCRIPTS_PREFIX, redactedTranscriptKey } from '@buddie/config';
import { InvalidInputError, type Transcript } from '@buddie/domain';
import { parseS3Location, s3Uri } from './s3-location';
import type { S3ObjectStore } from './s3-object.store';

/** The summarizer's own copies: redacted transcripts always, raw ones only when KEEP_RAW_TRANSCRIPTS is on. */
export class TranscriptArchive {
  constructor(
    private readonly store: S3ObjectStore,
    readonly bucket: string,
  ) {}

  async saveRedacted(contactId: string, transcript: Transcript): Promise<string> {
    if (!transcript.redacted) throw new Error('refusing to store an unredacted transcript as redacted');
    const location = { bucket: this.bucket, key: redactedTranscriptKey(contactId) };
    await this.store.putJson(location, transcript);
    return s3Uri(location);
  }

  async saveRaw(contactId: string, transcript: Transcript): Promise<string> {
    const location = { bucket: this.bucket, key: `transcripts/raw/${contactId}.json` };
    await this.store.putJson(location, transcript);
    return s3Uri(location);
  }

  /** Only redacted transcripts from this archive are ever handed to a provider. */
  async loadRedacted(location: string): Promise<Transcript | undefined> {
    const parsed = parseS3Location(location);
    if (!parsed || parsed.bucket !== this.bucket || !parsed.key.startsWith(REDACTED_TRANSCRIPTS_PREFIX)) {
      throw new InvalidInputError(`transcript location ${location} is not a redacted transcript in ${this.bucket}`);
    }
    const body = await this.store.get(parsed);
    if (!body) return undefined;
    const transcript = JSON.parse(body.toString('utf8')) as Transcript;
    if (transcript.redacted !== true || !Array.isArray(transcript.turns)) throw new InvalidInputError(`${location} is not a redacted Buddie transcript`);
    return transcript;
  }
}
