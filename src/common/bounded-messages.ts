// Pure: an answer's size must not grow with the request: a body with 100,000 bad elements, or a
// key of 100 KB, still gets a short answer.
import type { FieldError } from './domain-error';

const MAX_MESSAGES = 20;
const MAX_MESSAGE_LENGTH = 200;

/** One message, cut at 200 characters. */
export function boundedMessage(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

/** At most 20 messages, each cut at 200 characters, then "… and N more". */
export function boundedMessages(messages: string[]): string[] {
  const kept = messages.slice(0, MAX_MESSAGES).map(boundedMessage);
  return messages.length > MAX_MESSAGES ? [...kept, `… and ${messages.length - MAX_MESSAGES} more`] : kept;
}

/** The first 20 invalid fields, path and sentence each cut at 200 characters (the messages count the rest). */
export function boundedFields(fields: readonly FieldError[]): FieldError[] {
  return fields.slice(0, MAX_MESSAGES).map((f) => ({ ...f, field: boundedMessage(f.field), message: boundedMessage(f.message) }));
}
