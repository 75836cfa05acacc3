import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer } from '../loopback-server';
import { defaultReply } from './default-replies';

/** What the stand-in answers to one chat call; everything optional. */
export interface ScriptedReply {
  /** HTTP status of an error answer (429, 500...), in the provider's error format. */
  status?: number;
  headers?: Record<string, string>;
  /** Wait before answering; a client that goes away (aborted request) ends the wait. */
  delayMs?: number;
  /** The structured output: sent as a tool call or as JSON content, as the request asked. Default: a valid reply for the requested schema. */
  payload?: unknown;
  /** Raw assistant text instead of a payload (e.g. not JSON at all). */
  text?: string;
}

/** One chat request as received: the parsed body, the whole text the model was given, and the structured-output name. */
export interface ChatCall {
  body: Record<string, any>;
  text: string;
  schemaName?: string;
  receivedAt: number;
  /** Set when the client closed the connection before the answer (cancellation, timeout). */
  abortedAt?: number;
}

/**
 * The part every LLM stand-in shares: a loopback HTTP server, a script deciding each chat call's
 * answer (by call number and request), and the record of what the model was sent.
 */
export abstract class ScriptedLlm extends LoopbackServer {
  readonly chats: ChatCall[] = [];
  script: (call: number, request: ChatCall) => ScriptedReply = () => ({});
  /** Model names the provider lists (the worker checks LLM_MODEL against them at start). */
  models: string[] = [];

  /** What the provider's base-URL variable points at (OpenAI's includes `/v1`). */
  get baseUrl(): string {
    return this.url;
  }

  get calls(): number {
    return this.chats.length;
  }

  reset(): void {
    this.chats.length = 0;
    this.script = () => ({});
  }

  /** Answers one provider endpoint; false when the path is not one this provider has. */
  protected abstract route(method: string, path: string, body: string, res: ServerResponse): Promise<boolean> | boolean;
  protected abstract errorBody(status: number): object;

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!(await this.route(req.method ?? 'GET', path, body, res))) res.writeHead(404).end();
  }

  /** Records the call, runs the script, waits and answers errors; returns the reply to encode, or undefined when already answered. */
  protected async chat(call: ChatCall, res: ServerResponse): Promise<{ reply: ScriptedReply; content: string } | undefined> {
    this.chats.push(call);
    const reply = this.script(this.chats.length, call);
    if (reply.delayMs) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, reply.delayMs);
        res.once('close', () => (clearTimeout(timer), resolve()));
      });
    }
    if (res.destroyed || res.writableEnded) {
      call.abortedAt = Date.now();
      return undefined;
    }
    if (reply.status && reply.status >= 400) {
      this.json(res, reply.status, this.errorBody(reply.status), reply.headers);
      return undefined;
    }
    const content = reply.text ?? JSON.stringify(reply.payload ?? defaultReply(call.schemaName));
    return { reply, content };
  }

  protected json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }
}

/** The text of a chat request outside the quoted <knowledge_document> elements: what the model takes as instructions. */
export function unquotedText(text: string): string {
  return text.replace(/<knowledge_document[\s\S]*?<\/knowledge_document>/g, '');
}

/** Message contents as plain text, whatever the provider's content shape (string or blocks). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : (part?.text ?? JSON.stringify(part)))).join('\n');
  return content === undefined ? '' : JSON.stringify(content);
}
