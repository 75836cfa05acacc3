import { fork } from 'node:child_process';
import { join } from 'node:path';
import { registerAndLogin } from '../test/support/accounts';
import { freePort } from '../test/support/free-port';
import { Platform } from '../test/support/platform';
import { ROOT } from '../test/support/service-process';
import { load, row } from './support/load';

const TOOLS = 10_000;
const PATH = '/api/v1/mcps?page=1&page_size=10&status=active';
const BARE_SERVER = join(ROOT, 'bench', 'support', 'bare-registry-server.js');

/** The platform's list endpoint vs a bare node:http + pg server running the same query, in one run. */
async function main(): Promise<void> {
  const platform = await new Platform({ env: { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000' } }).start();
  const barePort = await freePort();
  const bare = fork(BARE_SERVER, { env: { DATABASE_URL: platform.databaseUrl, PORT: String(barePort) } });
  try {
    const dev = await registerAndLogin(platform.api.url);
    await platform.sql(
      `INSERT INTO mcp_tools (name, slug, description, version, status, config, author_id, updated_at)
       SELECT 'Tool ' || i, 'tool-' || i, 'Benchmark tool number ' || i, '1.0.' || i,
              (ARRAY['draft','active','deprecated','archived'])[1 + i % 4],
              '{"servers":[],"tools":[]}'::jsonb, $1, now() - (i || ' seconds')::interval
       FROM generate_series(1, $2) AS i`,
      [dev.id, TOOLS],
    );
    await platform.sql('ANALYZE mcp_tools');
    await new Promise((resolve) => bare.once('message', resolve));

    const auth = { authorization: `Bearer ${dev.token}` };
    await load(`${platform.api.url}${PATH}`, auth, 2);
    await load(`http://127.0.0.1:${barePort}${PATH}`, {}, 2);
    const platformResult = await load(`${platform.api.url}${PATH}`, auth);
    const bareResult = await load(`http://127.0.0.1:${barePort}${PATH}`);

    console.log(`GET ${PATH} with ${TOOLS} tools (20 connections, 10 s each)`);
    console.log(row('platform (Bearer JWT)', platformResult));
    console.log(row('bare node:http + pg', bareResult));
    console.log(`ratio platform/bare: ${((100 * platformResult.rps) / bareResult.rps).toFixed(1)}% (target >= 50%)`);
  } finally {
    bare.kill();
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
