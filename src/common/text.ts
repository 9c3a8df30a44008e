// Pure: what a text field of a request is. Text is stored and compared in Unicode NFC, so an
// NFD resubmission is the same text; a value that shows nothing is no name, address or reason.

/** One line (names, addresses) or several (reasons, comments, answers). */
export type TextKind = 'line' | 'lines';

// What shows nothing: whitespace, control characters and format characters (zero-width space and
// joiners, the BOM, bidirectional marks).
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/gu;
const CONTROL = /\p{Cc}/u;
const CONTROL_BUT_NEWLINES = /(?![\r\n])\p{Cc}/u;

/** The text in NFC, the form it is stored and compared in. */
export const nfc = (text: string): string => text.normalize('NFC');

/** Whether `text` shows anything at all. */
export const showsNothing = (text: string): boolean => text.replace(INVISIBLE, '') === '';

/** Why `value` is not text of its kind (a sentence to follow the field's name), or null. */
export function textProblem(value: unknown, kind: TextKind): string | null {
  if (typeof value !== 'string') return 'must be a text';
  if (showsNothing(value)) return 'must be visible text, not only spaces, zero-width or control characters';
  if (kind === 'line' && CONTROL.test(value)) return 'must be text on one line, without control characters';
  if (kind === 'lines' && CONTROL_BUT_NEWLINES.test(value)) return 'must be text without control characters other than line breaks';
  return null;
}
