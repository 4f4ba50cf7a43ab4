import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderEventTable } from './event-table';

const README = path.resolve(__dirname, '../../../README.md');
const BEGIN = '<!-- event-table:begin (checked by libs/messaging/src/event-table.spec.ts) -->';
const END = '<!-- event-table:end -->';

describe('README event table', () => {
  it('matches the catalog and the routing table (on failure, paste the expected table between the markers)', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(text.slice(start + BEGIN.length, end).trim()).toBe(renderEventTable());
  });
});
