import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { redactedTranscriptKey } from '@buddie/config';
import { InvalidInputError, type Transcript } from '@buddie/domain';

/**
 * The gateway's one S3 read: a contact's redacted transcript from the summarizer's archive. The key comes
 * from the contact id, never from a stored or requested location, so nothing outside the redacted prefix
 * (raw copies, recordings) can be asked for.
 */
export class RedactedTranscriptStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async get(contactId: string): Promise<Transcript | undefined> {
    let body: string;
    try {
      const result = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: redactedTranscriptKey(contactId) }));
      body = await result.Body!.transformToString('utf8');
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
      if (e?.name === 'NoSuchKey' || e?.name === 'NoSuchBucket' || e?.$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
    const transcript = JSON.parse(body) as Partial<Transcript>;
    // Belt and braces: the archive refuses to store an unredacted transcript under this prefix.
    if (transcript.redacted !== true || !Array.isArray(transcript.turns)) throw new InvalidInputError(`the archived transcript of ${contactId} is not a redacted Buddie transcript`);
    return transcript as Transcript;
  }
}
