import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiAuth } from '@app/core';

export const AUTHENTICATED_ONLY = 'auth:authenticated-only';

/** For routes any signed-in user may call (e.g. /auth/me): no permission, but never public. */
export const Authenticated = () => applyDecorators(SetMetadata(AUTHENTICATED_ONLY, true), ApiAuth());
