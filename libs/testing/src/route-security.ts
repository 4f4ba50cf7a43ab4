import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { BuddieConfig } from '@buddie/config';
import { API_KEY_SCOPES, scopesGrant, type ApiKeyScope } from '@buddie/domain';
import { ApiKeyRepository } from '@buddie/persistence';
import { BUDDIE_CONFIG, routeRequirement, type RouteRequirement } from '@buddie/runtime';

export interface NestRoute {
  method: string;
  /** Fastify's spelling: `/api/v1/keys/:id`. */
  path: string;
  controller: string;
  handler: string;
  requirement: RouteRequirement;
}

type Handler = (...args: unknown[]) => unknown;

function joinPath(...parts: string[]): string {
  const path = parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');
  return `/${path}`;
}

/**
 * Every route Nest registered in the app, with what the global guard will demand of it, read the way
 * the guard reads it (routeRequirement over the handler's and controller's metadata).
 */
export function nestRoutes(app: NestFastifyApplication): NestRoute[] {
  const discovery = app.get(DiscoveryService);
  const reflector = app.get(Reflector);
  const config = app.get<BuddieConfig>(BUDDIE_CONFIG);
  const scanner = new MetadataScanner();
  const routes: NestRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller) continue;
    const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined ?? '/'].flat();
    const prototype = controller.prototype as Record<string, Handler>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (paths === undefined || verb === undefined) continue;
      const methods = verb === RequestMethod.ALL ? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] : [RequestMethod[verb]];
      for (const prefix of prefixes)
        for (const path of [paths].flat())
          for (const method of methods) {
            routes.push({ method, path: joinPath(prefix, path), controller: controller.name, handler: name, requirement: routeRequirement(reflector, handler, controller, method, config) });
          }
    }
  }
  return routes;
}

/** A concrete URL for a route pattern: parameters get a harmless well-formed value. */
export function samplePath(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, 'probe1').replace(/\*$/, 'probe1');
}

/** The same path spelled differently: each segment's first letter percent-encoded, upper and lower hex. */
export function encodedVariants(path: string): string[] {
  const segments = path.split('/');
  const encodeFirst = (upper: boolean) =>
    segments
      .map((segment) => {
        if (!/^[A-Za-z]/.test(segment)) return segment;
        const hex = segment.charCodeAt(0).toString(16);
        return `%${upper ? hex.toUpperCase() : hex}${segment.slice(1)}`;
      })
      .join('/');
  const firstOnly = path.replace(/^\/([A-Za-z])/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`);
  return [...new Set([firstOnly, encodeFirst(false), encodeFirst(true)])].filter((variant) => variant !== path);
}

export interface ProbeReply {
  status: number;
  body: string;
}

/** One request through node:http, the path sent byte for byte as given (fetch would normalize it). */
export function probe(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<ProbeReply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * An absolute-form request target (`GET http://host/api/... HTTP/1.1`, RFC 9112 3.2.2) on a raw
 * socket: no HTTP client sends one for an origin server, an attacker's script does.
 */
export function probeAbsoluteForm(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<ProbeReply> {
  const url = new URL(baseUrl);
  const lines = [`${method} http://${url.host}${path} HTTP/1.1`, `Host: ${url.host}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (body !== undefined) lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`));
    let raw = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1] ?? 0);
      resolve({ status, body: raw.slice(raw.indexOf('\r\n\r\n') + 4) });
    });
  });
}

/** For each required scope, the strongest key that still lacks it: every other scope that does not grant it. */
export function scopesLacking(required: ApiKeyScope): ApiKeyScope[] {
  return API_KEY_SCOPES.filter((scope) => !scopesGrant([scope], required));
}

export interface RouteProbeResult {
  route: string;
  variant: string;
  case: 'no key' | 'wrong key' | 'lower scope';
  status: number;
  expected: number;
}

/**
 * Proves deny-by-default over every route the app registered: each non-public route refuses no key and
 * a wrong key (401) and a key lacking its scope (403), for its plain path, percent-encoded spellings
 * and an absolute-form target. Returns every probe that answered otherwise (an empty list passes),
 * plus the routes themselves so a caller can assert on the public ones.
 */
export async function probeEveryRoute(app: NestFastifyApplication, baseUrl: string): Promise<{ routes: NestRoute[]; failures: RouteProbeResult[]; probes: number }> {
  const routes = nestRoutes(app);
  const fastify = app.getHttpAdapter().getInstance();
  const unregistered = routes.filter((route) => !fastify.hasRoute({ method: route.method as 'GET', url: route.path }));
  if (unregistered.length > 0) throw new Error(`discovered routes Fastify does not know (the enumeration is wrong): ${unregistered.map((r) => `${r.method} ${r.path}`).join(', ')}`);
  const keys = app.get(ApiKeyRepository);
  const keyFor = new Map<string, string>();
  const lacking = async (scope: ApiKeyScope) => {
    const scopes = scopesLacking(scope);
    const id = scopes.join(',');
    if (!keyFor.has(id)) keyFor.set(id, (await keys.create({ name: `lacks ${scope}`, scopes, createdAt: new Date().toISOString() })).key);
    return keyFor.get(id)!;
  };
  const wrongKey = 'bk_000000000000_' + 'A'.repeat(32);
  const failures: RouteProbeResult[] = [];
  let probes = 0;
  for (const route of routes) {
    if (route.requirement.public) continue;
    const path = samplePath(route.path);
    const body = ['GET', 'HEAD', 'DELETE'].includes(route.method) ? undefined : '{}';
    const cases: { name: RouteProbeResult['case']; headers: Record<string, string>; expected: number }[] = [
      { name: 'no key', headers: {}, expected: 401 },
      { name: 'wrong key', headers: { 'x-api-key': wrongKey }, expected: 401 },
    ];
    for (const scope of route.requirement.scopes) cases.push({ name: 'lower scope', headers: { 'x-api-key': await lacking(scope) }, expected: 403 });
    const variants: { name: string; send: (headers: Record<string, string>) => Promise<ProbeReply> }[] = [
      { name: path, send: (headers) => probe(baseUrl, route.method, path, headers, body) },
      ...encodedVariants(path).map((variant) => ({ name: variant, send: (headers: Record<string, string>) => probe(baseUrl, route.method, variant, headers, body) })),
      { name: `absolute-form ${path}`, send: (headers: Record<string, string>) => probeAbsoluteForm(baseUrl, route.method, path, headers, body) },
      ...encodedVariants(path).map((variant) => ({ name: `absolute-form ${variant}`, send: (headers: Record<string, string>) => probeAbsoluteForm(baseUrl, route.method, variant, headers, body) })),
    ];
    for (const [index, variant] of variants.entries())
      for (const probeCase of cases) {
        probes += 1;
        const reply = await variant.send(probeCase.headers);
        // Another spelling the router does not resolve (404) cannot reach the handler either; the plain path must be refused.
        const tolerated = index > 0 && reply.status === 404;
        if (reply.status !== probeCase.expected && !tolerated) {
          failures.push({ route: `${route.method} ${route.path}`, variant: variant.name, case: probeCase.name, status: reply.status, expected: probeCase.expected });
        }
      }
  }
  return { routes, failures, probes };
}
