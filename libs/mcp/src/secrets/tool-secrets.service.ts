import { Injectable } from '@nestjs/common';
import { SecretBox, ValidationFailed, type ValidationIssue } from '@app/core';
import { ConfigPath, isSecretPath, mapSecrets, SECRET_MASK, valueAt } from './secret-fields';

/** Binds a sealed value to its tool and its place in the config: moved elsewhere, it does not open. */
const contextOf = (toolId: string, path: ConfigPath) => `mcp_tool:${toolId}:${JSON.stringify(path)}`;

/**
 * Secrets of tool configs at rest: sealed in the row (`mcp_tools.config`), masked everywhere else.
 * Values stored before encryption existed are still plain text and are sealed on their next write.
 */
@Injectable()
export class ToolSecrets {
  constructor(private readonly box: SecretBox) {}

  /** `plain` never holds ciphertext: stored configs are opened before they are written again. */
  seal(toolId: string, plain: Record<string, unknown>): Record<string, unknown> {
    return mapSecrets(plain, (value, path) => this.box.seal(value, contextOf(toolId, path)));
  }

  /** True when a stored value must be (re-)sealed: plain text from before encryption, or a key rotated out. */
  needsSealing(stored: string): boolean {
    return !SecretBox.isSealed(stored) || !this.box.isCurrent(stored);
  }

  open(toolId: string, stored: Record<string, unknown>): Record<string, unknown> {
    return mapSecrets(stored, (value, path) => (SecretBox.isSealed(value) ? this.box.open(value, contextOf(toolId, path)) : value));
  }

  /**
   * Write-only semantics: a client that read the masked config may send the mask back to keep the
   * secret stored at the same path; `fallback` says what a mask with nothing stored there becomes
   * (a client error on create/update, an empty value when restoring a masked history snapshot).
   */
  keepMasked(incoming: Record<string, unknown>, currentPlain: Record<string, unknown> | undefined, fallback: 'reject' | 'empty'): Record<string, unknown> {
    const issues: ValidationIssue[] = [];
    const merged = mapSecrets(incoming, (value, path) => {
      if (value !== SECRET_MASK) return value;
      const kept = currentPlain === undefined ? undefined : valueAt(currentPlain, path);
      if (typeof kept === 'string' && isSecretPath(path)) return kept;
      if (fallback === 'empty') return '';
      issues.push({ loc: ['body', 'config', ...path], msg: 'masked secret with no stored value at this path: send the value', type: 'value_error.secret_mask' });
      return value;
    });
    if (issues.length > 0) throw ValidationFailed(issues);
    return merged;
  }
}
