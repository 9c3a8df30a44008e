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

/**
 * Standard Webhooks' `v1,<base64>`: an HMAC-SHA256 over `id.timestamp.body`, keyed with the secret's
 * UTF-8 bytes. Binding the id and the time makes a captured message useless once the receiver's
 * tolerance has passed, and a replay inside it is caught by the id.
 */
export function standardSignature(id: string, timestamp: number, body: string, secret: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64')}`;
}

/** The headers of one delivery attempt; the timestamp is the attempt's, so each retry is signed afresh. */
export function deliveryHeaders(id: string, body: string, secret: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Message-Id': id,
    'X-Signature': signature(body, secret),
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': standardSignature(id, timestamp, body, secret),
  };
}

/** Plain HTTP to anything but this machine: the messages (and their signatures) travel readable. */
export function isCleartextRemote(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:') return false;
  const host = hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host));
}
