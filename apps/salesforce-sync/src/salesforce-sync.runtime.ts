import { readFileSync } from 'node:fs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigError, physicalName, salesforceAuthSettings, type SalesforceSyncConfig } from '@buddie/config';
import { checkMappingAgainstDescribe, DEFAULT_SALESFORCE_MAPPING, fieldLengths, mappedObjects, parseSalesforceMapping, type Clock, type DescribedObject, type SalesforceMapping } from '@buddie/domain';
import { resolveQueueUrls, type EventPublisher } from '@buddie/messaging';
import type { MetricsRegistry } from '@buddie/observability';
import { ContactRepository, EscalationRepository, SalesforceSyncRepository, SummaryRepository, TABLES, type DocumentClient } from '@buddie/persistence';
import { KeepAliveHttp } from './salesforce/salesforce-http';
import { SalesforceClient } from './salesforce/salesforce.client';
import { SalesforceTokenProvider } from './salesforce/salesforce-token.provider';
import { DlqRejectedRecordSink } from './sync/dlq-rejected-record.sink';
import { SalesforceSyncEngine } from './sync/salesforce-sync.engine';
import { SyncMetrics } from './sync/salesforce-sync.metrics';
import { SalesforceSyncReconciler } from './sync/salesforce-sync.reconciler';
import { SalesforceSyncService } from './sync/salesforce-sync.service';
import { SyncBatcher } from './sync/sync-batcher';

