import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { JourneyBriefDto, LiveContactDto, SummaryBriefDto } from '@buddie/api-contract';
import type { GatewayConfig } from '@buddie/config';
import { createLogger } from '@buddie/observability';
import { secureHttp, startEventTransport } from '@buddie/runtime';
import { GatewayModule } from './gateway.module';
import { LiveIoAdapter } from './live/redis-io.adapter';
import { staticHandler } from './static/static-files';

const SWAGGER_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Buddie API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#ui', persistAuthorization: true });</script>
</body></html>`;

export function corsOrigins(config: GatewayConfig): string[] {
  return config.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * The gateway as a Fastify Nest app: security headers, CORS limited to the configured origins, body
 * cap, OpenAPI at /docs, the live feed (Redis-fanned when REDIS_URL is set) and, when DASHBOARD_DIR
 * points at the dashboard's static export, the dashboard itself at /.
 */
export async function createGatewayApp(config: GatewayConfig, options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const module = GatewayModule.forRoot(config);
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({
      bodyLimit: config.MAX_BODY_BYTES,
      trustProxy: config.BUDDIE_MODE === 'aws',
      // Long enough that over-long ids reach validation and get the usual 400 body rather than the router's bare 414.
      routerOptions: { maxParamLength: 1024 },
    }),
    // bodyParser off: no form-urlencoded parser; secureHttp leaves JSON as the only body type (415 otherwise).
    { logger: options.logger === false ? false : createLogger('gateway', config.LOG_LEVEL, config.LOG_FORMAT), bufferLogs: false, bodyParser: false },
  );
  const origins = corsOrigins(config);
  await secureHttp(app, {
    defaultSrc: ["'self'"],
    // Next's static export and Swagger UI both bootstrap with inline scripts.
    scriptSrc: ["'self'", "'unsafe-inline'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'", 'ws:', 'wss:'],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
  });
  app.enableCors({ origin: origins.length ? origins : false, methods: ['GET', 'POST', 'DELETE'], allowedHeaders: ['x-api-key', 'authorization', 'content-type'], maxAge: 600 });
  await startEventTransport(app, module);
  app.useWebSocketAdapter(new LiveIoAdapter(app, { origins, redisUrl: config.REDIS_URL, channelPrefix: config.RESOURCE_PREFIX }));

  const fastify = app.getHttpAdapter().getInstance();
  if (config.API_DOCS ?? config.BUDDIE_MODE === 'local') {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Buddie API')
        .setDescription('Contacts, summaries, agents and alerts, journeys, escalations and Salesforce sync status. Send an API key as x-api-key.')
        .setVersion('v1')
        .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
        .addSecurityRequirements('api-key')
        .build(),
      // The live feed's item DTOs that no REST route returns: declared here so the socket contract is documented too.
      { extraModels: [LiveContactDto, SummaryBriefDto, JourneyBriefDto] },
    );
    SwaggerModule.setup('docs', app, document, { ui: false, raw: ['json'], jsonDocumentUrl: 'docs/openapi.json' });
    const swaggerUi = dirname(require.resolve('swagger-ui-dist/package.json'));
    fastify.get('/docs', (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').send(SWAGGER_PAGE));
    fastify.get('/docs/assets/*', staticHandler(swaggerUi, { stripPrefix: '/docs/assets' }));
  }

  const dashboard = config.DASHBOARD_DIR ? resolve(config.DASHBOARD_DIR) : undefined;
  if (dashboard && existsSync(resolve(dashboard, 'index.html'))) {
    // Fastify prefers every declared route over the wildcard, so /api, /docs and /health stay the API's.
    fastify.get('/*', staticHandler(dashboard, { immutable: /[\\/]_next[\\/]static[\\/]/ }));
  }
  return app;
}

export async function startGateway(config: GatewayConfig, options: { logger?: boolean } = {}): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createGatewayApp(config, options);
  await app.listen(config.PORT, config.BUDDIE_MODE === 'aws' ? '0.0.0.0' : '127.0.0.1');
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
