import Negotiator from 'negotiator';

/**
 * The media type among `offered` that the request's `Accept` prefers; the first offered when the
 * request states no preference, undefined when it accepts none of them.
 */
export function preferredType(req: { headers: Record<string, string | string[] | undefined> }, offered: string[]): string | undefined {
  return new Negotiator(req).mediaType(offered);
}
