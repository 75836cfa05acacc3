/**
 * The baseline for the registry benchmark: bare node:http + pg running the same list query and
 * answering the same JSON shape, with no framework, auth or validation.
 */
const { createServer } = require('node:http');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const COLUMNS = 'id, name, slug, description, version, author_id, status, created_at, updated_at';

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const page = Number(url.searchParams.get('page') ?? 1);
  const pageSize = Number(url.searchParams.get('page_size') ?? 20);
  const status = url.searchParams.get('status');
  const [rows, count] = await Promise.all([
    pool.query(`SELECT ${COLUMNS} FROM mcp_tools WHERE status = $1 ORDER BY updated_at DESC, id DESC LIMIT $2 OFFSET $3`, [status, pageSize, (page - 1) * pageSize]),
    pool.query('SELECT count(*)::int AS total FROM mcp_tools WHERE status = $1', [status]),
  ]);
  const total = count.rows[0].total;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ items: rows.rows, total, page, page_size: pageSize, pages: Math.ceil(total / pageSize) }));
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
