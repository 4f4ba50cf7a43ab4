import { Transform, Type } from 'class-transformer';
import { ConfigError } from './config.loader';
import { IsBoolean, IsIn, IsInt, IsIP, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase()) : value;
const endpoint = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

const S3_BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Settings every Buddie app shares. Local mode (the default) points the same AWS SDK clients at the
 * embedded emulators; AWS mode leaves endpoints unset so the SDK uses the real regional ones.
 */
export class BuddieConfig {
  @IsIn(['local', 'aws'])
  BUDDIE_MODE: 'local' | 'aws' = 'local';

  @IsString()
  @Matches(/^[a-z]{2}(-[a-z]+)+-\d$/, { message: 'AWS_REGION must look like us-east-1' })
  AWS_REGION = 'us-east-1';

  @IsOptional()
  @IsUrl(endpoint)
  DYNAMODB_ENDPOINT?: string;

  @IsOptional()
  @IsUrl(endpoint)
  SQS_ENDPOINT?: string;

  @IsOptional()
  @IsUrl(endpoint)
  KINESIS_ENDPOINT?: string;

  @IsOptional()
  @IsUrl(endpoint)
  EVENTBRIDGE_ENDPOINT?: string;

  @IsOptional()
  @IsUrl(endpoint)
  SNS_ENDPOINT?: string;

  /** S3 endpoint; locally fauxqs serves S3 on the SQS endpoint, so SQS_ENDPOINT is used when this is unset. */
  @IsOptional()
  @IsUrl(endpoint)
  S3_ENDPOINT?: string;

  /** Prefix of every table, queue and stream name, so several environments can share an account. */
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/, { message: 'RESOURCE_PREFIX must be 1-40 letters, digits, - or _' })
  RESOURCE_PREFIX = 'buddie';

  @Matches(/^[a-zA-Z0-9._-]{1,256}$/, { message: 'EVENT_BUS_NAME must be a valid EventBridge bus name' })
  EVENT_BUS_NAME = 'buddie';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 0;

  /** Address to bind; default 127.0.0.1 locally, all interfaces in AWS. Containers set 0.0.0.0. */
  @IsOptional()
  @IsIP()
  HOST?: string;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'pretty';

  /** Receives before an SQS message is moved to its DLQ. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  MAX_RECEIVE_COUNT = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(43200)
  VISIBILITY_TIMEOUT_SECONDS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  SQS_WAIT_TIME_SECONDS = 20;

  /** Grace period on SIGTERM before in-flight work is abandoned (ECS gives 30 s by default). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS = 25000;

  @Transform(toBool)
  @IsBoolean()
  CREATE_RESOURCES = false;

  /** An admin key that lives only in config (`npm start` sets one); unset in AWS. */
  @IsOptional()
  @IsString()
  @MaxLength(256)
  DEV_API_KEY?: string;

  /** How long a verified key is trusted before it is looked up again; bounds how fast a revocation bites. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300_000)
  API_KEY_CACHE_MS = 5000;

  /** Redis for what instances share: failed-auth throttling, rate limits, Socket.IO fan-out (in-memory without it). */
  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  /** Failed authentications per client address per minute before that address gets 429 for the rest of the minute. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  AUTH_FAILURES_PER_MINUTE = 20;

  /** Requests per key per minute (Redis-backed when REDIS_URL is set, so every instance shares the budget). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Serve /metrics without a key (a scraper inside the private network); otherwise it needs `read`. */
  @Transform(toBool)
  @IsBoolean()
  METRICS_PUBLIC = false;
}

/** Ingestion: the SQS consumer of Connect CTRs and contact events, plus the HTTP intake. */
export class IngestionConfig extends BuddieConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(6 * 1024 * 1024)
  MAX_BODY_BYTES = 1024 * 1024;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  MAX_BATCH_RECORDS = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  SQS_BATCH_SIZE = 10;

  /** Messages of a batch stored side by side (those of one contact still one after another). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  INGESTION_CONCURRENCY = 10;

  /** How far ahead of now a LastUpdateTimestamp may be; later ones are rejected (they would freeze the contact). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400)
  MAX_CLOCK_SKEW_SECONDS = 300;
}

/** Gateway: REST + live feed; the only public entry point. */
export class GatewayConfig extends BuddieConfig {
  /** Comma-separated list of origins the dashboard may be served from. */
  @IsString()
  CORS_ORIGINS = '';

  @IsOptional()
  @IsString()
  DASHBOARD_DIR?: string;

