import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as Pino } from 'pino';
import type { AppConfig } from '../config/app-config';
import { AllExceptionsFilter, sendError } from '../errors/all-exceptions.filter';
import { ApiValidationPipe } from '../validation/api-validation.pipe';
import { bodyReadError, jsonBodyParser } from './json-body.middleware';
import { requestLog } from '../logging/request-log';
import { httpMetricsMiddleware } from '../metrics/http-metrics.middleware';
import { hasRawBody, mountRawBodyParsers, rawBodyRoutes } from './raw-body-routes';
import { requestIdMiddleware } from './request-id.middleware';
import { ScreenInputGuard } from './screen-input.guard';
import { corsMiddleware, securityHeaders } from './security-headers';

/**
 * HTTP plumbing shared by both apps: request ids, body parsing, input screening, validation,
 * errors. Routes declared with @RawBody get their bytes (and their own limit) instead of the JSON
 * parser; both parsers' errors leave through the same error renderer as everything else.
 */
export function configureHttp(app: INestApplication, config: AppConfig, log: Pino): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  // No hashing of every JSON body into a weak ETag: responses are no-store, and the routes with
  // conditional requests (a tool's If-Match) set their own ETag.
  express.set('etag', false);
  express.set('trust proxy', config.trustProxy);
  const setSecurityHeaders = securityHeaders();
  const logWhenFinished = requestLog(log);
  const cors = corsMiddleware(config);
  // One middleware for what every request gets first: each express layer is a router step per request.
  express.use((req: Request, res: Response, next: NextFunction) => {
    setSecurityHeaders(req, res);
    logWhenFinished(req, res);
    requestIdMiddleware(req, res, () => cors(req, res, next));
  });
  const logger = new Logger('Errors');
  mountRawBodyParsers(express.getHttpAdapter().getInstance(), rawBodyRoutes(app), (err, req, res) => sendError(bodyReadError(err), req, res, logger));
  const parseJson = jsonBodyParser(config.bodyLimit);
  // The metrics start where a body was read (what the parsers refuse is not counted), in the parser's layer.
  express.use((req: Request, res: Response, next: NextFunction) => {
    const measured = () => httpMetricsMiddleware(req, res, next);
    return hasRawBody(req) ? measured() : parseJson(req, res, measured);
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalGuards(new ScreenInputGuard());
  app.useGlobalPipes(new ApiValidationPipe());
}
