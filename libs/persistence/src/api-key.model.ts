import type { ApiKeyScope } from '@buddie/domain';

export { API_KEY_SCOPES, type ApiKeyScope } from '@buddie/domain';

/** The api-keys table (written by the CLI and the gateway's admin routes): one item per key. */
/** What is stored: never the key itself, only its SHA-256 (keys carry 192 random bits, so no slow hash is needed). */
export interface ApiKeyRecord {
  keyId: string;
  name: string;
  /** Everything the key may do (see API_KEY_SCOPES); keys stored before scope lists carry `scope` alone. */
  scopes: ApiKeyScope[];
  hash: string;
  createdAt: string;
  revokedAt?: string;
  lastUsedAt?: string;
}

export type ApiKeySummary = Omit<ApiKeyRecord, 'hash'>;
