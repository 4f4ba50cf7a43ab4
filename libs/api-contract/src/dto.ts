/**
 * The API's response shapes only (no mappers, no server imports): what the dashboard imports, type-only,
 * as `@buddie/api-contract` (see apps/dashboard/tsconfig.json).
 */
export * from './page.dto';
export * from './contact.dto';
export * from './summary.dto';
export * from './agent.dto';
export * from './journey.dto';
export * from './escalation.dto';
export * from './sync-status.dto';
export * from './auth.dto';
export * from './live.dto';
export * from './transcript.dto';
