import { Logger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { AllExceptionsFilter, sendError } from '../errors/all-exceptions.filter';
import { ApiValidationPipe } from '../validation/api-validation.pipe';
import { hasRawBody, mountRawBodyParsers, rawBodyRoutes } from './raw-body-routes';
import { requestIdMiddleware } from './request-id.middleware';

/**
 * HTTP plumbing shared by both apps. The JSON parser is ours (Nest's is disabled) so that its
 * errors (malformed JSON, oversized body) leave through the same error renderer as everything else.
 * Routes declared with @RawBody get their bytes (and their own limit) instead of the JSON parser.
 */
export function configureHttp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback');
  express.use(requestIdMiddleware);
  const parse = json({ limit: config.bodyLimit });
  const logger = new Logger('Errors');
  mountRawBodyParsers(express.getHttpAdapter().getInstance(), rawBodyRoutes(app), (err, req, res) => sendError(err, req, res, logger));
  express.use((req: Request, res: Response, next: NextFunction) =>
    hasRawBody(req) ? next() : parse(req, res, (err?: unknown) => (err ? sendError(err, req, res, logger) : next())),
  );
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(new ApiValidationPipe());
}
