import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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

  it('unwraps the EventBridge event of the CTR pipe, as POST /ingest/ctr does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddie-parse-'));
    const file = join(dir, 'piped.json');
    const record = JSON.parse(readFileSync(sharedPath('fixtures', 'synthetic', 'ctr-07-chat.json'), 'utf8')) as { ContactId: string };
    const envelope = { version: '0', id: 'e-1', 'detail-type': 'Amazon Connect Contact Trace Record', source: 'buddie.ctr-pipe', account: '111122223333', time: '2024-03-12T15:00:00Z', region: 'us-east-1', resources: [], detail: record };
    writeFileSync(file, JSON.stringify(envelope));
    const result = buddie('parse', 'ctr', file);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ContactId: record.ContactId });
  });

  it('names the file, line and column of a JSON syntax error and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddie-parse-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "ContactId": "x",\n}\n');
    const result = buddie('parse', 'ctr', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}: not valid JSON at line 3, column 1`);
  });

  it('names the file and line of a broken line in a .jsonl file, and still prints the good lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddie-parse-'));
    const file = join(dir, 'events.jsonl');
    const good = readFileSync(sharedPath('fixtures', 'synthetic', 'agent-events-01-jdoe-shift-inbound-call-hold-acw.jsonl'), 'utf8').split('\n')[0];
    writeFileSync(file, `${good}\n{"AgentARN": \n${good}\n`);
    const result = buddie('parse', 'agent-event', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:2: not valid JSON at line 2`);
    expect(JSON.parse(result.stdout)).toHaveLength(2);
  });

  it('works in a checkout that was never built (right after npm ci): bin/buddie.js runs the sources', () => {
    // A clone without dist/: the repository's sources and installed modules, linked into a fresh folder.
    const clone = mkdtempSync(join(tmpdir(), 'buddie-clone-'));
    for (const entry of ['cli', 'libs', 'apps', 'node_modules', 'package.json', 'tsconfig.json']) symlinkSync(join(root, entry), join(clone, entry));
    mkdirSync(join(clone, 'bin'));
    for (const file of readdirSync(join(root, 'bin'))) copyFileSync(join(root, 'bin', file), join(clone, 'bin', file));
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    const result = spawnSync(process.execPath, [join(clone, 'bin', 'buddie.js'), 'parse', 'ctr', sharedPath('fixtures', 'synthetic', 'ctr-07-chat.json')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ Channel: 'CHAT' });
  });

  it('reads a Contact Lens real-time segment stream saved as one JSON array as one transcript', () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddie-parse-'));
    const file = join(dir, 'realtime.json');
    const events = ['started', 'segments', 'completed'].map((n) => JSON.parse(readFileSync(sharedPath('fixtures', 'real', 'connect-docs', `contact-lens-realtime-segment-stream-${n}.json`), 'utf8')) as unknown);
    writeFileSync(file, JSON.stringify(events));
    const result = buddie('parse', 'transcript', file);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ source: 'contact-lens-realtime', turns: [{ role: 'AGENT' }, { role: 'CUSTOMER' }] });
  });

  it('refuses an unknown kind', () => {
    const result = buddie('parse', 'fax', sharedPath('fixtures', 'synthetic', 'ctr-07-chat.json'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("unknown kind 'fax'");
  });
});
