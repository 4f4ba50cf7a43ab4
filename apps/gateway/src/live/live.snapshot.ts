import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '@buddie/config';
import type { Clock } from '@buddie/domain';
import { AgentAlertRepository, AgentStateRepository, ContactRepository, EscalationRepository, JourneyRepository, SummaryRepository, SyncStatusRepository, type Page } from '@buddie/persistence';
import { BUDDIE_CONFIG, CLOCK } from '@buddie/runtime';
import { toAgentAlertDto, toAgentDto, toEscalationDto, toJourneyBriefDto, toLiveContactDto, toSummaryBriefDto, toSyncStatusDto, type LiveCollection, type LiveRoomItems, type LiveSnapshot } from '@buddie/api-contract';
import type { Room } from './live.protocol';

const RECENT = 50;

type Item = LiveRoomItems[LiveCollection];

/** The repositories a snapshot reads; each is the owning app's table, read through libs/persistence. */
export interface SnapshotSources {
  agents: Pick<AgentStateRepository, 'get' | 'list'>;
  alerts: Pick<AgentAlertRepository, 'list'>;
  escalations: Pick<EscalationRepository, 'listByStatus'>;
  summaries: Pick<SummaryRepository, 'list'>;
  journeys: Pick<JourneyRepository, 'list'>;
  contacts: Pick<ContactRepository, 'list'>;
  sync: Pick<SyncStatusRepository, 'list'>;
}

/**
 * What a room looks like right now, read from the tables the owning apps write and mapped to the same
 * allow-listed DTOs the room's events carry. A client joins the room before the snapshot is read, so
 * anything that changes meanwhile also arrives as a delta: no gap.
 */
export class SnapshotReader {
  constructor(
    private readonly sources: SnapshotSources,
    private readonly limit: number,
    private readonly clock: Clock,
  ) {}

  async of(room: Room): Promise<LiveSnapshot> {
    const at = this.clock.now().toISOString();
    return { items: await this.items(room), at };
  }

  private async items(room: Room): Promise<Item[]> {
    const { agents, alerts, escalations, summaries, journeys, contacts, sync } = this.sources;
    if (room.startsWith('agent:')) {
      const agent = await agents.get(room.slice('agent:'.length));
      return agent ? [toAgentDto(agent)] : [];
    }
    if (room.startsWith('queue:')) {
      const name = room.slice('queue:'.length);
      return (await this.drain((cursor) => agents.list({ limit: 500, cursor, queue: name }))).map(toAgentDto);
    }
    switch (room) {
      case 'agents':
        return (await this.drain((cursor) => agents.list({ limit: 500, cursor }))).map(toAgentDto);
      case 'alerts':
        return (await this.drain((cursor) => alerts.list({ status: 'open', limit: 200, cursor }))).map(toAgentAlertDto);
      case 'escalations': {
        const open = await this.drain((cursor) => escalations.listByStatus({ status: 'open', limit: 200, cursor }));
        const acked = await this.drain((cursor) => escalations.listByStatus({ status: 'acknowledged', limit: 200, cursor }));
        return [...open, ...acked].map(toEscalationDto);
      }
      case 'summaries':
        return (await summaries.list({ limit: RECENT })).items.map(toSummaryBriefDto);
      case 'journeys':
        return (await journeys.list({ limit: RECENT })).items.map(toJourneyBriefDto);
      case 'contacts':
        return (await contacts.list({ limit: RECENT })).items.map(toLiveContactDto);
      case 'sync':
        return (await sync.list({ limit: RECENT })).items.map(toSyncStatusDto);
      default:
        return [];
    }
  }

  private async drain<T>(page: (cursor?: string) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const result = await page(cursor);
      items.push(...result.items);
      cursor = result.nextCursor ?? undefined;
    } while (cursor && items.length < this.limit);
    return items.slice(0, this.limit);
  }
}

/** The Nest-injected SnapshotReader over the gateway's repositories. */
@Injectable()
export class LiveSnapshots extends SnapshotReader {
  constructor(
    agents: AgentStateRepository,
    alerts: AgentAlertRepository,
    escalations: EscalationRepository,
    summaries: SummaryRepository,
    journeys: JourneyRepository,
    contacts: ContactRepository,
    sync: SyncStatusRepository,
    @Inject(BUDDIE_CONFIG) config: GatewayConfig,
    @Inject(CLOCK) clock: Clock,
  ) {
    super({ agents, alerts, escalations, summaries, journeys, contacts, sync }, config.LIVE_SNAPSHOT_LIMIT, clock);
  }
}
