// Framework-free errors with a code; the one exception filter maps `kind` to HTTP.
import { boundedMessage, boundedMessages } from './bounded-messages';

export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'rule' | 'too-many' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string | string[],
    readonly details: Record<string, unknown> = {},
  ) {
    const messages = Array.isArray(message) ? boundedMessages(message) : null;
    super(messages ? messages.join('; ') : boundedMessage(message as string));
    this.messages = messages;
  }

  readonly messages: string[] | null;
}

export const invalid = (code: string, message: string | string[], details?: Record<string, unknown>) =>
  new DomainError('invalid', code, message, details);
export const notFound = (code: string, message: string) => new DomainError('not-found', code, message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('forbidden', code, message, details);
export const ruleBroken = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('rule', code, message, details);
