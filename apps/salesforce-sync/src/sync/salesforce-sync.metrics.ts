import type { MetricsRegistry } from '@buddie/observability';
import type { SalesforceClient } from '../salesforce/salesforce.client';

/** The sync's own counters; exposed at /metrics (Prometheus text) by register(). */
export class SyncMetrics {
  synced = 0;
  /** Collections and query calls this process made (the org's usage is remaining() below). */
  apiCalls = 0;
  slowed = 0;
  paused = 0;
  readonly recordFailures = new Map<string, number>();
  readonly callFailures = new Map<string, number>();

  callsPerRecord(): number {
    return this.synced === 0 ? 0 : this.apiCalls / this.synced;
  }

  register(registry: MetricsRegistry, client: SalesforceClient, held?: () => number): void {
    if (held) registry.gauge('buddie_salesforce_records_held', held, 'records held in memory (due, in flight, waiting for a retry, being taken in)');
    registry.gauge('buddie_salesforce_records_synced_total', () => this.synced, 'records Salesforce confirmed');
    registry.gauge('buddie_salesforce_api_calls_total', () => this.apiCalls, 'Salesforce API calls made by this process');
    registry.gauge('buddie_salesforce_calls_per_record', () => this.callsPerRecord(), 'API calls per synced record');
    registry.gauge('buddie_salesforce_records_failed_total', () => [...this.recordFailures.values()].reduce((a, b) => a + b, 0), 'records rejected (see the DLQ for reasons)');
    registry.gauge('buddie_salesforce_paced_calls_total', () => this.slowed, 'calls delayed near the daily allocation');
    registry.gauge('buddie_salesforce_api_remaining', () => (client.lastUsage ? client.lastUsage.limit - client.lastUsage.used : -1), 'daily API allocation left (-1 until Salesforce reported it)');
    for (const code of ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'DUPLICATE_VALUE', 'DUPLICATE_EXTERNAL_ID', 'INVALID_FIELD', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'STRING_TOO_LONG', 'INVALID_CROSS_REFERENCE_KEY']) {
      registry.gauge(`buddie_salesforce_record_failures_${code.toLowerCase()}`, () => this.recordFailures.get(code) ?? 0, `records rejected with ${code}`);
    }
    for (const code of ['REQUEST_LIMIT_EXCEEDED', 'SERVER_UNAVAILABLE', 'TIMEOUT', 'NETWORK', 'INVALID_SESSION_ID']) {
      registry.gauge(`buddie_salesforce_call_failures_${code.toLowerCase()}`, () => this.callFailures.get(code) ?? 0, `whole calls that failed with ${code}`);
    }
  }
}
