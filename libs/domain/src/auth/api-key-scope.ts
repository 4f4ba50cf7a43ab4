/**
 * What an API key may do. `read` < `write` < `admin` nest (each covers the ones before it);
 * `ingest` (the Connect intake) and `pii` (caller numbers and raw contact attributes) are granted
 * on their own and never implied, so neither a dashboard admin key nor an intake key sees or does
 * more than it was given.
 */
export const API_KEY_SCOPES = ['read', 'write', 'admin', 'ingest', 'pii'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const RANKED: Partial<Record<ApiKeyScope, number>> = { read: 1, write: 2, admin: 3 };

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === 'string' && (API_KEY_SCOPES as readonly string[]).includes(value);
}

/** True when the granted scopes cover the required one. */
export function scopesGrant(granted: readonly ApiKeyScope[], required: ApiKeyScope): boolean {
  const rank = RANKED[required];
  if (rank === undefined) return granted.includes(required);
  return granted.some((scope) => (RANKED[scope] ?? 0) >= rank);
}

/** The scope a route needs when it declares none: reading for safe methods, writing for the rest. */
export function defaultScopeFor(method: string): ApiKeyScope {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';
}

/** A stored or requested scope list, sorted and de-duplicated; an empty list is not a key. */
export function normalizeScopes(scopes: readonly ApiKeyScope[]): ApiKeyScope[] {
  return API_KEY_SCOPES.filter((scope) => scopes.includes(scope));
}
