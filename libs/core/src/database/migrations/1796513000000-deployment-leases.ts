import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeploymentLeases1796513000000 implements MigrationInterface {
  name = 'DeploymentLeases1796513000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE deployments ADD COLUMN instances jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`
      CREATE TABLE deployment_leases (
        deployment_id uuid PRIMARY KEY,
        holder varchar(128) NOT NULL,
        generation integer NOT NULL,
        runner_url varchar(512) NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT deployment_leases_deployment_id_fkey FOREIGN KEY (deployment_id) REFERENCES deployments (id) ON DELETE CASCADE
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE deployment_leases');
    await queryRunner.query('ALTER TABLE deployments DROP COLUMN instances');
  }
}
