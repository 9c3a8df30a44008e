import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UnitKind } from './unit-kinds';

export type PrincipalKind = 'admin' | 'integration' | 'official';

/** The unit, place and grants of an official principal. */
export interface OfficialScope {
  officialId: string;
  unitCode: string;
  unitKind: UnitKind;
  provinceCode: string;
  /** null for a province-level unit. */
  districtCode: string | null;
  grants: { procedureCode: string; step: string }[];
}

/** Who calls: set on the request by the auth guard from the bearer token. */
export interface Principal {
  id: string;
  kind: PrincipalKind;
  name: string;
  official: OfficialScope | null;
}

/** The authenticated principal of the request, set by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});
