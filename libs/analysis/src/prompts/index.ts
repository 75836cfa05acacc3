/**
 * Prompts are versioned files: a change of wording is a new folder (v2/...) and a new
 * PROMPT_VERSION, recorded in every LLM result so answers can be traced to the prompt that asked.
 */
export const PROMPT_VERSION = 'v1';
export { feasibilityRequest, generateConfigRequest, improvementsRequest, repairRequest } from './v1/analysis.prompts';
export { RISK_CODES, SYSTEM } from './v1/system.prompt';
