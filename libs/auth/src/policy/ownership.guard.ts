import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { isUuid } from '@app/core';
import type { AuthUser } from '../auth-user';
import { REQUIRED_PERMISSION } from '../decorators/require-permission.decorator';
import type { Permission } from '../permissions';
import { OWNER_LOOKUP, type OwnerLookup } from './owned-by.decorator';
import { assertCanModify } from './ownership.policy';

/** Applied by @OwnedBy; runs after the global AuthGuard has attached the principal. */
@Injectable()
export class OwnershipGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { user: AuthUser }>();
    const id = req.params.id;
    // A malformed id is the param pipe's 422, which runs after guards.
    if (typeof id !== 'string' || !isUuid(id)) return true;
    const lookup = this.reflector.get<Type<OwnerLookup>>(OWNER_LOOKUP, context.getHandler());
    const permission = this.reflector.getAllAndOverride<Permission>(REQUIRED_PERMISSION, [context.getHandler(), context.getClass()]);
    const owner = await this.moduleRef.get(lookup, { strict: false }).ownerOf(id);
    assertCanModify(req.user, owner, permission);
    return true;
  }
}
