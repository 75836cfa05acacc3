#!/usr/bin/env node
/**
 * PGlite (PostgreSQL in WebAssembly) with the pgvector extension, served over the PostgreSQL wire
 * protocol on the port given as the first argument, so the ordinary `pg` driver can use it. This
 * machine's PostgreSQL 15 has no pgvector; this is how the HNSW path is tested for real.
 */
const { PGlite } = require('@electric-sql/pglite');
const { vector } = require('@electric-sql/pglite-pgvector');
const { PGLiteSocketServer } = require('@electric-sql/pglite-socket');

(async () => {
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, port: Number(process.argv[2]), host: '127.0.0.1', maxConnections: 20 });
  await server.start();
  process.stdout.write('ready\n');
  const stop = async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
})().catch((err) => {
  process.stderr.write(`pglite failed: ${err.message}\n`);
  process.exit(1);
});
