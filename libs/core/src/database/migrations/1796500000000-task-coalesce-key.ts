import { MigrationInterface, QueryRunner } from 'typeorm';

export class TaskCoalesceKey1796500000000 implements MigrationInterface {
  name = 'TaskCoalesceKey1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE tasks ADD coalesce_key varchar(200)');
    await queryRunner.query(
      `CREATE UNIQUE INDEX idx_tasks_pending_coalesce_key ON tasks (coalesce_key) WHERE status = 'pending' AND coalesce_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_tasks_pending_coalesce_key');
    await queryRunner.query('ALTER TABLE tasks DROP COLUMN coalesce_key');
  }
}
