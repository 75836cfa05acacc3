import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Express, Request, Response } from 'express';
import { dirname, join } from 'node:path';
import { API_KEY_AUTH, BEARER_AUTH } from './api-auth.decorator';
import { completeDocument } from './complete-document';

const REDOC_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>MCP Platform API: ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/api/docs-json"></redoc><script src="/api/redoc/redoc.standalone.js"></script></body></html>`;

export const ASYNCAPI_PATH = '/api/asyncapi.json';
/** The AsyncAPI document of the realtime protocols, provided by the api's realtime module. */
export const ASYNCAPI_DOCUMENT = Symbol('ASYNCAPI_DOCUMENT');

/**
 * What Swagger UI shows above the operations: where the rest of the documentation is. The guide's
 * pages are named by their path in the repository, which every clone has; nothing links outside it.
 */
const DESCRIPTION = [
  'Register, version, analyse, sync, deploy and search Model Context Protocol tools.',
  '',
  `Realtime (\`/ws\`, Socket.IO, SSE \`/events\`): the AsyncAPI 3 document at [${ASYNCAPI_PATH}](${ASYNCAPI_PATH}).`,
  '',
  'The guide lives in the repository under `docs/`:',
  '- `docs/walkthrough.md`: every endpoint group with curl (runs in CI)',
  '- `docs/deployments.md`: deployment lifecycle, runtimes (remote MCP, stdio locally or on Kubernetes, REST APIs as tools) and the MCP gateway',
  '- `docs/realtime.md`: `/ws` messages, Socket.IO events and authentication, SSE event names and ids, close codes',
  '- `docs/errors.md`: the error shape and every `error_code` with its causes',
  '- `docs/configuration.md`: every environment variable and `.env`',
  '- `docs/operations.md`: Idempotency-Key, limits and rate limits, health, metrics, dashboards',
].join('\n');

/**
 * Swagger UI, the OpenAPI JSON, ReDoc and the AsyncAPI document of the realtime protocols, all
 * served from local packages so they work offline.
 */
export function setupDocs(app: INestApplication, version: string): void {
  const document = buildDocument(app, version);
  const asyncApi = app.get<object>(ASYNCAPI_DOCUMENT, { strict: false });
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  const redocBundle = join(dirname(require.resolve('redoc/package.json')), 'bundles', 'redoc.standalone.js');
  const server = (app as NestExpressApplication).getHttpAdapter().getInstance() as Express;
  server.get('/api/redoc', (_req: Request, res: Response) => res.type('html').send(REDOC_PAGE));
  server.get('/api/redoc/redoc.standalone.js', (_req: Request, res: Response) => res.sendFile(redocBundle));
  server.get(ASYNCAPI_PATH, (_req: Request, res: Response) => res.json(asyncApi));
  new Logger('Start').log(`API docs: /api/docs (Swagger UI), /api/redoc (ReDoc), /api/docs-json (OpenAPI), ${ASYNCAPI_PATH} (AsyncAPI)`);
}

/** `McpsController.get` → `mcpsGet`: the method names of a generated client. */
const operationIdFactory = (controller: string, method: string) =>
  `${controller.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}${method.replace(/^./, (c) => c.toUpperCase())}`;

/**
 * The OpenAPI document. Security is declared per operation by the auth decorators (no global
 * requirement), so public routes show no lock.
 */
export function buildDocument(app: INestApplication, version: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('MCP Platform API')
      .setDescription(DESCRIPTION)
      .setVersion(version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_AUTH)
      .build(),
    { operationIdFactory },
  );
  return completeDocument(document);
}
