import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, Request, Response } from 'express';
import { AppException, renderError } from '@app/core';

const MCP_ENDPOINT = '/mcp/:slug/v1';

/**
 * The gateway serves MCP statelessly, so the 2025-11-25 GET (server-initiated SSE stream) and DELETE
 * (end a session) are answered 405, which the spec names for this case and clients handle. They
 * are plain express routes, registered after the controllers and before the not-found handler,
 * because an operation without a success response has no place in the OpenAPI route table.
 */
@Injectable()
export class MethodNotAllowedRoutes implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const app = this.adapter.httpAdapter?.getInstance<Express>();
    if (!app) return;
    const refuse = (req: Request, res: Response) => {
      const error = new AppException(405, 'METHOD_NOT_ALLOWED', `Method ${req.method} is not allowed on this endpoint`, { allowed: ['POST'] }, { Allow: 'POST' });
      const rendered = renderError(error, String(req.id ?? ''));
      res.status(rendered.status).set(rendered.headers).json(rendered.body);
    };
    app.get(MCP_ENDPOINT, refuse);
    app.delete(MCP_ENDPOINT, refuse);
  }
}