export function loadMapping(config: SalesforceSyncConfig): SalesforceMapping {
  if (!config.SALESFORCE_MAPPING_FILE) return DEFAULT_SALESFORCE_MAPPING;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(config.SALESFORCE_MAPPING_FILE, 'utf8'));
  } catch (error) {
    throw new ConfigError([`SALESFORCE_MAPPING_FILE ${config.SALESFORCE_MAPPING_FILE}: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const parsed = parseSalesforceMapping(json);
  if (!parsed.ok) throw new ConfigError(parsed.issues.map((i) => `SALESFORCE_MAPPING_FILE ${i.path || '(root)'}: ${i.message}`));
  return parsed.value;
}

/**
 * The app's moving parts, built once: one Salesforce client (one session, one kept-alive connection)
 * for the process, the batcher, the flush engine and the reconciler. At boot the mapping is checked
 * against describe; a mapped field the integration user cannot write stops the boot with its name.
 */
export class SalesforceSyncRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SalesforceSync');
  readonly metrics = new SyncMetrics();
  readonly service: SalesforceSyncService;
  readonly batcher: SyncBatcher;
  readonly client?: SalesforceClient;
  readonly reconciler: SalesforceSyncReconciler;
  private engine?: SalesforceSyncEngine;
  private readonly http: KeepAliveHttp;
  private readonly sync: SalesforceSyncRepository;
  private readonly mapping: SalesforceMapping;

  constructor(
    private readonly config: SalesforceSyncConfig,
    private readonly deps: { doc: DocumentClient; sqs: SQSClient; events: EventPublisher; clock: Clock; registry: MetricsRegistry },
  ) {
    this.mapping = loadMapping(config);
    const auth = salesforceAuthSettings(config);
    this.http = new KeepAliveHttp(config.SALESFORCE_MAX_CONNECTIONS);
    if (auth.flow !== 'off') {
      const tokens = new SalesforceTokenProvider(auth, this.http, deps.clock, config.SALESFORCE_TIMEOUT_MS);
      this.client = new SalesforceClient(tokens, this.http, { apiVersion: config.SALESFORCE_API_VERSION, timeoutMs: config.SALESFORCE_TIMEOUT_MS });
    }
    const table = (logical: string) => physicalName(config, logical);
    this.sync = new SalesforceSyncRepository(deps.doc, table(TABLES.salesforceSync.logicalName));
    const contacts = new ContactRepository(deps.doc, table(TABLES.contacts.logicalName));
    this.batcher = new SyncBatcher((keys) => (this.engine ? this.engine.flush(keys) : Promise.resolve({ requeue: [], synced: 0, failed: 0 })), {
      windowMs: config.SALESFORCE_BATCH_WINDOW_MS,
      batchSize: config.SALESFORCE_BATCH_SIZE,
      maxPerFlush: config.SALESFORCE_BATCH_SIZE * 5,
      maxHeld: config.SALESFORCE_MAX_HELD,
    }, (message) => this.logger.warn(message));
    if (this.client) this.metrics.register(deps.registry, this.client, () => this.batcher.held);
    this.service = new SalesforceSyncService({
      sync: this.sync,
      contacts,
      escalations: new EscalationRepository(deps.doc, table(TABLES.escalations.logicalName)),
      batcher: this.batcher,
      clock: deps.clock,
      tasksEnabled: this.mapping.task.enabled,
    });
    this.reconciler = new SalesforceSyncReconciler(this.sync, this.batcher, deps.clock, { deadlineMs: config.SALESFORCE_PENDING_DEADLINE_MS, intervalMs: config.SALESFORCE_RECONCILE_INTERVAL_MS }, this.logger);
    if (auth.flow === 'off') this.logger.warn(`Salesforce sync is off (${auth.reason}): records are kept pending until credentials are configured`);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.client) return;
    const describes = new Map<string, DescribedObject>();
    for (const sobject of mappedObjects(this.mapping)) {
      const describe = await this.client.describe(sobject);
      if (describe) describes.set(sobject, describe);
    }
    const problems = checkMappingAgainstDescribe(this.mapping, describes);
    if (problems.length > 0) throw new ConfigError(problems.map((p) => `Salesforce mapping: ${p.message}`));
    const config = this.config;
    let dlqUrl: Promise<string> | undefined;
    this.engine = new SalesforceSyncEngine({
      sync: this.sync,
      contacts: new ContactRepository(this.deps.doc, physicalName(config, TABLES.contacts.logicalName)),
      summaries: new SummaryRepository(this.deps.doc, physicalName(config, TABLES.summaries.logicalName)),
      client: this.client,
      events: this.deps.events,
      rejected: new DlqRejectedRecordSink(this.deps.sqs, () => (dlqUrl ??= resolveQueueUrls(this.deps.sqs, (l) => physicalName(config, l), 'salesforce-sync').then((u) => u.dlqUrl)), this.deps.clock),
      metrics: this.metrics,
      clock: this.deps.clock,
      logger: this.logger,
      mapping: this.mapping,
      options: {
        buddieBaseUrl: config.BUDDIE_DASHBOARD_URL,
        lengths: fieldLengths(describes),
        pacing: { slowdownShare: config.SALESFORCE_LIMIT_SLOWDOWN_SHARE, stopShare: config.SALESFORCE_LIMIT_STOP_SHARE, maxDelayMs: config.SALESFORCE_LIMIT_MAX_DELAY_MS, pauseMs: config.SALESFORCE_LIMIT_PAUSE_MS },
        backoff: { baseMs: config.SALESFORCE_RETRY_BASE_MS, maxMs: config.SALESFORCE_RETRY_MAX_MS },
        maxAttempts: 5,
        batchSize: config.SALESFORCE_BATCH_SIZE,
        taskCaseWaitMs: config.SALESFORCE_TASK_CASE_WAIT_MS,
        taskLinkRetentionMs: config.SALESFORCE_TASK_LINK_RETENTION_MS,
      },
    });
    this.logger.log(`mapping checked against describe (${[...describes.keys()].join(', ')}); API v${config.SALESFORCE_API_VERSION}`);
    // Whatever was left pending by an earlier run is due now.
    await this.reconciler.runOnce();
    this.reconciler.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.reconciler.stop();
    await this.batcher.stop();
    this.http.close();
  }
}
