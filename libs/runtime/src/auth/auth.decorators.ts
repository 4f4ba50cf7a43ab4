import { SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { BuddieConfig } from '@buddie/config';
import { defaultScopeFor, type ApiKeyScope } from '@buddie/domain';

export const PUBLIC_ROUTE = 'buddie:public-route';
export const REQUIRED_SCOPES = 'buddie:required-scopes';

/** Decides from the app's config whether a route is public (e.g. /metrics only where configured). */
export type PublicWhen = (config: BuddieConfig) => boolean;

/**
 * Marks a route (or a whole controller) as reachable without a key, on purpose. Everything else is
 * authenticated: the global RouteAuthGuard reads this marker from the matched handler, never the URL.
 */
export const Public = (when: PublicWhen | true = true) => SetMetadata(PUBLIC_ROUTE, when);

/** The scopes a route needs (all of them). Without it: `read` for GET/HEAD, `write` for anything else. */
export const Scopes = (...scopes: [ApiKeyScope, ...ApiKeyScope[]]) => SetMetadata(REQUIRED_SCOPES, scopes);

/** One scope; the spelling the gateway's controllers use. */
export const RequireScope = (scope: ApiKeyScope) => Scopes(scope);

export type RouteRequirement = { public: true } | { public: false; scopes: ApiKeyScope[] };

type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

/**
 * What the matched route demands, from its handler's and controller's metadata alone. The guard and
 * the route-enumeration test both ask this one function, so they cannot disagree.
 */
export function routeRequirement(reflector: Reflector, handler: Target, controller: Target, method: string, config: BuddieConfig): RouteRequirement {
  const open = reflector.getAllAndOverride<PublicWhen | true | undefined>(PUBLIC_ROUTE, [handler, controller]);
  if (open === true || (typeof open === 'function' && open(config))) return { public: true };
  const declared = reflector.getAllAndOverride<ApiKeyScope[] | undefined>(REQUIRED_SCOPES, [handler, controller]);
  return { public: false, scopes: declared?.length ? declared : [defaultScopeFor(method)] };
}
