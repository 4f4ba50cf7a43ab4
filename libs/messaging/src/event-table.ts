import { BUDDIE_EVENT_TYPES, EVENT_CATALOG } from './event-catalog';
import { EVENT_CONSUMERS } from './routing-table';

/** The README's event table, rendered from the catalog and the routing table (README.md, "Events"). */
export function renderEventTable(): string {
  const rows = BUDDIE_EVENT_TYPES.map((type) => {
    const definition = EVENT_CATALOG[type];
    const fields = definition.fields.map((field) => `\`${field}\``).join(', ');
    return `| ${type} | ${definition.version} | ${definition.producers.join(', ')} | ${EVENT_CONSUMERS[type].join(', ')} | ${definition.summary} | ${fields} |`;
  });
  return ['| event | v | producer | consumer queues | when | fields (besides `schemaVersion`, `correlationId`, `occurredAt`) |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
