import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';

const CITIZEN_ROUTE = 'dvc:citizen-route';

/** Marks the citizens' public routes (dossier lookup, feedback) for the stricter per-IP limit. */
export const CitizenRoute = () => SetMetadata(CITIZEN_ROUTE, true);

/**
 * The named throttler for citizens' routes: `limit` per minute per IP and route, beside the
 * lenient default that covers every route. Other routes skip it.
 */
export function citizenThrottler(limit: number): ThrottlerOptions {
  return {
    name: 'citizen',
    ttl: 60_000,
    limit,
    skipIf: (ctx: ExecutionContext) =>
      !(Reflect.getMetadata(CITIZEN_ROUTE, ctx.getHandler()) || Reflect.getMetadata(CITIZEN_ROUTE, ctx.getClass())),
  };
}
