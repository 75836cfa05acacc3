import { AppException, TaskUpdateEvent } from '@app/core';

/** Messages a `/ws` client may send (the contract's "WebSocket Message Types"). */
export type ClientMessage = { type: 'subscribe' | 'unsubscribe'; task_id: string } | { type: 'ping' };

export type ServerMessage =
  | TaskUpdateEvent
  | { type: 'subscribed' | 'unsubscribed'; task_id: string }
  | { type: 'pong' }
  | { type: 'error'; error_code: string; detail: string; task_id?: string };

export function parseClientMessage(raw: string): ClientMessage {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new AppException(400, 'INVALID_REQUEST', 'Message is not valid JSON');
  }
  const message = data as { type?: unknown; task_id?: unknown };
  if (!data || typeof data !== 'object' || typeof message.type !== 'string') {
    throw new AppException(400, 'INVALID_REQUEST', 'Message must be a JSON object with a "type"');
  }
  if (message.type === 'ping') return { type: 'ping' };
  if (message.type !== 'subscribe' && message.type !== 'unsubscribe') {
    throw new AppException(400, 'INVALID_REQUEST', `Unknown message type "${message.type.slice(0, 64)}"`);
  }
  if (typeof message.task_id !== 'string') {
    throw new AppException(422, 'VALIDATION_ERROR', '"task_id" is required');
  }
  return { type: message.type, task_id: message.task_id };
}

export function errorMessage(err: unknown, taskId?: string): ServerMessage {
  const known = err instanceof AppException ? err : undefined;
  return {
    type: 'error',
    error_code: known?.errorCode ?? 'INTERNAL_ERROR',
    detail: known && typeof known.detail === 'string' ? known.detail : 'An internal error occurred',
    ...(taskId ? { task_id: taskId } : {}),
  };
}
