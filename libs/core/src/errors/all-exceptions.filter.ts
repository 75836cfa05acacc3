import type {} from '../http/request-id.types';
import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { renderError } from './render-error';

/** The single place where errors become HTTP responses (STYLE.md rule 6). */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<Request>(), http.getResponse<Response>(), this.logger);
  }
}

export function sendError(exception: unknown, req: Request, res: Response, logger: Logger): void {
  const requestId = String(req.id ?? '');
  const rendered = renderError(exception, requestId);
  if (rendered.status >= 500) {
    // Message and stack only: driver errors carry query parameters, which may hold user data.
    const err = exception instanceof Error ? exception : new Error(String(exception));
    logger.error({ err: { name: err.name, message: err.message, stack: err.stack }, request_id: requestId }, 'Unhandled error');
  }
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(rendered.status).set(rendered.headers).json(rendered.body);
}
