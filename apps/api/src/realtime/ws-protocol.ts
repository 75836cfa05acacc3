import { AppException, PlatformEvent, Subject, subjectFields, Topic, TOPICS } from '@app/core';

const MAX_ID_LENGTH = 128;

/** Messages a `/ws` client may send: the contract's `task_id` form, and `deployment_id` alike. */
export type ClientMessage = { type: 'subscribe' | 'unsubscribe'; subject: Subject } | { type: 'ping' };

export type ServerMessage =
  | PlatformEvent
  | ({ type: 'subscribed' | 'unsubscribed' } & Record<string, string>)
  | { type: 'pong' }
  | ({ type: 'error'; error_code: string; detail: string } & Record<string, string>);

/** The subject a subscribe or unsubscribe names, by whichever topic id field it carries; shared with Socket.IO. */
export function parseSubject(body: unknown): Subject {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  for (const topic of Object.keys(TOPICS) as Topic[]) {
    const id = fields[TOPICS[topic].idField];
    if (id === undefined) continue;
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || id.includes('\u0000')) {
      throw new AppException(422, 'VALIDATION_ERROR', `"${TOPICS[topic].idField}" must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
    }
    return { topic, id };
  }
  const names = Object.values(TOPICS).map((t) => `"${t.idField}"`);
  throw new AppException(422, 'VALIDATION_ERROR', `One of ${names.join(', ')} is required`);
}

export function parseClientMessage(raw: string): ClientMessage {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new AppException(400, 'INVALID_REQUEST', 'Message is not valid JSON');
  }
  const message = data as { type?: unknown };
  if (!data || typeof data !== 'object' || typeof message.type !== 'string') {
    throw new AppException(400, 'INVALID_REQUEST', 'Message must be a JSON object with a "type"');
  }
  if (message.type === 'ping') return { type: 'ping' };
  if (message.type !== 'subscribe' && message.type !== 'unsubscribe') {
    throw new AppException(400, 'INVALID_REQUEST', `Unknown message type "${message.type.slice(0, 64)}"`);
  }
  return { type: message.type, subject: parseSubject(data) };
}

/** An error as a message on an open socket; names the subject it is about, when there is one. */
export function errorMessage(err: unknown, subject?: Subject): ServerMessage {
  const known = err instanceof AppException ? err : undefined;
  return {
    type: 'error',
    error_code: known?.errorCode ?? 'INTERNAL_ERROR',
    detail: known && typeof known.detail === 'string' ? known.detail : 'An internal error occurred',
    ...(subject ? subjectFields(subject) : {}),
  };
}
