import { applyDecorators, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerOptions } from '@nestjs/throttler';

/**
 * Limits a route to `limit` requests per minute per client address (the citizens' public routes:
 * dossier lookup, feedback). Authenticated callers are not throttled here (the portal sends in
 * bursts from one address); guessing tokens is limited by the auth guard.
 */
export const RateLimitedPerAddress = () => applyDecorators(UseGuards(ThrottlerGuard));

export function perAddressThrottler(limit: number): ThrottlerOptions {
  return { name: 'citizen', ttl: 60_000, limit };
}
