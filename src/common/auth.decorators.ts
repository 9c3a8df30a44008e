import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { PrincipalKind } from './principal';

export const PUBLIC_ROUTE = 'dvc:public';
/** @nestjs/swagger's key for an operation's security requirements (its DECORATORS.API_SECURITY, not exported). */
const OPENAPI_SECURITY = 'swagger/apiSecurity';
export const ALLOWED_KINDS = 'dvc:kinds';

/**
 * No token needed (citizens, the procedure catalogue, health, problem pages). The OpenAPI document
 * says so too: `security: []` on the operation overrides the document's bearer requirement. Put it on
 * the controller: @nestjs/swagger drops an empty requirement list given on a single method.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), SetMetadata(OPENAPI_SECURITY, []));
/** Only principals of these kinds may call the route (403 PRINCIPAL_KIND_FORBIDDEN otherwise). */
export const AllowedKinds = (...kinds: PrincipalKind[]) => SetMetadata(ALLOWED_KINDS, kinds);

/** The auth guard marks a request to a public route, so refusals on it default to Vietnamese. */
export function markPublicRoute(request: object): void {
  (request as { publicRoute?: boolean }).publicRoute = true;
}

export function isPublicRoute(request: unknown): boolean {
  return (request as { publicRoute?: boolean } | null)?.publicRoute === true;
}
