import { CloudWatchLogsClient, FilterLogEventsCommand, type FilterLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { readFlowLogMessage, type FlowLogEntry } from '@buddie/connect';

export interface FlowLogSearchOptions {
  logGroupName: string;
  /** Pages per search; a contact's entries fit in a few, so a runaway token loop stops here. */
  maxPages?: number;
  maxAttempts?: number;
  baseBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface FlowLogSearchResult {
  entries: FlowLogEntry[];
  /** Log events whose message was not a valid flow log entry. */
  invalid: number;
  pages: number;
  /** True when maxPages ended the search while CloudWatch still had a nextToken. */
  truncated: boolean;
}

const THROTTLING = new Set(['ThrottlingException', 'ServiceUnavailableException', 'LimitExceededException', 'TooManyRequestsException']);

/**
 * In AWS, the entries of one contact straight from the flow log group (FilterLogEvents), for a contact
 * whose subscription deliveries did not arrive. A contact's entries can be spread over several log
 * streams, so the whole group is searched by ContactId. CloudWatch may return an empty page that still
 * carries a nextToken (it searched a time slice with nothing in it): only a missing token ends the search.
 * Throttling is retried with jittered backoff; other errors are the caller's.
 */
export class FlowLogSearchAdapter {
  private readonly maxPages: number;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly options: FlowLogSearchOptions,
  ) {
    this.maxPages = options.maxPages ?? 50;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.baseBackoffMs = options.baseBackoffMs ?? 250;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async entriesOf(contactId: string, window: { from: Date; to: Date }): Promise<FlowLogSearchResult> {
    if (!/^[A-Za-z0-9-]{1,256}$/.test(contactId)) throw new Error(`not a contact id: ${contactId.slice(0, 80)}`);
    const entries: FlowLogEntry[] = [];
    let invalid = 0;
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await this.page(contactId, window, nextToken);
      pages++;
      for (const event of page.events ?? []) {
        // The same reading as the subscription stream's: bounded size and depth, then the entry's validation.
        const read = readFlowLogMessage(event.message ?? '');
        if (read.ok && read.entry.ContactId === contactId) entries.push(read.entry);
        else invalid++;
      }
      nextToken = page.nextToken ?? undefined;
    } while (nextToken && pages < this.maxPages);
    return { entries, invalid, pages, truncated: nextToken !== undefined };
  }

  private async page(contactId: string, window: { from: Date; to: Date }, nextToken: string | undefined): Promise<FilterLogEventsCommandOutput> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.client.send(
          new FilterLogEventsCommand({
            logGroupName: this.options.logGroupName,
            filterPattern: `{ $.ContactId = "${contactId}" }`,
            startTime: window.from.getTime(),
            endTime: window.to.getTime(),
            nextToken,
          }),
        );
      } catch (error) {
        const name = (error as { name?: string }).name ?? '';
        if (!THROTTLING.has(name) || attempt >= this.maxAttempts) throw error;
        const cap = this.baseBackoffMs * 2 ** (attempt - 1);
        await this.sleep(cap / 2 + Math.random() * (cap / 2));
      }
    }
  }
}
