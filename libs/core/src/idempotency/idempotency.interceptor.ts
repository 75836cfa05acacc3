import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { Conflict, ValidationFailed } from '../errors/domain-errors';
import { IdempotencyStore } from './idempotency.store';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Response headers that belong to the replayed answer (say, a new tool's ETag). */
const REPLAYED_HEADERS = ['etag', 'location'];
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

const keyIssue = (msg: string, type: string) => ValidationFailed([{ loc: ['header', IDEMPOTENCY_HEADER], msg, type }]);

/**
 * `Idempotency-Key` on a creating POST (see `@Idempotent()`): the first request with a key acts and
 * its successful answer is kept for 24 h; the same key with the same request replays that answer
 * (`Idempotent-Replayed: true`) instead of acting twice; with a different request it is a 422; while
 * the first is still running, a 409. Keys are per principal. A failed request forgets its key, so
 * the client's retry acts.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(private readonly store: IdempotencyStore) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request & { user?: { id: string } }>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = req.header(IDEMPOTENCY_HEADER);
    if (key === undefined || !req.user) return next.handle();
    if (!VALID_KEY.test(key)) throw keyIssue('Idempotency-Key must be 1 to 255 visible ASCII characters', 'string_pattern_mismatch');
    const principal = req.user.id;
    const claim = await this.store.claim(principal, key, requestFingerprint(req.method, req.originalUrl, req.body));
    switch (claim.kind) {
      case 'mismatch':
        throw keyIssue('This Idempotency-Key was already used with a different request', 'idempotency_key_reused');
      case 'in-progress':
        throw Conflict('A request with this Idempotency-Key is still being processed; retry shortly');
      case 'replay':
        res.status(claim.response.status).set({ ...claim.response.headers, 'Idempotent-Replayed': 'true' });
        return of(claim.response.body);
      case 'claimed':
        break;
    }
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => (res.getHeader(name) ? [[name, String(res.getHeader(name))]] : [])));
        // The work is done: failing to remember it must not turn success into an error.
        await this.store
          .complete(principal, key, { status: res.statusCode, headers, body })
          .catch((err: Error) => this.logger.warn(`Idempotency-Key response not stored: ${err.message}`));
        return body;
      }),
      catchError((err: unknown) =>
        from(this.store.release(principal, key).catch(() => undefined)).pipe(mergeMap(() => throwError(() => err))),
      ),
    );
  }
}
