import { MigrationInterface, QueryRunner } from 'typeorm';

export class Deployments1796200000000 implements MigrationInterface {
  name = 'Deployments1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deployments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tool_id uuid NOT NULL REFERENCES mcp_tools(id) ON DELETE CASCADE,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        slug varchar(64) NOT NULL,
        tool_version varchar(32) NOT NULL,
        runtime varchar(32) NOT NULL,
        environment varchar(32) NOT NULL,
        replicas smallint NOT NULL,
        cpu varchar(16) NOT NULL,
        memory varchar(16) NOT NULL,
        timeout_ms integer,
        max_concurrency integer,
        status varchar(16) NOT NULL DEFAULT 'starting',
        health_status varchar(16) NOT NULL DEFAULT 'unknown',
        consecutive_failures smallint NOT NULL DEFAULT 0,
        error text,
        tools jsonb NOT NULL DEFAULT '[]'::jsonb,
        generation integer NOT NULL DEFAULT 1,
        requests_total bigint NOT NULL DEFAULT 0,
        errors_total bigint NOT NULL DEFAULT 0,
        latency_total_ms bigint NOT NULL DEFAULT 0,
        deployed_at timestamptz NOT NULL DEFAULT now(),
        stopped_at timestamptz,
        last_health_check timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_deployments_status CHECK (status IN ('starting', 'running', 'failed', 'stopped')),
        CONSTRAINT ck_deployments_health CHECK (health_status IN ('unknown', 'healthy', 'degraded', 'unhealthy')),
        CONSTRAINT ck_deployments_replicas CHECK (replicas BETWEEN 1 AND 20)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_deployments_active_tool ON deployments (tool_id) WHERE status IN ('starting', 'running')`);
    await queryRunner.query('CREATE INDEX idx_deployments_slug_status ON deployments (slug, status)');
    await queryRunner.query('CREATE INDEX idx_deployments_owner_deployed ON deployments (owner_id, deployed_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE deployments');
  }
}
