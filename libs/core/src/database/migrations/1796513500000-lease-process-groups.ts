import { MigrationInterface, QueryRunner } from 'typeorm';

export class LeaseProcessGroups1796513500000 implements MigrationInterface {
  name = 'LeaseProcessGroups1796513500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deployment_leases ADD COLUMN process_groups jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE deployment_leases DROP COLUMN process_groups');
  }
}
