/** Injection token for the analyzer LLM_PROVIDER selects. */
export const ANALYZER = Symbol('ANALYZER');
