import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { repairRequest } from '../prompts';
import type { LlmMeter } from './llm-meter';
import { addUsage, noUsage, type TokenUsage, usageOf } from './token-usage';

/** One analysis' structured output: the zod schema, the tool/schema name, and checks beyond the schema. */
export interface ReplySpec<T> {
  name: string;
  schema: z.ZodType<T>;
  /** Problems the schema cannot express (say, the registry's validation of a generated config). */
  check?: (value: T) => string[];
}

export interface CallOptions {
  signal: AbortSignal;
  meter: LlmMeter;
  /** Runs (and raises) each call: maps provider failures and enforces the timeout. */
  guard: <R>(call: (signal: AbortSignal) => Promise<R>) => Promise<R>;
}

/** The reply stayed invalid after the repair round. */
export class InvalidModelOutput extends Error {
  constructor(
    readonly problems: string[],
    readonly usage: TokenUsage,
  ) {
    super(`the model's reply did not validate after a repair round (${problems.slice(0, 3).join('; ')})`);
  }
}

/** The JSON Schema handed to the provider (tool parameters or response format); zod validates what comes back. */
function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function issuesOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

function payloadOf(raw: AIMessage): unknown {
  if (raw.tool_calls?.length) return raw.tool_calls[0].args;
  const text = typeof raw.content === 'string' ? raw.content : '';
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Asks through LangChain's structured output (tool calling or JSON schema, as the provider does it)
 * and validates the reply with zod; an invalid reply gets one repair round that names the problems.
 */
export async function structuredReply<T>(
  model: BaseChatModel,
  messages: BaseMessage[],
  spec: ReplySpec<T>,
  options: CallOptions,
): Promise<{ value: T; usage: TokenUsage }> {
  const runnable = model.withStructuredOutput(jsonSchemaOf(spec.schema), { name: spec.name, includeRaw: true });
  let usage = noUsage();
  let conversation = messages;
  let problems: string[] = [];
  for (let round = 0; round < 2; round++) {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    let reply: { raw: BaseMessage; parsed: unknown } | undefined;
    try {
      reply = await options.guard((signal) => runnable.invoke(conversation, { signal }));
    } catch (err) {
      if (!isUnparseable(err)) {
        options.meter.request(seconds(), 'error');
        throw err;
      }
      problems = ['the reply was not valid JSON'];
    }
    const raw = reply?.raw instanceof AIMessage ? reply.raw : undefined;
    const callUsage = usageOf(raw);
    usage = addUsage(usage, callUsage);
    options.meter.tokens('input', callUsage.input_tokens);
    options.meter.tokens('output', callUsage.output_tokens);
    if (reply) {
      const parsed = spec.schema.safeParse(reply.parsed ?? (raw ? payloadOf(raw) : undefined));
      problems = parsed.success ? (spec.check?.(parsed.data) ?? []) : issuesOf(parsed.error);
      if (parsed.success && problems.length === 0) {
        options.meter.request(seconds(), 'ok');
        return { value: parsed.data, usage };
      }
    }
    options.meter.request(seconds(), 'invalid');
    conversation = [...messages, new HumanMessage(repairRequest(problems))];
  }
  throw new InvalidModelOutput(problems, usage);
}

/** Errors that mean "the reply could not be read", raised by parsers inside the SDKs (OpenAI's parse of JSON-schema replies). */
function isUnparseable(err: unknown): boolean {
  const name = (err as Error | undefined)?.name ?? '';
  return err instanceof SyntaxError || name === 'OutputParserException' || name === 'LengthFinishReasonError' || name === 'ZodError';
}
