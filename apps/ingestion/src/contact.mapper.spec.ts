import { readdirSync } from 'node:fs';
import { parseCtr, type ContactTraceRecord } from '@buddie/connect';
import { EVENT_CATALOG, assertPublishable } from '@buddie/messaging';
import type { ContactItem } from '@buddie/persistence';
import { readJson, sharedPath } from '../../../libs/connect/src/testing';
import { toContactCompleted, toContactWrite } from './contact.mapper';

const CTR_FILES = readdirSync(sharedPath('fixtures', 'synthetic')).filter((name) => /^ctr-.*\.json$/.test(name));

function stored(ctr: ContactTraceRecord): ContactItem {
  return { ...toContactWrite(ctr), status: 'completed', ctrUpdatedAtMs: Date.parse(ctr.LastUpdateTimestamp), pipeline: {} };
}

describe('toContactCompleted', () => {
  it.each(CTR_FILES)('given the stored contact of %s, then its ContactCompleted detail is exactly the catalog shape', (file) => {
    const parsed = parseCtr(readJson(sharedPath('fixtures', 'synthetic', file)));
    if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
    const detail = toContactCompleted(stored(parsed.value), false, 'corr-1');
    // What the publisher sends: the mapper's fields plus the stamped ones, checked strictly.
    expect(() => assertPublishable('ContactCompleted', { ...detail, schemaVersion: EVENT_CATALOG.ContactCompleted.version, occurredAt: '2024-03-12T14:00:00Z' })).not.toThrow();
    expect(Object.keys(detail).sort()).toEqual([...EVENT_CATALOG.ContactCompleted.fields, 'correlationId'].sort());
  });
});
