// Pure: HTML built by tagged templates. Every interpolated value is escaped unless it is itself
// markup made by `html` (or `raw`, kept for constant strings); arrays are joined.
import { escapeHtml } from '../../documents/html';

export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Value = Markup | string | number | null | undefined | false | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0];
  values.forEach((v, i) => (out += render(v) + strings[i + 1]));
  return new Markup(out);
}

/** Markup from a constant the code wrote (never from input). */
export const raw = (text: string): Markup => new Markup(text);
