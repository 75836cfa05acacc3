import { SetMetadata } from '@nestjs/common';
import type { Permission } from '../permissions';

export const REQUIRED_PERMISSION = 'auth:permission';

/** Declares the permission a handler needs; the guard answers 403 naming it in `required_permission`. */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);
