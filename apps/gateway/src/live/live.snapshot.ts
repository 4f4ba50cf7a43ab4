import { Inject, Injectable } from '@nestjs/common';
import type { GatewayConfig } from '@buddie/config';
import type { Clock } from '@buddie/domain';
import { ContactRepository } from '@buddie/persistence';
import { BUDDIE_CONFIG, CLOCK } from '@buddie/runtime';
import { syncStatusOf } from '../sync/sync-status.mapper';
import { AGENT_ALERTS, AGENT_STATES, ESCALATIONS, JOURNEYS, SUMMARIES, TableReader, type Item } from '../common/table-reader';
import { queueNamesOf, type Room } from './live.protocol';

const RECENT = 50;

/**
 * What a room looks like right now, read from the tables the owning apps write. A client joins the
 * room before the snapshot is read, so anything that changes meanwhile also arrives as a delta: no gap.
 */
@Injectable()
export class LiveSnapshots {
  constructor(
    @Inject(AGENT_STATES) private readonly agents: TableReader,
    @Inject(AGENT_ALERTS) private readonly alerts: TableReader,
    @Inject(ESCALATIONS) private readonly escalations: TableReader,
    @Inject(SUMMARIES) private readonly summaries: TableReader,
    @Inject(JOURNEYS) private readonly journeys: TableReader,
    private readonly contacts: ContactRepository,
    @Inject(BUDDIE_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async of(room: Room): Promise<{ items: Item[]; at: string }> {
    const at = this.clock.now().toISOString();
    return { items: await this.items(room), at };
  }

  private async items(room: Room): Promise<Item[]> {
    if (room.startsWith('agent:')) {
      const agent = await this.agents.get({ agentId: room.slice('agent:'.length) });
      return agent ? [agent] : [];
    }
    if (room.startsWith('queue:')) {
      const name = room.slice('queue:'.length);
      return (await this.allAgents()).filter((agent) => queueNamesOf(agent).includes(name));
    }
    switch (room) {
      case 'agents':
        return this.allAgents();
      case 'alerts':
        return this.drain((cursor) => this.alerts.query('byStatus', { name: 'status', value: 'open' }, { limit: 200, cursor }));
      case 'escalations': {
        const open = await this.drain((cursor) => this.escalations.query('byStatus', { name: 'status', value: 'open' }, { limit: 200, cursor }));
        const acked = await this.drain((cursor) => this.escalations.query('byStatus', { name: 'status', value: 'acknowledged' }, { limit: 200, cursor }));
        return [...open, ...acked];
      }
      case 'summaries':
        return (await this.summaries.scan({ limit: RECENT })).items;
      case 'journeys':
        return (await this.journeys.scan({ limit: RECENT })).items;
      case 'contacts':
        return (await this.contacts.list({ limit: RECENT })).items as unknown as Item[];
      case 'sync':
        return (await this.contacts.list({ limit: RECENT })).items.map(syncStatusOf) as unknown as Item[];
      default:
        return [];
    }
  }

  private async allAgents(): Promise<Item[]> {
    const items = await this.drain((cursor) => this.agents.scan({ limit: 500, cursor }));
    return items.map(({ listPartition: _p, ...agent }) => agent);
  }

  private async drain(page: (cursor?: string) => Promise<{ items: Item[]; nextCursor: string | null }>): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | undefined;
    do {
      const result = await page(cursor);
      items.push(...result.items);
      cursor = result.nextCursor ?? undefined;
    } while (cursor && items.length < this.config.LIVE_SNAPSHOT_LIMIT);
    return items.slice(0, this.config.LIVE_SNAPSHOT_LIMIT);
  }
}
