import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedPath } from '../../libs/connect/src/testing';

const root = join(__dirname, '..', '..');
const buddie = (...args: string[]) =>
  spawnSync(process.execPath, ['-r', join(root, 'bin', 'ts-register.js'), join(root, 'cli', 'main.ts'), ...args], { encoding: 'utf8' });

describe('buddie parse', () => {
  it.each([
    ['ctr', sharedPath('fixtures', 'synthetic', 'ctr-02b-inbound-transferred-second-leg.json')],
    ['agent-event', sharedPath('fixtures', 'synthetic', 'agent-events-01-jdoe-shift-inbound-call-hold-acw.jsonl')],
    ['flow-log', sharedPath('fixtures', 'synthetic', 'contact-flow-log-04-ivr-only-menu-timeout-nomatch-hangup.jsonl')],
    ['transcript', sharedPath('fixtures', 'real', 'transcribe-docs', 'transcribe-batch-output-channel-identification.json')],
  ])('prints the normalized %s as JSON and exits 0', (kind, file) => {
    const result = buddie('parse', kind, file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });

  it('prints every validation error with its field path and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddie-parse-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ContactId: 'x', Channel: 'FAX', InitiationMethod: 'INBOUND', LastUpdateTimestamp: 'soon' }));
    const result = buddie('parse', 'ctr', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Channel');
    expect(result.stderr).toContain('LastUpdateTimestamp');
    expect(result.stderr).toContain('InitiationTimestamp');
  });

  it('refuses an unknown kind', () => {
    const result = buddie('parse', 'fax', sharedPath('fixtures', 'synthetic', 'ctr-07-chat.json'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unknown kind 'fax'");
  });
});
