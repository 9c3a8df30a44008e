import { applyDecorators, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerOptions } from '@nestjs/throttler';

/**
 * The citizens' public routes (dossier lookup, feedback): `limit` requests per minute per IP and
 * route. Authenticated callers are not throttled here (the portal sends in bursts from one
 * address); guessing tokens is limited by the auth guard.
 */
export const CitizenRoute = () => applyDecorators(UseGuards(ThrottlerGuard));

export function citizenThrottler(limit: number): ThrottlerOptions {
  return { name: 'citizen', ttl: 60_000, limit };
}
