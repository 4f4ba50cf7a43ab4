import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SummarizerConfig } from '@buddie/config';
import { createAwsClient } from '@buddie/runtime';
import type { S3Location } from './s3-location';

/** S3 in both worlds: AWS's, or fauxqs' S3 on the SQS endpoint locally (path-style addressing; see awsClientSettings). */
export function createS3Client(config: SummarizerConfig): S3Client {
  return createAwsClient(config, 's3');
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.name === 'NoSuchBucket' || e?.$metadata?.httpStatusCode === 404;
}

/** The few S3 calls the summarizer makes; a missing object or bucket is `undefined`, not an error. */
export class S3ObjectStore {
  constructor(private readonly s3: S3Client) {}

  async get(location: S3Location): Promise<Buffer | undefined> {
    try {
      const result = await this.s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key }));
      return Buffer.from(await result.Body!.transformToByteArray());
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async exists(location: S3Location): Promise<boolean> {
    try {
      await this.s3.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }));
      return true;
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
  }

  /** Keys under a prefix (first page is plenty: one contact has a handful of analysis files). */
  async list(bucket: string, prefix: string): Promise<string[]> {
    try {
      const result = await this.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 100 }));
      return (result.Contents ?? []).map((o) => o.Key!).filter(Boolean);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  }

  async putJson(location: S3Location, value: unknown): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: location.bucket, Key: location.key, Body: JSON.stringify(value), ContentType: 'application/json', ServerSideEncryption: undefined }),
    );
  }

  async ensureBucket(bucket: string): Promise<void> {
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (error) {
      if (!isMissing(error)) throw error;
      await this.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    }
  }
}
