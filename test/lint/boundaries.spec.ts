import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

interface Case {
  filePath: string;
  code: string;
}

/** Lints every snippet in one ESLint process (loading the config is the slow part); results keyed by path|code. */
function lint(cases: Case[]): Map<string, string[]> {
  const run = spawnSync(process.execPath, [path.join(__dirname, 'lint-snippets.mjs')], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as { messages: string[] }[];
  return new Map(cases.map((c, i) => [`${c.filePath}|${c.code}`, results[i].messages]));
}

const rejected: [string, string, RegExp][] = [
  ['libs/domain/src/agent/probe.ts', "import { readFileSync } from 'node:fs';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.ts', "import * as fs from 'fs';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.ts', "import { connect } from 'node:net';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.ts', "import { SQSClient } from '@aws-sdk/client-sqs';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.ts', "import { Injectable } from '@nestjs/common';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.ts', "import { ContactRepository } from '@buddie/persistence';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.ts', "import { EventPublisher } from '../../../messaging/src/event-publisher';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.ts', "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';", /DynamoDB is reached only through the repositories/],
  ['apps/gateway/src/agents/probe.ts', "import { PutCommand } from '@aws-sdk/lib-dynamodb';", /DynamoDB is reached only through the repositories/],
  ['apps/gateway/src/agents/probe.ts', "import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';", /DynamoDB is reached only through the repositories/],
  ['libs/runtime/src/probe.ts', "import { ListTablesCommand } from '@aws-sdk/client-dynamodb';", /DynamoDB is reached only through the repositories/],
  ['cli/commands/probe.ts', "import { ScanCommand } from '@aws-sdk/lib-dynamodb';", /DynamoDB is reached only through the repositories/],
  // Tests seed through the repositories too; the gateway e2e specs that were exceptions are none any more.
  ['apps/gateway/test/response-allow-list.e2e-spec.ts', "import { PutCommand } from '@aws-sdk/lib-dynamodb';", /DynamoDB is reached only through the repositories/],
  ['apps/gateway/test/dashboard.e2e-spec.ts', "import { PutCommand } from '@aws-sdk/lib-dynamodb';", /DynamoDB is reached only through the repositories/],
  ['apps/gateway/test/live-feed.e2e-spec.ts', "import { PutCommand } from '@aws-sdk/lib-dynamodb';", /DynamoDB is reached only through the repositories/],
  ['apps/gateway/src/agents/probe.ts', "import { SummarizerService } from '../../../summarizer/src/summarizer.service';", /Apps never import other apps/],
  ['apps/gateway/src/agents/probe.ts', "import { views } from '../../../dashboard/src/views';", /Apps never import other apps/],
  ['apps/dashboard/src/probe.tsx', "import type { LiveEvent } from '../../gateway/src/live/live.protocol';", /Apps never import other apps/],
  ['apps/summarizer/test/probe.int-spec.ts', "import { IngestionService } from '../../ingestion/src/ingestion.service';", /Apps never import other apps/],
  ['libs/messaging/src/probe.ts', "import { LiveHub } from '../../../apps/gateway/src/live/live.hub';", /libs\/ must not depend on apps/],
  // One clock: apps' and libs' code reads time through libs/domain clock.ts only.
  ['libs/runtime/src/auth/probe.ts', 'export const at = Date.now();', /injected Clock/],
  ['apps/gateway/src/auth/probe.ts', 'export const now: () => number = Date.now;', /injected Clock/],
  ['libs/persistence/src/probe.repository.ts', 'export const at = new Date().toISOString();', /injected Clock/],
  ['apps/agent-monitor/src/probe.service.ts', 'export const started = performance.now();', /injected Clock/],
  ['libs/domain/src/agent/probe.ts', 'export const at = new Date();', /injected Clock/],
  // libs/domain's specs and test helpers do no I/O either: no exception for them.
  ['libs/domain/src/agent/testing/probe.ts', "import { readFileSync } from 'node:fs';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.spec.ts', "import { readFileSync } from 'node:fs';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.spec.ts', "import { readdirSync } from 'fs';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.spec.ts', "import { SQSClient } from '@aws-sdk/client-sqs';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.spec.ts', "import { ContactRepository } from '@buddie/persistence';", /libs\/domain is pure/],
  ['libs/domain/src/agent/probe.spec.ts', "import { createTestEnvironment } from '@buddie/testing';", /libs\/domain specs read fixtures through libs\/testing\/src\/fixtures only/],
  ['libs/domain/src/agent/probe.spec.ts', "import { createTestEnvironment } from '../../../testing/src';", /libs\/domain specs read fixtures through libs\/testing\/src\/fixtures only/],
  ['libs/domain/src/agent/probe.spec.ts', "import { createTestEnvironment } from '../../../testing/src/test-environment';", /libs\/domain specs read fixtures through libs\/testing\/src\/fixtures only/],
];

const accepted: [string, string][] = [
  ['libs/domain/src/agent/probe.ts', "import { randomUUID } from 'node:crypto';\nimport { evolveAgent } from './agent-view.evolve';"],
  ['libs/domain/src/agent/probe.spec.ts', "import { readJson, sharedPath } from '../../../testing/src/fixtures';"],
  ['libs/domain/src/clock.ts', 'export const systemClock = { now: () => new Date() };\nexport const monotonicMs = () => performance.now();'],
  ['libs/runtime/src/auth/probe.ts', "import { monotonicMs, type Clock } from '@buddie/domain';\nexport const stamp = (clock: Clock) => clock.now().toISOString();\nexport const deadline = monotonicMs() + 1000;\nexport const parsed = new Date('2024-03-12T15:00:00Z');"],
  ['apps/gateway/test/probe.e2e-spec.ts', 'export const deadline = Date.now() + 15000;'],
  ['apps/gateway/src/auth/probe.spec.ts', 'export const now = new Date();'],
  ['bench/probe.ts', 'export const started = performance.now();'],
  ['libs/domain/src/agent/testing/probe.ts', "import { evolveAgent } from '../agent-view.evolve';"],
  ['libs/persistence/src/probe.repository.ts', "import { PutCommand } from '@aws-sdk/lib-dynamodb';"],
  ['libs/runtime/src/local/emulators.ts', "import { ListTablesCommand } from '@aws-sdk/client-dynamodb';"],
  ['apps/gateway/src/agents/probe.ts', "import { AgentStateRepository } from '@buddie/persistence';\nimport { LiveHub } from '../live/live.hub';"],
  ['apps/summarizer/test/probe.int-spec.ts', "import { toContactCompleted } from '../../ingestion/src/contact.mapper';"],
];

describe('lint boundaries (eslint.config.mjs)', () => {
  const cases = [...rejected.map(([filePath, code]) => ({ filePath, code })), ...accepted.map(([filePath, code]) => ({ filePath, code }))];
  let results: Map<string, string[]>;
  beforeAll(() => {
    results = lint(cases);
  }, 120000);

  it.each(rejected)('rejects in %s: %s', (filePath, code, message) => {
    const messages = results.get(`${filePath}|${code}`);
    expect(messages).toBeDefined();
    expect(messages!.some((m) => message.test(m))).toBe(true);
  });

  it.each(accepted)('accepts in %s: %s', (filePath, code) => {
    expect(results.get(`${filePath}|${code}`)).toEqual([]);
  });
});
