import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/**
 * The guards' Reflector: route metadata comes from decorators and never changes once the app runs,
 * so each (route, key) lookup walks reflect-metadata's prototype chains once, not on every request
 * (the rate limiter alone makes some twenty lookups per request).
 */
@Injectable()
export class RouteMetadata extends Reflector {
  private readonly routes = new WeakMap<object, WeakMap<object, Map<unknown, unknown>>>();

  /** As Reflector's, for the `[handler, controller]` pair every guard passes; any other targets are not cached. */
  override getAllAndOverride<TResult = unknown, TKey = unknown>(key: TKey, targets: Parameters<Reflector['getAllAndOverride']>[1]): TResult {
    const [handler, controller] = targets;
    if (targets.length !== 2 || !handler || !controller) return super.getAllAndOverride<TResult, TKey>(key, targets);
    let byController = this.routes.get(handler);
    if (!byController) this.routes.set(handler, (byController = new WeakMap()));
    let values = byController.get(controller);
    if (!values) byController.set(controller, (values = new Map()));
    if (!values.has(key)) values.set(key, super.getAllAndOverride<TResult, TKey>(key, targets));
    return values.get(key) as TResult;
  }
}
