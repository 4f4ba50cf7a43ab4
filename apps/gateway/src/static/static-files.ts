import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticRequest {
  url: string;
}

export interface StaticReply {
  header(name: string, value: string): StaticReply;
  code(status: number): StaticReply;
  send(body: unknown): unknown;
}

/** The file under root a URL path names, or undefined; `..`, NUL and symlink-free escapes are refused. */
export function resolveStaticFile(root: string, urlPath: string, index = 'index.html'): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  let file = resolve(base, '.' + (decoded.startsWith('/') ? decoded : `/${decoded}`));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, index);
  // Next's static export writes /calls as calls.html.
  if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

/**
 * A small static file handler (the dashboard's export, Swagger UI's assets). @fastify/static would do,
 * but its ESM-only dependency cannot load under jest's CommonJS runtime, and the gateway is tested in-process.
 */
export function staticHandler(root: string, options: { stripPrefix?: string; immutable?: RegExp } = {}) {
  return (request: StaticRequest, reply: StaticReply): unknown => {
    const path = options.stripPrefix && request.url.startsWith(options.stripPrefix) ? request.url.slice(options.stripPrefix.length) || '/' : request.url;
    const file = resolveStaticFile(root, path);
    if (!file) return reply.code(404).header('content-type', 'application/json').send({ error: { code: 'NOT_FOUND', message: 'not found' } });
    const cache = options.immutable?.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply
      .header('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
      .header('cache-control', cache)
      .send(createReadStream(file));
  };
}
