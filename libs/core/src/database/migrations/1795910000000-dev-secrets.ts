import { MigrationInterface, QueryRunner } from 'typeorm';

export class DevSecrets1795910000000 implements MigrationInterface {
  name = 'DevSecrets1795910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dev_secrets (
        name varchar(32) PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dev_secrets');
  }
}
