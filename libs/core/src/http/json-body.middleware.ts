import { Logger } from '@nestjs/common';
import { json, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { sendError } from '../errors/all-exceptions.filter';
import { InvalidRequest } from '../errors/domain-errors';
import { exceedsDepth, MAX_JSON_DEPTH } from '../validation/json-depth';
import { limitInBytes, plainJsonBody } from './plain-json-body';

export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * body-parser marks its own errors with `type`; a 4xx without one is zlib's, passed on by body-parser:
 * a body that would not inflate. Used for the JSON parser and the raw-body routes' parsers alike.
 */
export function bodyReadError(err: unknown): unknown {
  const { type, status } = (err ?? {}) as { type?: string; status?: number };
  if (type || !status || status >= 500) return err;
  return InvalidRequest('Invalid request format: the body is not valid data for its Content-Encoding');
}

/**
 * Our JSON body parser (Nest's is disabled) so that its errors (malformed JSON, oversized body, bad
 * gzip/deflate) leave through the same error renderer as everything else, and so that nesting is
 * bounded before anything recursive (class-transformer, validators, services) sees the body.
 */
export function jsonBodyParser(bodyLimit: string): RequestHandler {
  const parse = plainJsonBody(limitInBytes(bodyLimit), json({ limit: bodyLimit, type: JSON_MEDIA_TYPES }));
  const logger = new Logger('Errors');
  return (req: Request, res: Response, next: NextFunction) =>
    parse(req, res, (err?: unknown) => {
      if (err) return sendError(bodyReadError(err), req, res, logger);
      if (exceedsDepth(req.body)) {
        return sendError(InvalidRequest(`Invalid request format: JSON nested deeper than ${MAX_JSON_DEPTH} levels`), req, res, logger);
      }
      next();
    });
}
