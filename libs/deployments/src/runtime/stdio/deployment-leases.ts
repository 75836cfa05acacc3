import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RecordedGroup } from './process-groups';

/**
 * The lease statements. Every time is PostgreSQL's `now()`, so workers with skewed clocks still
 * agree on who holds what; every write is conditional, so two workers racing for a deployment
 * cannot both win. Writes that return rows are wrapped in a CTE: TypeORM answers a bare
 * UPDATE with `[rows, count]` but a SELECT with its rows.
 */
@Injectable()
export class DeploymentLeases {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Takes the lease when it is free, lapsed, already ours, or held for an older generation (a
   * redeploy wins over what it replaces). True when `holder` holds it afterwards.
   */
  async claim(deploymentId: string, generation: number, holder: string, runnerUrl: string, ttlMs: number): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH claimed AS (INSERT INTO deployment_leases (deployment_id, holder, generation, runner_url, expires_at)
       VALUES ($1, $2, $3, $4, now() + $5 * interval '1 millisecond')
       ON CONFLICT (deployment_id) DO UPDATE
         SET holder = EXCLUDED.holder, generation = EXCLUDED.generation, runner_url = EXCLUDED.runner_url, expires_at = EXCLUDED.expires_at
         WHERE deployment_leases.expires_at < now() OR deployment_leases.holder = EXCLUDED.holder OR deployment_leases.generation < EXCLUDED.generation
       RETURNING deployment_id) SELECT deployment_id FROM claimed`,
      [deploymentId, holder, generation, runnerUrl, ttlMs],
    );
    return rows.length === 1;
  }

  /**
   * Extends the leases `holder` still holds for deployments that still want to run in the same
   * generation; returns those ids. Anything missing was stopped, redeployed or taken over.
   */
  async renew(holder: string, held: Map<string, number>, ttlMs: number): Promise<Set<string>> {
    if (held.size === 0) return new Set();
    const rows: Array<{ deployment_id: string }> = await this.db.query(
      `WITH renewed AS (UPDATE deployment_leases l SET expires_at = now() + $2 * interval '1 millisecond'
         FROM deployments d, unnest($3::uuid[], $4::int[]) AS h(id, generation)
        WHERE l.deployment_id = h.id AND l.generation = h.generation AND l.holder = $1
          AND d.id = l.deployment_id AND d.generation = l.generation AND d.status IN ('starting', 'running')
       RETURNING l.deployment_id) SELECT deployment_id FROM renewed`,
      [holder, ttlMs, [...held.keys()], [...held.values()]],
    );
    return new Set(rows.map((r) => r.deployment_id));
  }

  /** The process groups the current (or last) holder recorded, read before taking a lease over. */
  async groupsOf(deploymentId: string): Promise<{ holder: string; groups: RecordedGroup[] } | undefined> {
    const rows: Array<{ holder: string; process_groups: RecordedGroup[] }> = await this.db.query(
      'SELECT holder, process_groups FROM deployment_leases WHERE deployment_id = $1',
      [deploymentId],
    );
    return rows[0] && { holder: rows[0].holder, groups: rows[0].process_groups };
  }

  async recordGroups(deploymentId: string, holder: string, groups: RecordedGroup[]): Promise<void> {
    await this.db.query('UPDATE deployment_leases SET process_groups = $3 WHERE deployment_id = $1 AND holder = $2', [deploymentId, holder, JSON.stringify(groups)]);
  }

  /** Gives the lease up at once (stop, shutdown), so another worker need not wait for it to lapse. */
  async release(deploymentId: string, holder: string): Promise<void> {
    await this.db.query('DELETE FROM deployment_leases WHERE deployment_id = $1 AND holder = $2', [deploymentId, holder]);
  }

  /** Where the deployment is served now, when a live lease says so. */
  async runnerOf(deploymentId: string): Promise<string | undefined> {
    const rows: Array<{ runner_url: string }> = await this.db.query(
      'SELECT runner_url FROM deployment_leases WHERE deployment_id = $1 AND expires_at > now()',
      [deploymentId],
    );
    return rows[0]?.runner_url;
  }

  /** Running stdio deployments nobody holds: their worker died or gave them up. */
  async orphans(runtime: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT d.id FROM deployments d LEFT JOIN deployment_leases l ON l.deployment_id = d.id
        WHERE d.runtime = $1 AND d.status = 'running' AND (l.deployment_id IS NULL OR l.expires_at < now())`,
      [runtime],
    );
    return rows.map((r) => r.id);
  }
}
