// Pure: framework-free errors with a registered code; the one exception filter turns them into
// problem details. A code must be in error-codes.ts with the status its kind stands for.
import { boundedFields, boundedMessage, boundedMessages } from './bounded-messages';
import type { CodeWithStatus, ErrorCode } from './error-codes';

/** What went wrong, each kind one HTTP status. */
export interface KindStatus {
  invalid: 400;
  unauthenticated: 401;
  forbidden: 403;
  'not-found': 404;
  conflict: 409;
  rule: 422;
  'too-many': 429;
  unavailable: 503;
}
export type ErrorKind = keyof KindStatus;
/** The codes a `kind` may carry: those registered with its status. */
export type CodeOfKind<K extends ErrorKind> = CodeWithStatus<KindStatus[K]>;

/** One invalid field: its path as the caller sent it (`workers.0.idNumber`) and the sentence naming it. */
export interface FieldError {
  field: string;
  message: string;
  /** The check that failed (`isEmail`, `maxLength`, …), to word the field's problem in another language. */
  constraint?: string;
}

export type ErrorDetails = Record<string, unknown>;

export class DomainError<K extends ErrorKind = ErrorKind> extends Error {
  readonly code: ErrorCode;
  readonly messages: string[] | null;
  /** The invalid fields, when the refusal is about fields of the request. */
  readonly fields: readonly FieldError[];

  constructor(
    readonly kind: K,
    code: CodeOfKind<K> & ErrorCode,
    message: string | string[],
    readonly details: ErrorDetails = {},
    fields: readonly FieldError[] = [],
  ) {
    // An answer's size must not grow with the request: lists and sentences are bounded here.
    const messages = Array.isArray(message) ? boundedMessages(message) : null;
    super(messages ? messages.join('; ') : boundedMessage(message as string));
    this.code = code;
    this.messages = messages;
    this.fields = boundedFields(fields);
  }
}

export const invalid = (code: CodeOfKind<'invalid'>, message: string | string[], details?: ErrorDetails) =>
  new DomainError('invalid', code, message, details);
/** 400 naming each invalid field; the answer lists them with a JSON pointer each. */
export const invalidFields = (code: CodeOfKind<'invalid'>, fields: readonly FieldError[], details?: ErrorDetails) =>
  new DomainError('invalid', code, fields.map((f) => f.message), details, fields);
export const notFound = (code: CodeOfKind<'not-found'>, message: string) => new DomainError('not-found', code, message);
export const conflict = (code: CodeOfKind<'conflict'>, message: string, details?: ErrorDetails) =>
  new DomainError('conflict', code, message, details);
export const forbidden = (code: CodeOfKind<'forbidden'>, message: string, details?: ErrorDetails) =>
  new DomainError('forbidden', code, message, details);
export const ruleBroken = (code: CodeOfKind<'rule'>, message: string, details?: ErrorDetails) =>
  new DomainError('rule', code, message, details);
