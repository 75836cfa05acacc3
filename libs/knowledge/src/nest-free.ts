/**
 * What of this lib runs without Nest and without the `@app/*` aliases: the Jest e2e harness (which cannot
 * load Nest's ESM) and the compiled benchmarks import this file by its path, never the lib's internals.
 */
export { LocalEmbeddings } from './embeddings/local-embeddings';
export { HNSW_SESSION_SQL, hybridSearchStatement } from './search/hybrid-search.sql';
