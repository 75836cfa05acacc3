import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from './api-errors.decorator';

export const BEARER_AUTH = 'bearer';
export const API_KEY_AUTH = 'api-key';

/**
 * Documents a guarded route: a lock for Bearer or X-API-Key, and its 401. Applied by the auth
 * decorators (`@Authenticated`, `@RequirePermission`), so a route shows a lock exactly when the
 * guard demands credentials; public routes carry none.
 */
export const ApiAuth = () => applyDecorators(ApiBearerAuth(BEARER_AUTH), ApiSecurity(API_KEY_AUTH), ApiErrors(401));
