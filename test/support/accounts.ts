import { randomBytes } from 'node:crypto';
import type { TokenPairDto, UserViewDto } from '@app/auth';
import { http } from './http';
import type { Platform } from './platform';

export interface Account {
  id: string;
  username: string;
  password: string;
  role: string;
  token: string;
  refreshToken: string;
}

/** Registers a fresh user through the public API and logs in (the contract's first two examples). */
export async function registerAndLogin(baseUrl: string, role: 'developer' | 'viewer' = 'developer'): Promise<Account> {
  const username = `${role}_${randomBytes(5).toString('hex')}`;
  const password = `Pw-${randomBytes(9).toString('base64url')}!`;
  const registered = await http<UserViewDto>(baseUrl, 'POST', '/api/v1/auth/register', {
    json: { username, email: `${username}@example.com`, password, role },
  });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${registered.text}`);
  return { id: registered.body.id, username, password, role, ...(await login(baseUrl, username, password)) };
}

export async function login(baseUrl: string, username: string, password: string): Promise<{ token: string; refreshToken: string }> {
  const res = await http<TokenPairDto>(baseUrl, 'POST', '/api/v1/auth/login', { json: { username, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return { token: res.body.access_token, refreshToken: res.body.refresh_token };
}

/** Makes an account an admin in the database, then logs it in again so its token carries the role. */
export async function promoteToAdmin(platform: Pick<Platform, 'sql'>, baseUrl: string, account: Account): Promise<Account> {
  await platform.sql(`UPDATE users SET role = 'admin' WHERE id = $1`, [account.id]);
  return { ...account, role: 'admin', ...(await login(baseUrl, account.username, account.password)) };
}
