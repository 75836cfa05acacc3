/** Where an LLM analyzer reports its cost: Prometheus in the worker, a tally in the evaluation. */
export interface LlmMeter {
  tokens(kind: 'input' | 'output', count: number): void;
  /** One model call, `outcome` = ok | invalid | error. */
  request(seconds: number, outcome: 'ok' | 'invalid' | 'error'): void;
}

export const NO_METER: LlmMeter = { tokens: () => undefined, request: () => undefined };
