import { RouteConfig } from '@nestjs/platform-fastify';

export interface BodyLimits {
  /** Bytes as received (compressed bodies are refused, so also as parsed). */
  bytes: number;
  /** JSON values (every object, array, key's value and element): what validation costs grows with it. */
  values: number;
}

/** Every route: a citizen's feedback or an official's action holds a few dozen values. */
export const DEFAULT_BODY: BodyLimits = { bytes: 100 * 1024, values: 1_000 };
/** Intake and actions (a supplement carries the worker list): 5,000 workers of 11 values each fit. */
export const LARGE_BODY: BodyLimits = { bytes: 5 * 1024 * 1024, values: 100_000 };

/** The route takes the large body limits instead of the default ones. */
export const LargeBody = () => RouteConfig({ largeBody: true });

export function bodyLimitsOf(routeConfig: object | undefined): BodyLimits {
  return (routeConfig as { largeBody?: boolean } | undefined)?.largeBody ? LARGE_BODY : DEFAULT_BODY;
}
