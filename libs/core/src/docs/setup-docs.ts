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

/** Swagger UI, the OpenAPI JSON and ReDoc, all served from local packages so they work offline. */
export function setupDocs(app: INestApplication, version: string): void {
  const document = buildDocument(app, version);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  const redocBundle = join(dirname(require.resolve('redoc/package.json')), 'bundles', 'redoc.standalone.js');
  const server = (app as NestExpressApplication).getHttpAdapter().getInstance() as Express;
  server.get('/api/redoc', (_req: Request, res: Response) => res.type('html').send(REDOC_PAGE));
  server.get('/api/redoc/redoc.standalone.js', (_req: Request, res: Response) => res.sendFile(redocBundle));
  new Logger('Start').log('API docs: /api/docs (Swagger UI), /api/redoc (ReDoc), /api/docs-json (OpenAPI)');
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
      .setDescription('Register, version, analyse, sync, deploy and search Model Context Protocol tools.')
      .setVersion(version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_AUTH)
      .build(),
    { operationIdFactory },
  );
  return completeDocument(document);
}
