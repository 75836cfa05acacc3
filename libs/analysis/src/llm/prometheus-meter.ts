import type { Counter, Histogram } from 'prom-client';
import type { LlmMeter } from './llm-meter';

export const LLM_TOKENS_TOTAL = 'llm_tokens_total';
export const LLM_REQUEST_DURATION = 'llm_request_duration_seconds';

/** The worker's meter: `llm_tokens_total{provider, model, kind}` and `llm_request_duration_seconds{provider, model, outcome}`. */
export function prometheusMeter(tokens: Counter<string>, duration: Histogram<string>, provider: string, model: string): LlmMeter {
  return {
    tokens: (kind, count) => {
      if (count > 0) tokens.inc({ provider, model, kind }, count);
    },
    request: (seconds, outcome) => duration.observe({ provider, model, outcome }, seconds),
  };
}
