import { PayloadTooLargeException } from '@nestjs/common';
import { invalid } from './domain-error';
import { nfc } from './text';

// No body of this API nests deeper than a few levels; deeper input only costs the validation
// behind the parser, so it is refused as bad input.
const MAX_DEPTH = 32;
// Keys that could reach an object's prototype once a body is copied or merged.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
// PostgreSQL stores neither U+0000 nor a lone surrogate in text or jsonb: refuse them here (400)
// rather than fail the insert (500).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(text: string, what: () => string): void {
  if (text.includes('\u0000')) throw invalid('BAD_REQUEST', `${what()} must not contain U+0000 (NUL)`);
  if (LONE_SURROGATE.test(text)) throw invalid('BAD_REQUEST', `${what()} must not contain a lone UTF-16 surrogate`);
}

const tooDeep = () => invalid('BAD_REQUEST', `JSON nested deeper than ${MAX_DEPTH} levels is not accepted`);

/**
 * Refuses nesting deeper than allowed from the text, before JSON.parse allocates every level
 * (45,000 nested arrays in 90 KB take JSON.parse about 10 ms; this scan a fraction of that).
 */
function checkDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) throw tooDeep();
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
}

const quoted = (key: string) => JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key);

/**
 * A request body: its depth from the text, one plain `JSON.parse`, then one pass over the result
 * with an explicit stack (no recursion), stopping at the first problem. Bad input is a 400
 * `BAD_REQUEST` naming the problem; more than `maxValues` JSON values a 413 (validating costs tens
 * of microseconds per value, so the count, not the bytes, bounds that work).
 */
export function parseJsonBody(text: string, maxValues = Infinity): unknown {
  checkDepth(text);
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    throw invalid('BAD_REQUEST', `the body is not valid JSON: ${(error as Error).message}`);
  }
  // Valid JSON can carry NUL or a lone surrogate only as a \u escape (raw control characters are
  // refused by JSON.parse, and UTF-8 decoding replaces a raw surrogate), so text without one needs
  // no text checks; ASCII text is in NFC already.
  const texts = text.includes('\\u');
  const composed = texts || /[^\p{ASCII}]/u.test(text);
  if (typeof root === 'string') {
    if (texts) checkText(root, () => 'a text value');
    return composed ? nfc(root) : root;
  }
  const stack: unknown[] = [root];
  let values = 1;
  while (stack.length > 0) {
    const value = stack.pop();
    // Only the root may be a scalar here: children are pushed when they are objects.
    if (value === null || typeof value !== 'object') continue;
    const array = Array.isArray(value);
    const keys = array ? null : Object.keys(value);
    const length = array ? (value as unknown[]).length : keys!.length;
    values += length;
    if (values > maxValues) {
      throw new PayloadTooLargeException({ code: 'PAYLOAD_TOO_LARGE', message: `a body of this route holds at most ${maxValues} JSON values` });
    }
    for (let i = 0; i < length; i++) {
      const key = array ? null : keys![i];
      if (key !== null) {
        if (FORBIDDEN_KEYS.has(key)) throw invalid('BAD_REQUEST', `the key ${quoted(key)} is not allowed`);
        if (texts) checkText(key, () => 'a key');
      }
      const child = array ? (value as unknown[])[i] : (value as Record<string, unknown>)[key!];
      if (child !== null && typeof child === 'object') stack.push(child);
      else if (composed && typeof child === 'string') {
        if (texts) checkText(child, () => 'a text value');
        // Text is stored and compared in NFC: an NFD resubmission is the same body.
        (value as Record<string | number, unknown>)[array ? i : key!] = nfc(child);
      }
    }
  }
  return root;
}
