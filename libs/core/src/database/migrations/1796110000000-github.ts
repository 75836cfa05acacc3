import { MigrationInterface, QueryRunner } from 'typeorm';

/** GitHub connections (sealed tokens), the webhook delivery log, and the commit behind a synced version. */
export class Github1796110000000 implements MigrationInterface {
  name = 'Github1796110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "github_connections" (
        "id" uuid NOT NULL,
        "tool_id" uuid NOT NULL,
        "owner_id" uuid NOT NULL,
        "repository_url" character varying(512) NOT NULL,
        "repository_full_name" character varying(256) NOT NULL,
        "branch" character varying(255) NOT NULL,
        "manifest_path" character varying(512) NOT NULL,
        "token_ciphertext" text NOT NULL,
        "webhook_id" bigint,
        "status" character varying(16) NOT NULL DEFAULT 'connected',
        "last_synced_sha" character varying(64),
        "last_synced_blob_sha" character varying(64),
        "last_synced_at" TIMESTAMP WITH TIME ZONE,
        "last_sync_error" text,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "ck_github_connections_full_name_lower" CHECK ("repository_full_name" = lower("repository_full_name")),
        CONSTRAINT "ck_github_connections_status" CHECK ("status" IN ('connected', 'error')),
        CONSTRAINT "PK_github_connections" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_github_connections_tool_repository" ON "github_connections" ("tool_id", "repository_full_name")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_github_connections_repository" ON "github_connections" ("repository_full_name", "branch")`);
    await queryRunner.query(`CREATE INDEX "idx_github_connections_owner_created" ON "github_connections" ("owner_id", "created_at")`);
    await queryRunner.query(
      `ALTER TABLE "github_connections" ADD CONSTRAINT "fk_github_connections_tool" FOREIGN KEY ("tool_id") REFERENCES "mcp_tools"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "github_connections" ADD CONSTRAINT "fk_github_connections_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      CREATE TABLE "github_webhook_deliveries" (
        "delivery_id" character varying(100) NOT NULL,
        "event" character varying(64) NOT NULL,
        "repository_full_name" character varying(256),
        "task_ids" uuid array NOT NULL DEFAULT '{}',
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_github_webhook_deliveries" PRIMARY KEY ("delivery_id")
      )`);
    await queryRunner.query(`CREATE INDEX "idx_github_webhook_deliveries_received" ON "github_webhook_deliveries" ("received_at")`);
    await queryRunner.query(`ALTER TABLE "mcp_tool_versions" ADD "commit_sha" character varying(64)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "mcp_tool_versions" DROP COLUMN "commit_sha"`);
    await queryRunner.query(`DROP TABLE "github_webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "github_connections"`);
  }
}
