import { PayloadTooLarge, ValidationFailed } from '@app/core';
import { configByteSize, MAX_CONFIG_BYTES } from './config/config-size';
import { validateToolConfig } from './config/validate-tool-config';

/** A config is accepted whole or not at all: 413 above the size limit, 422 listing every problem. */
export function assertValidConfig(config: unknown): void {
  if (configByteSize(config) > MAX_CONFIG_BYTES) throw PayloadTooLarge(MAX_CONFIG_BYTES);
  const issues = validateToolConfig(config);
  if (issues.length > 0) throw ValidationFailed(issues.map((issue) => ({ ...issue, loc: ['body', 'config', ...issue.loc] })));
}
