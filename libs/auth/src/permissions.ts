/** `resource:action` permissions; handlers declare the one they need with @RequirePermission. */
export const PERMISSIONS = [
  'mcps:read',
  'mcps:write',
  'mcps:delete',
  'knowledge:read',
  'knowledge:write',
  'knowledge:delete',
  'knowledge:admin',
  'analysis:run',
  'tasks:read',
  'github:connect',
  'github:sync',
  'deployments:read',
  'deployments:invoke',
  'deployments:write',
  'deployments:delete',
  /** Deploying a server that runs as a local process on the workers (stdio): admins only by default. */
  'deployments:stdio',
  'users:admin',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'developer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Calling a deployed tool through the gateway is a read for this purpose: every role may invoke. */
const READ: Permission[] = ['mcps:read', 'knowledge:read', 'tasks:read', 'deployments:read', 'deployments:invoke'];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(PERMISSIONS),
  developer: new Set<Permission>([
    ...READ,
    'mcps:write',
    'mcps:delete',
    'knowledge:write',
    'knowledge:delete',
    'analysis:run',
    'github:connect',
    'github:sync',
    'deployments:write',
    'deployments:delete',
  ]),
  viewer: new Set(READ),
};
