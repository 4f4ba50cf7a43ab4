import { startEmulators, type RunningEmulators } from '@buddie/runtime';

declare global {
  var __BUDDIE_EMULATORS__: RunningEmulators | undefined;
}

/**
 * Jest globalSetup for the integration and e2e tiers: one set of emulators per test run, shared by
 * every test file; each file isolates itself with its own resource prefix (see createTestEnvironment).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.BUDDIE_TEST_DYNAMODB_ENDPOINT) return;
  const emulators = await startEmulators();
  globalThis.__BUDDIE_EMULATORS__ = emulators;
  process.env.BUDDIE_TEST_DYNAMODB_ENDPOINT = emulators.endpoints.dynamodb;
  process.env.BUDDIE_TEST_SQS_ENDPOINT = emulators.endpoints.sqs;
  process.env.BUDDIE_TEST_KINESIS_ENDPOINT = emulators.endpoints.kinesis;
}
