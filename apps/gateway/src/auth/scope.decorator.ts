import { SetMetadata } from '@nestjs/common';
import type { ApiKeyScope } from '@buddie/persistence';

export const REQUIRED_SCOPE = 'buddie:required-scope';

/** The scope a route needs. Routes under /api without it need `read` for GET and `write` otherwise. */
export const RequireScope = (scope: ApiKeyScope) => SetMetadata(REQUIRED_SCOPE, scope);

const RANK: Record<ApiKeyScope, number> = { read: 1, write: 2, admin: 3 };

/** Scopes nest: admin can do what write can, write what read can. */
export function scopeSatisfies(granted: ApiKeyScope, required: ApiKeyScope): boolean {
  return RANK[granted] >= RANK[required];
}

export function defaultScopeFor(method: string): ApiKeyScope {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';
}
