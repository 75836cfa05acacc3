import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { raw, type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { RAW_BODY, type RawBodyOptions } from './raw-body.decorator';

export interface RawBodyRoute extends RawBodyOptions {
  method: string;
  path: string;
}

const asList = (value: string | string[] | undefined): string[] => (Array.isArray(value) ? value : [value ?? '']);
const joinPath = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;

/** Every handler declared with @RawBody, with the method and full path Nest will route it under. */
export function rawBodyRoutes(app: INestApplication): RawBodyRoute[] {
  const routes: RawBodyRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (!metatype) continue;
      const prototype = (metatype as { prototype: Record<string, unknown> }).prototype;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (typeof handler !== 'function') continue;
        const options = Reflect.getMetadata(RAW_BODY, handler) as RawBodyOptions | undefined;
        if (!options) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        for (const base of asList(Reflect.getMetadata(PATH_METADATA, metatype))) {
          for (const path of asList(Reflect.getMetadata(PATH_METADATA, handler))) routes.push({ method, path: joinPath(base, path), limit: options.limit });
        }
      }
    }
  }
  return routes;
}

/** The request was read by a @RawBody route's parser; the JSON parser must leave it alone. */
export function hasRawBody(req: Request): boolean {
  return Buffer.isBuffer((req as { rawBody?: unknown }).rawBody);
}

/**
 * Mounts a byte parser with the route's own limit in front of each @RawBody route; it must be
 * mounted before the JSON parser. Parser errors (413, bad encoding) go to `onError`.
 */
export function mountRawBodyParsers(
  express: Express,
  routes: RawBodyRoute[],
  onError: (err: unknown, req: Request, res: Response) => void,
): void {
  for (const route of routes) {
    const parse = raw({ type: () => true, limit: route.limit });
    const handler: RequestHandler = (req: Request, res: Response, next: NextFunction) =>
      parse(req, res, (err?: unknown) => {
        if (err) return onError(err, req, res);
        (req as { rawBody?: Buffer }).rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        next();
      });
    (express as unknown as Record<string, (path: string, handler: RequestHandler) => void>)[route.method](route.path, handler);
  }
}