  /** Largest accepted request body; anything bigger is a 413 before it is parsed. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(6 * 1024 * 1024)
  MAX_BODY_BYTES = 256 * 1024;


  /**
   * Signs the short-lived live-feed tokens. Every gateway instance must share it (set it from Secrets
   * Manager in AWS); when unset each instance makes its own, which is fine for one instance.
   */
  @IsOptional()
  @IsString()
  LIVE_TOKEN_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86_400)
  LIVE_TOKEN_TTL_SECONDS = 300;

  /**
   * Serve the OpenAPI document and its UI at /docs without a key. Unset: on locally, off in AWS, where the
   * API's shape is not advertised to the internet unless an operator turns it on.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  API_DOCS?: boolean;

  /** The summarizer's transcript archive, read for GET /contacts/:id/transcript (redacted copies only). */
  @IsOptional()
  @Matches(S3_BUCKET_NAME, { message: 'TRANSCRIPTS_BUCKET must be a valid S3 bucket name' })
  TRANSCRIPTS_BUCKET?: string;

  /**
   * Contact attributes (comma-separated names) served to keys without the `pii` scope; every other
   * attribute is withheld from them, and the caller's number is masked.
   */
  @IsString()
  @MaxLength(4096)
  CONTACT_ATTRIBUTE_ALLOW_LIST = '';

  /** How often the live feed re-checks the keys of its open sockets (catches revocations made outside the API). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  LIVE_REVOCATION_CHECK_MS = 10_000;

  /** Rows a live snapshot carries per room (agents, alerts, escalations...). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LIVE_SNAPSHOT_LIMIT = 1000;
}

/** Summarizer: recording/transcript -> redacted transcript -> summary (offline, Bedrock or OpenAI-compatible). */
export class SummarizerConfig extends BuddieConfig {
  /** Contacts of a batch summarized side by side (transcript fetch, transcription and the provider call overlap). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  SUMMARIZER_CONCURRENCY = 4;

  /** Where the summarizer keeps redacted transcripts (and Transcribe output); default `${RESOURCE_PREFIX}-transcripts`. */
  @IsOptional()
  @Matches(S3_BUCKET_NAME, { message: 'TRANSCRIPTS_BUCKET must be a valid S3 bucket name' })
  TRANSCRIPTS_BUCKET?: string;

  /** Keep the unredacted transcript next to the redacted one (off by default: DESIGN.md 7). */
  @Transform(toBool)
  @IsBoolean()
  KEEP_RAW_TRANSCRIPTS = false;

  @IsIn(['offline', 'bedrock', 'openai'])
  SUMMARY_PROVIDER: 'offline' | 'bedrock' | 'openai' = 'offline';

  @IsString()
  BEDROCK_MODEL_ID = 'anthropic.claude-3-5-sonnet-20240620-v1:0';

  @IsOptional()
  @IsUrl(endpoint)
  BEDROCK_ENDPOINT?: string;

  /** Base URL of an OpenAI-compatible API, up to and including /v1 (Ollama: http://127.0.0.1:11434/v1). */
  @IsOptional()
  @IsUrl(endpoint)
  OPENAI_BASE_URL?: string;

  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  @IsString()
  OPENAI_MODEL = 'llama3.1';

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600000)
  LLM_TIMEOUT_MS = 60000;

  /** Attempts per LLM call when the provider throttles or times out (the first call included). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  LLM_MAX_ATTEMPTS = 4;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60000)
  LLM_BACKOFF_BASE_MS = 500;

  @Type(() => Number)
  @IsInt()
  @Min(64)
  @Max(8192)
  LLM_MAX_OUTPUT_TOKENS = 1500;

  /** Transcripts longer than this (rendered characters) are summarized per chunk, then merged. */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(1000000)
  SUMMARY_CHUNK_CHARS = 40000;

  /** Start Amazon Transcribe Call Analytics (true) or plain Transcribe jobs for audio in AWS mode. */
  @Transform(toBool)
  @IsBoolean()
  TRANSCRIBE_CALL_ANALYTICS = true;

  @IsOptional()
  @IsString()
  TRANSCRIBE_DATA_ACCESS_ROLE_ARN?: string;

  /** Transcription attempts per contact before it is recorded as failed. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  TRANSCRIBE_MAX_ATTEMPTS = 3;

  /** Local transcription of .wav recordings; `auto` uses pocketsphinx when it is on PATH. */
  @IsIn(['auto', 'off'])
  LOCAL_TRANSCRIBER: 'auto' | 'off' = 'auto';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  SQS_BATCH_SIZE = 5;
}

