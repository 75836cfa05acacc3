import type { ErrorResponseDto } from '@app/core';
import { validatorFor } from './openapi';

/** A response DTO as it travels: dates become ISO strings, everything else keeps its type. */
export type Json<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

/** The body of every 4xx/5xx answer: `http<ErrorBody>(...)` when a test expects an error. */
export type ErrorBody = Json<ErrorResponseDto>;

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: Json<T>;
  text: string;
}

export interface HttpOptions {
  json?: unknown;
  body?: string;
  headers?: Record<string, string>;
  token?: string;
  apiKey?: string;
}

/**
 * Tiny fetch wrapper: JSON in, status + headers + parsed body out. `T` is the response DTO of the
 * route (e.g. `http<McpToolDetailDto>(...)`). Every answer of one of our api processes is checked
 * against its OpenAPI document (status declared, body matching the schema): a mismatch fails the
 * test, so documentation and behaviour cannot drift.
 */
export async function http<T = any>(baseUrl: string, method: string, path: string, options: HttpOptions = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.json !== undefined || options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (metrics, HTML docs)
  }
  const validator = await validatorFor(baseUrl);
  const problems = validator?.check(method, path, response.status, response.headers, body, text) ?? [];
  if (problems.length) {
    throw new Error(`Response does not match the OpenAPI document:\n  ${problems.join('\n  ')}\nBody: ${text.slice(0, 2000)}`);
  }
  return { status: response.status, headers: response.headers, body: body as Json<T>, text };
}
