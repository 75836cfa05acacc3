import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:public';

/** Opts a route (or a whole controller) out of authentication; everything else is guarded. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