/** What every app reading a Kinesis stream through KinesisStreamConsumer (shard leases in DynamoDB) configures. */
export abstract class KinesisConsumerConfig extends BuddieConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600000)
  KINESIS_LEASE_MS = 30000;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60000)
  KINESIS_IDLE_POLL_MS = 1000;

  /** GetRecords Limit. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  KINESIS_BATCH_LIMIT = 1000;

  /**
   * Checkpoint each shard at most this often (ms; 0 = after every handled slice). A crash replays at
   * most this much (handlers are idempotent); a stop or a handover checkpoints what was handled.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60000)
  KINESIS_CHECKPOINT_MS = 1000;

  /** Stable id of this instance in the lease table; random per process when unset. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,128}$/, { message: 'WORKER_ID must be 1-128 letters, digits or ._:-' })
  WORKER_ID?: string;
}

/** Agent monitor: Kinesis agent event stream -> agent state, history and threshold alerts. */
export class AgentMonitorConfig extends KinesisConsumerConfig {
  /** Physical stream name; defaults to `${RESOURCE_PREFIX}-agent-events`. */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9_.-]{1,128}$/, { message: 'AGENT_EVENTS_STREAM must be a Kinesis stream name' })
  AGENT_EVENTS_STREAM?: string;

  /** JSON rules file (an array or `{ rules: [...] }`); when set it is the source of the rules in force. */
  @IsOptional()
  @IsString()
  ALERT_RULES_FILE?: string;

  /** SNS topic for raised/cleared alerts; unset means no SNS. */
  @IsOptional()
  @Matches(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, { message: 'ALERTS_TOPIC_ARN must be an SNS topic ARN' })
  ALERTS_TOPIC_ARN?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  AGENT_HISTORY_TTL_DAYS = 30;

  /**
   * How far the stored lastEventAt may trail the agent's newest heartbeat before a heartbeat-only
   * fold writes the state (0 = every one). At most the stale window (2 heartbeat intervals + 30 s)
   * minus one interval, so an instance that takes over after a crash still sees the next heartbeat
   * before 'stale' could fire; a handover stores the deferred ones.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(150000)
  AGENT_LIVENESS_WRITE_MS = 120000;

  /** Alert timer: how 'stale' and thresholds between events fire. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600000)
  ALERT_TICK_MS = 5000;

  /** How often rules edited through the API are picked up. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600000)
  RULES_REFRESH_MS = 15000;

  /** GetRecords Limit. The maximum: a larger batch folds more events of one agent into one state write. */
  override KINESIS_BATCH_LIMIT = 10000;

  /** Records per handled (and checkpointed) slice of a read: bounds how long a graceful stop waits. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  KINESIS_HANDLE_LIMIT = 5000;

  /**
   * Time bound of a slice (ms): slices are sized from the measured handling rate to take about this
   * long, so a record waits for its own slice, not for a 5,000-record one, before it is published. 0 = count only.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60000)
  KINESIS_HANDLE_TARGET_MS = 200;
}

const GENERIC_LOGIN_HOST = /^https:\/\/(login|test)\.salesforce\.com\/?$/i;

/**
 * salesforce-sync: summaries -> Case upserts, escalations -> Tasks. Credentials come from env; in AWS the
 * ECS task fills these env vars from the Salesforce secret in Secrets Manager (deploy/), so nothing is
 * written back to the secret and the access token lives in memory only.
 */
export class SalesforceSyncConfig extends BuddieConfig {
  /** jwt-bearer or client-credentials; `auto` picks jwt-bearer when a private key is set, else client credentials when a secret is set. */
  @IsIn(['auto', 'jwt-bearer', 'client-credentials', 'off'])
  SALESFORCE_AUTH_FLOW: 'auto' | 'jwt-bearer' | 'client-credentials' | 'off' = 'auto';

  /** The org's My Domain URL (https://acme.my.salesforce.com). The client-credentials flow only works there. */
  @IsOptional()
  @IsUrl(endpoint)
  SALESFORCE_INSTANCE_URL?: string;

  /** Token endpoint host for the JWT bearer flow; default SALESFORCE_INSTANCE_URL. */
  @IsOptional()
  @IsUrl(endpoint)
  SALESFORCE_LOGIN_URL?: string;

  /** JWT `aud`: https://login.salesforce.com (production) or https://test.salesforce.com (sandbox). */
  @IsUrl(endpoint)
  SALESFORCE_JWT_AUDIENCE = 'https://login.salesforce.com';

  @IsOptional()
  @IsString()
  SALESFORCE_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  SALESFORCE_CLIENT_SECRET?: string;

  /** The integration user the JWT bearer flow acts as. */
  @IsOptional()
  @IsString()
  SALESFORCE_USERNAME?: string;

