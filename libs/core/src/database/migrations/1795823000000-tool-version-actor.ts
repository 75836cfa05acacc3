import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version can be written on behalf of a non-user actor (a sync): `changed_by` becomes nullable and
 * `changed_by_actor` names who acted (`user` for a person, which then requires `changed_by`).
 */
export class ToolVersionActor1795823000000 implements MigrationInterface {
  name = 'ToolVersionActor1795823000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mcp_tool_versions ALTER COLUMN changed_by DROP NOT NULL');
    await queryRunner.query(`ALTER TABLE mcp_tool_versions ADD COLUMN changed_by_actor varchar(64) NOT NULL DEFAULT 'user'`);
    await queryRunner.query(
      `ALTER TABLE mcp_tool_versions ADD CONSTRAINT chk_mcp_tool_versions_user_actor CHECK (changed_by_actor <> 'user' OR changed_by IS NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE mcp_tool_versions DROP CONSTRAINT chk_mcp_tool_versions_user_actor');
    await queryRunner.query('ALTER TABLE mcp_tool_versions DROP COLUMN changed_by_actor');
    await queryRunner.query(`DELETE FROM mcp_tool_versions WHERE changed_by IS NULL`);
    await queryRunner.query('ALTER TABLE mcp_tool_versions ALTER COLUMN changed_by SET NOT NULL');
  }
}
