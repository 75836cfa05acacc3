import type { AIMessage } from '@langchain/core/messages';

/** Tokens a result cost, summed over every model call of the analysis (the repair round included). */
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
}

export const noUsage = (): TokenUsage => ({ input_tokens: 0, output_tokens: 0 });

export function usageOf(message: AIMessage | undefined): TokenUsage {
  const meta = message?.usage_metadata;
  return { input_tokens: meta?.input_tokens ?? 0, output_tokens: meta?.output_tokens ?? 0 };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input_tokens: a.input_tokens + b.input_tokens, output_tokens: a.output_tokens + b.output_tokens };
}
