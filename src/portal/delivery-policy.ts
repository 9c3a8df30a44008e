// Pure: rules of portal delivery: what a response means, when to try again, how to sign.
import { createHmac } from 'node:crypto';

export const MAX_RETRY_DELAY_MS = 5 * 60_000;

/** The result of one POST: an HTTP status, or a network error / timeout (no status). */
export type Attempt = { status: number } | { error: string };

export type Outcome = { kind: 'delivered' } | { kind: 'retry'; error: string } | { kind: 'failed'; error: string };

/** 2xx delivers; network errors, timeouts, 408, 429 and 5xx are worth retrying; any other status fails at once. */
export function outcomeOf(attempt: Attempt, attempts: number, maxAttempts: number): Outcome {
  if ('status' in attempt && attempt.status >= 200 && attempt.status < 300) return { kind: 'delivered' };
  const error = 'error' in attempt ? attempt.error : `HTTP ${attempt.status}`;
  const retryable = 'error' in attempt || attempt.status === 408 || attempt.status === 429 || attempt.status >= 500;
  if (!retryable) return { kind: 'failed', error };
  return attempts >= maxAttempts ? { kind: 'failed', error: `${error} (after ${attempts} attempts)` } : { kind: 'retry', error };
}

/**
 * Exponential backoff with full jitter: after the n-th failed attempt, a delay drawn
 * uniformly from [0, min(cap, base·2^(n−1))], so instances retrying together spread out.
 */
export function retryDelayMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  return Math.floor(random() * ceiling);
}

/** `sha256=<hex>` HMAC of the exact body bytes, for the X-Signature header. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
