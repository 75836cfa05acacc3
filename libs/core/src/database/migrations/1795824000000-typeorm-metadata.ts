import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM keeps the expression of generated columns in `typeorm_metadata` and reads it whenever it
 * compares the entities with the database (`migration:generate`, the schema-drift check); without
 * it, comparing a database that has `document_chunks.tsv` fails. The expression must equal the
 * entity's `asExpression`. TypeORM's own CLI creates the table before running migrations when the
 * entities have generated columns, hence IF NOT EXISTS.
 */
export class TypeormMetadata1795824000000 implements MigrationInterface {
  name = 'TypeormMetadata1795824000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        type varchar NOT NULL,
        database varchar,
        schema varchar,
        "table" varchar,
        name varchar,
        value text
      )`);
    await queryRunner.query(
      `INSERT INTO typeorm_metadata (type, database, schema, "table", name, value)
       VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'document_chunks', 'tsv', $1)`,
      ["to_tsvector('english', content)"],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE typeorm_metadata');
  }
}
