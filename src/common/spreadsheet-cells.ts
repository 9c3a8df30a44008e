// Pure: What spreadsheets do to cells, and the hints that help an administrator fix the file.

/**
 * Excel reads `051189008822` as the number 51189008822 and saves it so. When putting the zeros back
 * makes the value valid, the hint says so (the value is not changed: the file must be fixed).
 */
export function droppedZeroHint(column: string, value: string, width: number, isValid: (v: string) => boolean): string | null {
  if (!/^\d+$/.test(value) || value.length >= width) return null;
  const padded = value.padStart(width, '0');
  if (!isValid(padded)) return null;
  return `${column} ${value} has ${value.length} digits: the leading zero was probably dropped by Excel (did you mean ${padded}? format the column as Text)`;
}

const YES = new Set(['true', '1', 'có', 'co', 'yes', 'x']);
const NO = new Set(['false', '0', 'không', 'khong', 'no']);

/** A yes/no cell: true/false, 1/0, có/không (also yes/no); empty → undefined (leave as it is). */
export function yesNoCell(value: string): boolean | undefined | 'invalid' {
  const v = value.normalize('NFC').trim().toLowerCase();
  if (v === '') return undefined;
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return 'invalid';
}
