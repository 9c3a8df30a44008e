import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '../officials/access';

/** The authenticated principal of the request, set by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