  /** PEM private key of the connected app's certificate (literal `\n` accepted for one-line env values). */
  @IsOptional()
  @IsString()
  SALESFORCE_PRIVATE_KEY?: string;

  @Matches(/^\d{2}\.0$/, { message: 'SALESFORCE_API_VERSION must look like 62.0' })
  SALESFORCE_API_VERSION = '62.0';

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  SALESFORCE_TIMEOUT_MS = 30_000;

  /** Kept-alive connections to the org per process. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(25)
  SALESFORCE_MAX_CONNECTIONS = 1;

  /** JSON mapping file (see README); unset = the default mapping. */
  @IsOptional()
  @IsString()
  SALESFORCE_MAPPING_FILE?: string;

  /** How long records are collected before an sObject Collections call (a full batch of 200 goes at once). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  SALESFORCE_BATCH_WINDOW_MS = 2000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  SALESFORCE_BATCH_SIZE = 200;

  /** Share of the daily API allocation after which calls are spaced out. */
  @Type(() => Number)
  @Min(0.1)
  @Max(1)
  SALESFORCE_LIMIT_SLOWDOWN_SHARE = 0.8;

  /** Share at which the sync pauses, leaving the rest of the allocation to the org's other integrations. */
  @Type(() => Number)
  @Min(0.1)
  @Max(1)
  SALESFORCE_LIMIT_STOP_SHARE = 0.95;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SALESFORCE_LIMIT_MAX_DELAY_MS = 30_000;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  SALESFORCE_LIMIT_PAUSE_MS = 300_000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60_000)
  SALESFORCE_RETRY_BASE_MS = 500;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  SALESFORCE_RETRY_MAX_MS = 60_000;

  /** A record still pending after this long is sent again by the reconciler (restarts, lost wake-ups). */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  SALESFORCE_PENDING_DEADLINE_MS = 120_000;

  @Type(() => Number)
  @IsInt()
  @Min(500)
  @Max(3_600_000)
  SALESFORCE_RECONCILE_INTERVAL_MS = 30_000;

  /**
   * How long an escalation's Task waits for its call's Case (SummaryCreated may come later, or never for a
   * caller who hung up in the IVR) before it is written without WhatId; the Case's sync links it afterwards.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  SALESFORCE_TASK_CASE_WAIT_MS = 600_000;

  /**
   * How long after a Task is noted waiting for its call's Case that Case's sync still links it (WhatId):
   * the waiting marker's DynamoDB TTL. A marker is deleted at once when the Task is written with WhatId.
   */
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  @Max(7_776_000_000)
  SALESFORCE_TASK_LINK_RETENTION_MS = 604_800_000;

  /**
   * Most records salesforce-sync holds in memory at once (due, in flight, waiting for a retry); past it
   * the consumer stops taking messages until a flush makes room, so a backlog waits in SQS.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SALESFORCE_MAX_HELD = 1000;

  /** Where the dashboard is served, for the link back to Buddie on every Case. */
  @IsUrl(endpoint)
  BUDDIE_DASHBOARD_URL = 'http://127.0.0.1:8080';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  SQS_BATCH_SIZE = 10;
}

export type SalesforceAuthSettings =
  | { flow: 'off'; reason: string }
  | { flow: 'jwt-bearer'; tokenUrl: string; audience: string; clientId: string; username: string; privateKeyPem: string }
  | { flow: 'client-credentials'; tokenUrl: string; clientId: string; clientSecret: string };

/**
 * The connection settings, checked together: which flow, and whether its credentials are complete. The
 * client-credentials flow is refused on login/test.salesforce.com, where Salesforce does not serve it.
 */
