import { MigrationInterface, QueryRunner } from 'typeorm';

/** A task keeps its job's input so a lost job can be rebuilt; partial indexes for the reconciler's scans. */
export class Reconciler1796300000000 implements MigrationInterface {
  name = 'Reconciler1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tasks ADD COLUMN input jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`CREATE INDEX idx_tasks_unfinished_updated ON tasks (updated_at) WHERE status IN ('pending', 'running')`);
    await queryRunner.query(
      `CREATE INDEX idx_documents_embedding_pending_updated ON documents (updated_at) WHERE embedding_status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX idx_documents_embedding_pending_updated');
    await queryRunner.query('DROP INDEX idx_tasks_unfinished_updated');
    await queryRunner.query('ALTER TABLE tasks DROP COLUMN input');
  }
}
