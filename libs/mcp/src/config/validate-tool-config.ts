import type { ValidationIssue } from '@app/core';
import { isRecord, notObject } from './issue-builders';
import { validateRestMappings } from './validate-rest-mappings';
import { validateServers } from './validate-servers';
import { validateTools } from './validate-tools';

/**
 * Validates a tool config as a whole; `loc` is relative to the config. Keys other than `servers`
 * and `tools` are kept: teams store their own metadata next to them (e.g. GitHub sync provenance).
 */
export function validateToolConfig(config: unknown): ValidationIssue[] {
  if (!isRecord(config)) return [notObject([])];
  return [...validateServers(config.servers), ...validateTools(config.tools), ...validateRestMappings(config)];
}
