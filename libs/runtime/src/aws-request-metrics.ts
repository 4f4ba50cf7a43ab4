import type { MetricsRegistry } from '@buddie/observability';
import type { MiddlewareStack } from '@smithy/types';

export const AWS_REQUESTS_METRIC = 'buddie_aws_requests_total';

/**
 * Counts every command a client sends (retries of one command count once), by service and operation:
 * `buddie_aws_requests_total{service="dynamodb",operation="UpdateItem"}`. What a batch costs in calls
 * is then measured, not guessed, on any machine. Returns the client.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any client's stack: the counter reads only the command name
export function countAwsRequests<C extends { middlewareStack: MiddlewareStack<any, any> }>(client: C, service: string, metrics: MetricsRegistry): C {
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
      metrics.increment(AWS_REQUESTS_METRIC, { service, operation }, 1, 'AWS API commands sent, by service and operation');
      return next(args);
    },
    { step: 'initialize', name: 'buddieRequestCounter' },
  );
  return client;
}
