import { awsClientSettings } from './aws-client-config';
import { BuddieConfig, SummarizerConfig } from './buddie.config';
import { loadConfig } from './config.loader';

const local = { BUDDIE_MODE: 'local', AWS_REGION: 'eu-west-1', SQS_ENDPOINT: 'http://127.0.0.1:4566', KINESIS_ENDPOINT: 'http://127.0.0.1:4567' };

describe('awsClientSettings: each service its own settings', () => {
  it('given local mode, then S3 is fauxqs on the SQS endpoint, path-style, with its own retry count', () => {
    const s3 = awsClientSettings(loadConfig(BuddieConfig, local), 's3');
    expect(s3).toMatchObject({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566', forcePathStyle: true, maxAttempts: 3, credentials: { accessKeyId: 'local' } });
    expect(s3.requestHandler).toBeUndefined();
  });

  it('given S3_ENDPOINT, then S3 uses it; given AWS mode without it, then the SDK default endpoint and no path style', () => {
    expect(awsClientSettings(loadConfig(BuddieConfig, { ...local, S3_ENDPOINT: 'http://127.0.0.1:9000' }), 's3').endpoint).toBe('http://127.0.0.1:9000');
    const aws = awsClientSettings(loadConfig(BuddieConfig, { BUDDIE_MODE: 'aws', AWS_REGION: 'us-east-1', SQS_ENDPOINT: 'http://127.0.0.1:4566' }), 's3');
    expect(aws.endpoint).toBeUndefined();
    expect(aws.forcePathStyle).toBeUndefined();
    expect(aws.credentials).toBeUndefined();
  });

  it('Transcribe never borrows the SQS endpoint; Kinesis gets an HTTP/1.1 handler; Bedrock leaves retries to the provider', () => {
    const config = loadConfig(SummarizerConfig, { ...local, BEDROCK_ENDPOINT: 'http://127.0.0.1:5000' });
    expect(awsClientSettings(config, 'transcribe')).toMatchObject({ maxAttempts: 3 });
    expect(awsClientSettings(config, 'transcribe').endpoint).toBeUndefined();
    expect(awsClientSettings(config, 'kinesis').requestHandler).toBeDefined();
    expect(awsClientSettings(config, 'bedrock', { requestTimeoutMs: 2000 })).toMatchObject({ endpoint: 'http://127.0.0.1:5000', maxAttempts: 1 });
    expect(awsClientSettings(config, 'bedrock', { requestTimeoutMs: 2000 }).requestHandler).toBeDefined();
    expect(awsClientSettings(config, 'sqs')).toMatchObject({ endpoint: 'http://127.0.0.1:4566', maxAttempts: 5 });
  });

  it('CloudWatch Logs (FilterLogEvents) has no emulator endpoint, leaves throttling retries to the adapter and bounds each call in time', () => {
    const logs = awsClientSettings(loadConfig(BuddieConfig, local), 'logs');
    expect(logs).toMatchObject({ region: 'eu-west-1', maxAttempts: 1 });
    expect(logs.endpoint).toBeUndefined();
    expect(logs.requestHandler).toBeDefined();
  });
});
