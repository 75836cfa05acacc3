import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
import { RateLimited, rateLimitRejections } from '@app/core';
import { RouteMetadata } from '../guards/route-metadata';
import type { PrincipalCounted } from './failed-auth.limiter';
import { HashedKeys } from './hashed-keys';
import { PRINCIPAL, principalTracker } from './rate-limit.policy';
import { RedisThrottlerStorage, throttlerRecord } from './redis-throttler.storage';

/** A principal's count taken in the authentication's Redis trip (FailedAuthLimiter), by request. */
const countedInAuthentication = new WeakMap<object, PrincipalCounted>();
const ROUTE_OPTIONS = [THROTTLER_SKIP, THROTTLER_LIMIT, THROTTLER_TTL, THROTTLER_TRACKER, THROTTLER_KEY_GENERATOR, THROTTLER_BLOCK_DURATION];

/** @nestjs/throttler's guard answering in the contract's 429 shape with `retry_after`. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly hashedKeys = new HashedKeys();

  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions, @InjectThrottlerStorage() storage: ThrottlerStorage, routeMetadata: RouteMetadata) {
    super(options, storage, routeMetadata);
  }

  /**
   * The Redis key and length of the window `userId`'s request to this route counts in, for the
   * authentication to take the count in its own round trip. Undefined where the route has any
   * throttler option of its own for the principal limit, or skips it: the guard counts those itself.
   */
  principalWindow(context: ExecutionContext, userId: string): { key: string; windowMs: number } | undefined {
    const throttler = this.throttlers.find((t) => t.name === PRINCIPAL);
    if (!throttler || typeof throttler.ttl !== 'number' || !(this.storageService instanceof RedisThrottlerStorage)) return undefined;
    const targets = [context.getHandler(), context.getClass()];
    if (ROUTE_OPTIONS.some((option) => this.reflector.getAllAndOverride(option + PRINCIPAL, targets) !== undefined)) return undefined;
    if ((throttler.skipIf ?? this.commonOptions.skipIf)?.(context) || (throttler.ignoreUserAgents ?? this.commonOptions.ignoreUserAgents)) return undefined;
    const generateKey = throttler.generateKey ?? this.commonOptions.generateKey!;
    return { key: this.storageService.counterKey(PRINCIPAL, generateKey(context, principalTracker(userId), PRINCIPAL)), windowMs: throttler.ttl };
  }

  /** The library's key (a SHA-256 of route, throttler and tracker), hashed once per principal and route. */
  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    return this.hashedKeys.get(`${context.getClass().name}-${context.getHandler().name}-${name}-${suffix}`, () => super.generateKey(context, suffix, name));
  }

  /** Called by the authentication when its trip took the count of `principalWindow(...).key`. */
  countedInAuthentication(req: object, counted: PrincipalCounted): void {
    countedInAuthentication.set(req, counted);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  /**
   * A count the authentication already took goes through the library's own steps (key, headers,
   * 429) in place of the storage's round trip; were the key not the one counted, the storage counts.
   */
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const counted = request.throttler.name === PRINCIPAL ? countedInAuthentication.get(request.context.switchToHttp().getRequest()) : undefined;
    if (!counted) return super.handleRequest(request);
    const storage = this.storageService as RedisThrottlerStorage;
    const taken: ThrottlerStorage = {
      increment: async (key, ttl, limit, blockDuration, name) =>
        storage.counterKey(name, key) === counted.key ? throttlerRecord(counted.hits, counted.pttlMs, limit) : storage.increment(key, ttl, limit, blockDuration, name),
    };
    return super.handleRequest.call(Object.create(this, { storageService: { value: taken } }), request);
  }

  /** The 429 carries the standard `Retry-After`; the throttler's per-name `Retry-After-<name>` twins are internals. */
  protected override setResponseHeader(response: Record<string, unknown>, name: string, value: string | number): void {
    if (!name.startsWith('Retry-After')) super.setResponseHeader(response, name, value);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    rateLimitRejections.inc({ limit: 'requests' });
    throw RateLimited(Math.max(1, detail.timeToBlockExpire));
  }
}
