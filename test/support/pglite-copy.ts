import { Client } from 'pg';
import type { Platform } from './platform';

/** Copies users, documents and chunks from the platform's PostgreSQL into a (migrated) PGlite. */
export async function copyKnowledge(platform: Platform, lite: Client): Promise<void> {
  const copy = async (table: string, columns: string) => {
    for (const row of await platform.sql<Record<string, unknown>>(`SELECT ${columns} FROM ${table}`)) {
      const names = Object.keys(row);
      await lite.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
    }
  };
  await copy('users', 'id, username, email, password_hash, role');
  await copy('documents', 'id, title, content, metadata, tags, source, language, owner_id, embedding_id, embedding_model, embedding_status');
  await copy('document_chunks', 'id, document_id, embedding_id, chunk_index, content, start_offset, end_offset, embedding');
  await lite.query('UPDATE document_chunks SET embedding_vec = embedding::vector');
  // Copied ids were explicit; new rows must continue after them.
  await lite.query(`SELECT setval('document_chunks_id_seq', (SELECT max(id) FROM document_chunks))`);
}
