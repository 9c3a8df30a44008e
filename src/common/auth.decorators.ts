import { SetMetadata } from '@nestjs/common';
import type { PrincipalKind } from './principal';

export const PUBLIC_ROUTE = 'dvc:public';
export const ALLOWED_KINDS = 'dvc:kinds';

/** No token needed (citizens, the procedure catalogue, health, problem pages). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Only principals of these kinds may call the route (403 PRINCIPAL_KIND_FORBIDDEN otherwise). */
export const AllowedKinds = (...kinds: PrincipalKind[]) => SetMetadata(ALLOWED_KINDS, kinds);

/** The auth guard marks a request to a public route, so refusals on it default to Vietnamese. */
export function markPublicRoute(request: object): void {
  (request as { publicRoute?: boolean }).publicRoute = true;
}

export function isPublicRoute(request: unknown): boolean {
  return (request as { publicRoute?: boolean } | null)?.publicRoute === true;
}
