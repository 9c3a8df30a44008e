// Pure: no body of this API nests deeper than a few levels; deeper input would overflow the stack of
// the recursive validation behind the parser (a 500), so it is refused as bad input (400).
const MAX_JSON_DEPTH = 32;
const depths = new WeakMap<object, number>();

// PostgreSQL stores neither U+0000 nor a lone surrogate in text or jsonb: refuse them here (400)
// rather than fail the insert (500).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(text: string, what: string): void {
  if (text.includes('\u0000')) throw new SyntaxError(`${what} must not contain U+0000 (NUL)`);
  if (LONE_SURROGATE.test(text)) throw new SyntaxError(`${what} must not contain a lone UTF-16 surrogate`);
}

/**
 * The JSON body parser's reviver, called bottom-up for every value: bad input becomes a SyntaxError,
 * which the parser answers with 400. A key that could reach an object's prototype is refused too.
 */
export function reviveSafely(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new SyntaxError(`the key "${key}" is not allowed`);
  checkText(key, 'a key');
  if (typeof value === 'string') checkText(value, `the value of "${key.slice(0, 64)}"`);
  if (value !== null && typeof value === 'object') {
    let depth = 1;
    for (const child of Object.values(value)) {
      if (child !== null && typeof child === 'object') depth = Math.max(depth, 1 + (depths.get(child) ?? 1));
    }
    if (depth > MAX_JSON_DEPTH) throw new SyntaxError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted`);
    depths.set(value, depth);
  }
  return value;
}
