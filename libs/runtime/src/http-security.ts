import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** A CSP for services that answer JSON only: nothing may load, frame or run. */
export const API_ONLY_CSP: Record<string, string[]> = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/**
 * What every service's HTTP surface shares: security headers (helmet: CSP, HSTS, nosniff, frame
 * denial, no referrer) and bodies in JSON only. Nest's own parsers are off (the app is created with
 * bodyParser: false), so no form-urlencoded parser exists, and Fastify's text/plain parser is removed:
 * any other media type is a 415 before a handler runs.
 */
export async function secureHttp(app: NestFastifyApplication, csp: Record<string, string[]> = API_ONLY_CSP): Promise<void> {
  // @fastify/helmet's types target a newer fastify minor than Nest's adapter re-exports; the plugin itself is compatible.
  await app.register(helmet as unknown as Parameters<NestFastifyApplication['register']>[0], {
    contentSecurityPolicy: { directives: csp },
    crossOriginEmbedderPolicy: false,
  });
  app.getHttpAdapter().getInstance().removeContentTypeParser(['text/plain']);
}
