import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1796400000000 implements MigrationInterface {
  name = 'IdempotencyKeys1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        principal_id uuid NOT NULL,
        key varchar(255) NOT NULL,
        fingerprint char(64) NOT NULL,
        response text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (principal_id, key)
      )`);
    await queryRunner.query('CREATE INDEX idx_idempotency_keys_expires ON idempotency_keys (expires_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE idempotency_keys');
  }
}
