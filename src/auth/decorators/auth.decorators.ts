import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../users/entities/user.entity';
import type { Principal, RequestWithPrincipal } from '../principal';

export const IS_PUBLIC = 'auth:isPublic';
export const ROLES = 'auth:roles';

/** The route answers without a session (a principal is still attached when there is one). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route. Data scope is checked in the service (ScopeService). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  return req.principal as Principal;
});

/** On public routes: the principal or undefined. */
export const OptionalUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | undefined => {
    return ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  },
);