export function salesforceAuthSettings(config: SalesforceSyncConfig): SalesforceAuthSettings {
  const flow =
    config.SALESFORCE_AUTH_FLOW === 'auto' ? (config.SALESFORCE_PRIVATE_KEY ? 'jwt-bearer' : config.SALESFORCE_CLIENT_SECRET ? 'client-credentials' : 'off') : config.SALESFORCE_AUTH_FLOW;
  if (flow === 'off') return { flow: 'off', reason: 'no Salesforce credentials are configured' };
  const problems: string[] = [];
  const need = (name: keyof SalesforceSyncConfig) => {
    if (!config[name]) problems.push(`${String(name)} is required for the ${flow} flow`);
  };
  need('SALESFORCE_CLIENT_ID');
  if (flow === 'jwt-bearer') {
    need('SALESFORCE_USERNAME');
    need('SALESFORCE_PRIVATE_KEY');
    if (!config.SALESFORCE_LOGIN_URL && !config.SALESFORCE_INSTANCE_URL) problems.push('SALESFORCE_INSTANCE_URL (or SALESFORCE_LOGIN_URL) is required for the jwt-bearer flow');
  } else {
    need('SALESFORCE_CLIENT_SECRET');
    need('SALESFORCE_INSTANCE_URL');
    if (config.SALESFORCE_INSTANCE_URL && GENERIC_LOGIN_HOST.test(config.SALESFORCE_INSTANCE_URL)) {
      problems.push("SALESFORCE_INSTANCE_URL must be the org's My Domain URL (https://<domain>.my.salesforce.com): Salesforce serves the client-credentials flow only there");
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const base = (config.SALESFORCE_LOGIN_URL ?? config.SALESFORCE_INSTANCE_URL ?? '').replace(/\/+$/, '');
  if (flow === 'jwt-bearer') {
    return {
      flow,
      tokenUrl: `${base}/services/oauth2/token`,
      audience: config.SALESFORCE_JWT_AUDIENCE,
      clientId: config.SALESFORCE_CLIENT_ID as string,
      username: config.SALESFORCE_USERNAME as string,
      privateKeyPem: (config.SALESFORCE_PRIVATE_KEY as string).replace(/\\n/g, '\n'),
    };
  }
  return {
    flow,
    tokenUrl: `${(config.SALESFORCE_INSTANCE_URL as string).replace(/\/+$/, '')}/services/oauth2/token`,
    clientId: config.SALESFORCE_CLIENT_ID as string,
    clientSecret: config.SALESFORCE_CLIENT_SECRET as string,
  };
}

export class IvrJourneyConfig extends KinesisConsumerConfig {
  /** Physical flow-log stream name; defaults to `${RESOURCE_PREFIX}-flow-logs`. */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9_.-]{1,128}$/, { message: 'FLOW_LOGS_STREAM must be a Kinesis stream name' })
  FLOW_LOGS_STREAM?: string;

  /** How long a contact waits for its other half (CTR or flow log) before its journey is assembled without it. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  JOURNEY_GRACE_MS = 30_000;

  /** Entries arriving after the CTR are gathered this long before the journey is (re-)assembled. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(600_000)
  JOURNEY_SETTLE_MS = 2000;

  /** How often due contacts are looked for. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(600_000)
  JOURNEY_SWEEP_MS = 1000;

  /** JSON file with failure rules and the contact-attributes convention (`{ rules, convention }`), validated at boot. */
  @IsOptional()
  @IsString()
  JOURNEY_RULES_FILE?: string;

  /** Key of the HMAC that turns a caller's number into the repeat-caller key; set one value for all instances. */
  @IsString()
  @Matches(/^.{16,256}$/, { message: 'JOURNEY_CALLER_KEY_SECRET must be 16-256 characters' })
  JOURNEY_CALLER_KEY_SECRET = 'buddie-local-caller-key';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  JOURNEY_INPUT_RETENTION_DAYS = 7;

  /** CloudWatch log group of the Connect instance's flow logs (`/aws/connect/<alias>`): when set, contacts with no entries are looked up there (FilterLogEvents). */
  @IsOptional()
  @Matches(/^[\w\-./#]{1,512}$/, { message: 'FLOW_LOG_GROUP must be a CloudWatch log group name' })
  FLOW_LOG_GROUP?: string;
}

export class EscalationConfig extends BuddieConfig {
  /** JSON escalation rules (an array or `{ rules: [...] }`), validated at boot; the defaults otherwise. */
  @IsOptional()
  @IsString()
  ESCALATION_RULES_FILE?: string;

  /**
   * How long an escalation change (opened here, raised here, acknowledged or resolved in the gateway) may
   * stay unpublished before the reconciler (or a redelivery) takes its publish over: a crash between the
   * write and PutEvents.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ESCALATION_PUBLISH_DEADLINE_MS = 30_000;

  /** How often the reconciler looks for escalation changes unpublished past the deadline. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ESCALATION_RECONCILE_INTERVAL_MS = 15_000;

  /** The alerts topic (CDK sets it): escalations at or above ESCALATION_NOTIFY_MIN_SEVERITY get one notice each there; unset means none. */
  @IsOptional()
  @Matches(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, { message: 'ALERTS_TOPIC_ARN must be an SNS topic ARN' })
  ALERTS_TOPIC_ARN?: string;

  @IsIn(['low', 'medium', 'high'])
  ESCALATION_NOTIFY_MIN_SEVERITY: 'low' | 'medium' | 'high' = 'high';
}
