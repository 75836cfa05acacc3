import { registerAndLogin } from '../test/support/accounts';
import { http } from '../test/support/http';
import { Platform } from '../test/support/platform';
import { load, percentile, row } from './support/load';

const LOGINS = 50;

/** Cost of authentication: /auth/me with a Bearer token and with an API key vs an unauthenticated route. */
async function main(): Promise<void> {
  const platform = await new Platform({ env: { LOG_LEVEL: 'warn', RATE_LIMIT_DEFAULT_PER_MINUTE: '100000000' } }).start();
  try {
    const url = platform.api.url;
    const dev = await registerAndLogin(url);
    const key = (await http(url, 'POST', '/api/v1/auth/api-keys', { token: dev.token, json: { name: 'bench' } })).body.key as string;
    const bearer = { authorization: `Bearer ${dev.token}` };
    await load(`${url}/api/v1/auth/me`, bearer, 2);

    const open = await load(`${url}/health/live`);
    const withBearer = await load(`${url}/api/v1/auth/me`, bearer);
    const withKey = await load(`${url}/api/v1/auth/me`, { 'x-api-key': key });

    const logins: number[] = [];
    for (let i = 0; i < LOGINS; i++) {
      const started = process.hrtime.bigint();
      await http(url, 'POST', '/api/v1/auth/login', { json: { username: dev.username, password: dev.password } });
      logins.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    logins.sort((a, b) => a - b);

    console.log('authentication cost (20 connections, 10 s each)');
    console.log(row('GET /health/live (no auth)', open));
    console.log(row('GET /api/v1/auth/me (Bearer)', withBearer));
    console.log(row('GET /api/v1/auth/me (X-API-Key)', withKey));
    console.log(`Bearer at ${((100 * withBearer.rps) / open.rps).toFixed(1)}% and API key at ${((100 * withKey.rps) / open.rps).toFixed(1)}% of the unauthenticated route (target >= 80%)`);
    console.log(`login (argon2id m=19456,t=2,p=1), ${LOGINS} sequential: p50 ${percentile(logins, 50).toFixed(1)} ms   p99 ${percentile(logins, 99).toFixed(1)} ms`);
  } finally {
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
