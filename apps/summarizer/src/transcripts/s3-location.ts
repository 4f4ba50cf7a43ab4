export interface S3Location {
  bucket: string;
  key: string;
}

/**
 * Parses the ways S3 objects are named around Connect and Transcribe: `bucket/key` (Connect's
 * recording Location, no scheme), `s3://bucket/key`, and the https URLs Transcribe returns
 * (`https://s3.<region>.amazonaws.com/bucket/key` path style, `https://bucket.s3.<region>.amazonaws.com/key`).
 */
export function parseS3Location(location: string): S3Location | undefined {
  const trimmed = location.trim();
  let bucket: string | undefined;
  let key: string | undefined;
  if (/^https?:\/\//i.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return undefined;
    }
    const path = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
    const virtualHost = /^(.+)\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com$/i.exec(url.hostname);
    if (virtualHost) [bucket, key] = [virtualHost[1], path];
    else [bucket, key] = splitFirst(path);
  } else {
    [bucket, key] = splitFirst(trimmed.replace(/^s3:\/\//i, ''));
  }
  return bucket && key ? { bucket, key } : undefined;
}

export function s3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

function splitFirst(path: string): [string | undefined, string | undefined] {
  const slash = path.indexOf('/');
  return slash <= 0 ? [undefined, undefined] : [path.slice(0, slash), path.slice(slash + 1)];
}
