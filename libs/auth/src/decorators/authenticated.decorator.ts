import { SetMetadata } from '@nestjs/common';

export const AUTHENTICATED_ONLY = 'auth:authenticated-only';

/** For routes any signed-in user may call (e.g. /auth/me): no permission, but never public. */
export const Authenticated = () => SetMetadata(AUTHENTICATED_ONLY, true);
