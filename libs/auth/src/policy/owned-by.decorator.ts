import { applyDecorators, SetMetadata, Type, UseGuards } from '@nestjs/common';
import { OwnershipGuard } from './ownership.guard';

/** Finds who owns the resource a route's `:id` names; throws the domain's 404 when there is none. */
export interface OwnerLookup {
  ownerOf(id: string): Promise<string | null>;
}

export const OWNER_LOOKUP = 'auth:owner-lookup';

/**
 * The route changes a resource only its owner or an admin may change (with the route's
 * @RequirePermission). The check runs before the handler, so services write without a principal.
 */
export const OwnedBy = (lookup: Type<OwnerLookup>) => applyDecorators(SetMetadata(OWNER_LOOKUP, lookup), UseGuards(OwnershipGuard));
