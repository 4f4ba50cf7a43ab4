import { MetricsRegistry } from './metrics';

describe('MetricsRegistry', () => {
  it('given increments with labels in any order, then one series per label set, counted by value()', () => {
    const metrics = new MetricsRegistry();
    metrics.increment('buddie_queue_processed_total', { queue: 'ingestion', outcome: 'ok' });
    metrics.increment('buddie_queue_processed_total', { outcome: 'ok', queue: 'ingestion' }, 2);
    metrics.increment('buddie_queue_processed_total', { queue: 'ingestion', outcome: 'dead-lettered' });

    expect(metrics.value('buddie_queue_processed_total', { outcome: 'ok', queue: 'ingestion' })).toBe(3);
    expect(metrics.value('buddie_queue_processed_total', { queue: 'ingestion', outcome: 'dead-lettered' })).toBe(1);
    expect(metrics.value('buddie_queue_processed_total')).toBe(0);
    expect(metrics.value('never_counted_total')).toBe(0);
  });

  it('renders the Prometheus text format: HELP and TYPE once per metric, labels sorted, gauges read at render time', () => {
    const metrics = new MetricsRegistry();
    let depth = 4;
    metrics.increment('buddie_auth_failures_total', { reason: 'invalid' }, 1, 'failed authentications by reason');
    metrics.increment('buddie_auth_failures_total', { reason: 'missing' });
    metrics.increment('buddie_events_total');
    metrics.gauge('buddie_queue_depth', () => depth, 'messages waiting');
    depth = 7;

    expect(metrics.render()).toBe(
      [
        '# HELP buddie_auth_failures_total failed authentications by reason',
        '# TYPE buddie_auth_failures_total counter',
        'buddie_auth_failures_total{reason="invalid"} 1',
        'buddie_auth_failures_total{reason="missing"} 1',
        '# HELP buddie_events_total buddie_events_total',
        '# TYPE buddie_events_total counter',
        'buddie_events_total 1',
        '# HELP buddie_queue_depth messages waiting',
        '# TYPE buddie_queue_depth gauge',
        'buddie_queue_depth 7',
        '',
      ].join('\n'),
    );
  });

  it('given a label value with a quote, backslash or newline (input that reached a label), then it cannot break or forge an exposition line', () => {
    const metrics = new MetricsRegistry();
    metrics.increment('buddie_rejected_total', { reason: 'bad"\\\nbuddie_forged_total 999' });

    const lines = metrics.render().split('\n');
    expect(lines).toContain('buddie_rejected_total{reason="bad___buddie_forged_total 999"} 1');
    expect(lines.some((line) => line.startsWith('buddie_forged_total'))).toBe(false);
  });
});
