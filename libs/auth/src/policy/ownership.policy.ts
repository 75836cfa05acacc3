import { Forbidden } from '@app/core';
import type { AuthUser } from '../auth-user';
import type { Permission } from '../permissions';

/**
 * The one ownership rule every feature uses: holding `permission` lets a user change what they own;
 * only an admin changes what others own. Callers load the resource first, so a missing resource is
 * still a 404 rather than a 403.
 */
export function assertCanModify(user: AuthUser, ownerId: string | null | undefined, permission: Permission): void {
  if (!user.permissions.has(permission)) throw Forbidden(permission);
  if (user.role !== 'admin' && ownerId !== user.id) {
    throw Forbidden(permission, 'Only the owner or an admin can perform this action');
  }
}

/** Owners and admins see a resource; to everyone else it does not exist (no id probing). */
export function canSee(user: AuthUser, ownerId: string | null | undefined): boolean {
  return user.role === 'admin' || ownerId === user.id;
}
