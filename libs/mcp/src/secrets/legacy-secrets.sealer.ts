import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { mapSecrets, maskSecrets, SECRET_MASK } from './secret-fields';
import { ToolSecrets } from './tool-secrets.service';

/** Any constant, distinct from the migration lock: one process at a time does the sweep. */
const SWEEP_LOCK_KEY = 727_003;
const BATCH = 200;

/** True when some secret of `config` passes `test`. */
const anySecret = (config: Record<string, unknown>, test: (value: string) => boolean) => {
  let found = false;
  mapSecrets(config, (value) => (found ||= test(value)));
  return found;
};
/** History snapshots hold masks only; anything else is plain text from before encryption. */
const unmasked = (value: string) => value !== SECRET_MASK;

/**
 * Tools written before secrets were encrypted hold them in plain text, in the tool row and in
 * every history snapshot; after a key rotation they hold values sealed with a previous key. At
 * start, in the background, one process (re-)seals the former with the current key and masks the
 * latter; rows already done are skipped, so later starts only read, and once a sweep has run the
 * previous key can leave ENCRYPTION_KEYS_PREVIOUS. A row changed meanwhile by a user is left alone
 * (compare-and-set) and was sealed by that write anyway.
 */
@Injectable()
export class LegacySecretsSealer implements OnApplicationBootstrap {
  private readonly logger = new Logger(LegacySecretsSealer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: ToolSecrets,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep().catch((err: Error) => this.logger.error(`sealing plain-text tool secrets failed: ${err.message}`));
  }

  private async sweep(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [SWEEP_LOCK_KEY])) as { locked: boolean }[];
      if (!locked) return;
      try {
        const [tools, snapshots] = [await this.sealTools(), await this.maskHistory()];
        if (tools + snapshots > 0) this.logger.log(`sealed plain-text or previous-key secrets of ${tools} tools, masked ${snapshots} history snapshots`);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [SWEEP_LOCK_KEY]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sealTools(): Promise<number> {
    let changed = 0;
    for (let after: string | null = null; ; ) {
      const rows = (await this.dataSource.query('SELECT id, config FROM mcp_tools WHERE $1::uuid IS NULL OR id > $1 ORDER BY id LIMIT $2', [after, BATCH])) as { id: string; config: Record<string, unknown> }[];
      if (rows.length === 0) return changed;
      after = rows[rows.length - 1].id;
      for (const { id, config } of rows.filter((row) => anySecret(row.config, (value) => this.secrets.needsSealing(value)))) {
        try {
          const sealed = this.secrets.seal(id, this.secrets.open(id, config));
          await this.dataSource.query('UPDATE mcp_tools SET config = $2 WHERE id = $1 AND config = $3::jsonb', [id, JSON.stringify(sealed), JSON.stringify(config)]);
          changed++;
        } catch (err) {
          // One unreadable row (a key no longer configured, a value moved from another row) must not stop the sweep.
          this.logger.error(`tool ${id}: secrets not re-sealed: ${(err as Error).message}`);
        }
      }
    }
  }

  private async maskHistory(): Promise<number> {
    let changed = 0;
    for (let after = '0'; ; ) {
      const rows = (await this.dataSource.query('SELECT id, config FROM mcp_tool_versions WHERE id > $1 ORDER BY id LIMIT $2', [after, BATCH])) as { id: string; config: Record<string, unknown> }[];
      if (rows.length === 0) return changed;
      after = rows[rows.length - 1].id;
      for (const { id, config } of rows.filter((row) => anySecret(row.config, unmasked))) {
        await this.dataSource.query('UPDATE mcp_tool_versions SET config = $2 WHERE id = $1', [id, JSON.stringify(maskSecrets(config))]);
        changed++;
      }
    }
  }
}
