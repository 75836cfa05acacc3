import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Express, Request, Response } from 'express';
import { dirname, join } from 'node:path';

export const BEARER_AUTH = 'bearer';
export const API_KEY_AUTH = 'api-key';

const REDOC_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>MCP Platform API: ReDoc</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="/api/docs-json"></redoc><script src="/api/redoc/redoc.standalone.js"></script></body></html>`;

/** Swagger UI, the OpenAPI JSON and ReDoc, all served from local packages so they work offline. */
export function setupDocs(app: INestApplication, version: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('MCP Platform API')
      .setDescription('Register, version, analyse, sync, deploy and search Model Context Protocol tools.')
      .setVersion(version)
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH)
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_AUTH)
      .addSecurityRequirements(BEARER_AUTH)
      .addSecurityRequirements(API_KEY_AUTH)
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  const redocBundle = join(dirname(require.resolve('redoc/package.json')), 'bundles', 'redoc.standalone.js');
  const server = (app as NestExpressApplication).getHttpAdapter().getInstance() as Express;
  server.get('/api/redoc', (_req: Request, res: Response) => res.type('html').send(REDOC_PAGE));
  server.get('/api/redoc/redoc.standalone.js', (_req: Request, res: Response) => res.sendFile(redocBundle));
}
