import { CreateStreamCommand, DescribeStreamSummaryCommand, ResourceInUseException, type KinesisClient } from '@aws-sdk/client-kinesis';

export interface StreamDefinition {
  logicalName: string;
  shardCount: number;
  purpose: string;
}

/** Kinesis streams Buddie reads; in AWS, Connect (or a CloudWatch Logs subscription) writes them. */
export const STREAMS = {
  agentEvents: { logicalName: 'agent-events', shardCount: 2, purpose: 'Amazon Connect agent event stream' },
  flowLogs: { logicalName: 'flow-logs', shardCount: 1, purpose: 'CloudWatch Logs subscription of the contact flow log group' },
} satisfies Record<string, StreamDefinition>;

export async function ensureStreams(kinesis: KinesisClient, definitions: StreamDefinition[], physical: (logical: string) => string): Promise<void> {
  for (const def of definitions) {
    const StreamName = physical(def.logicalName);
    try {
      await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: def.shardCount }));
    } catch (error) {
      if (!(error instanceof ResourceInUseException) && (error as { name?: string }).name !== 'ResourceInUseException') throw error;
    }
    for (let i = 0; i < 100; i++) {
      const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName }));
      if (summary.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
