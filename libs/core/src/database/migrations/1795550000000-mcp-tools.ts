import { MigrationInterface, QueryRunner } from 'typeorm';

export class McpTools1795550000000 implements MigrationInterface {
  name = 'McpTools1795550000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mcp_tools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(255) NOT NULL,
        slug varchar(64) NOT NULL,
        description text,
        version varchar(32) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'active', 'deprecated', 'archived')),
        config jsonb NOT NULL,
        author_id uuid NOT NULL REFERENCES users(id),
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX uq_mcp_tools_slug ON mcp_tools (slug)');
    await queryRunner.query('CREATE INDEX idx_mcp_tools_status_updated ON mcp_tools (status, updated_at)');
    await queryRunner.query('CREATE INDEX idx_mcp_tools_author ON mcp_tools (author_id)');
    await queryRunner.query(`
      CREATE TABLE mcp_tool_versions (
        id bigserial PRIMARY KEY,
        tool_id uuid NOT NULL REFERENCES mcp_tools(id) ON DELETE CASCADE,
        version varchar(32) NOT NULL,
        change_type varchar(16) NOT NULL CHECK (change_type IN ('create', 'update', 'sync', 'rollback')),
        config jsonb NOT NULL,
        changed_by uuid NOT NULL REFERENCES users(id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE INDEX idx_mcp_tool_versions_tool ON mcp_tool_versions (tool_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE mcp_tool_versions');
    await queryRunner.query('DROP TABLE mcp_tools');
  }
}
