import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiAuth, errorResponse } from '@app/core';
import type { Permission } from '../permissions';

export const REQUIRED_PERMISSION = 'auth:permission';

/**
 * Declares the permission a handler needs; the guard answers 403 naming it in `required_permission`.
 * The OpenAPI document shows the lock, the 401 and that 403 with this permission.
 */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSION, permission),
    ApiAuth(),
    ApiResponse({
      status: 403,
      ...errorResponse(403, {
        detail: 'Insufficient permissions to perform this action',
        error_code: 'FORBIDDEN',
        required_permission: permission,
      }),
    }),
  );
