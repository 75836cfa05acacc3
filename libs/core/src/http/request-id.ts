import { randomUUID } from 'node:crypto';
import { AsyncLocalStorage } from 'node:async_hooks';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client-supplied id is kept when it is short and printable, so it can never inject into logs. */
export function resolveRequestId(incoming: unknown): string {
  return typeof incoming === 'string' && ACCEPTED.test(incoming) ? incoming : randomUUID();
}

const storage = new AsyncLocalStorage<{ requestId: string }>();

/** Carries the request id through async work so services can put it into job data. */
export const requestContext = {
  run<T>(requestId: string, fn: () => T): T {
    return storage.run({ requestId }, fn);
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
};
