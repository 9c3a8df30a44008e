// Pure: Reading the spreadsheets administrators save as CSV (the parsing itself is csv-parse's).
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** 1-based line where the record starts; the header is line 1. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** The file is not UTF-8 (Excel's "CSV (Comma delimited)" writes the Windows code page). Nothing is read. */
export class CsvEncodingError extends Error {
  constructor(readonly line: number) {
    super(
      `the file is not UTF-8 (first invalid byte on line ${line}); nothing was imported. ` +
        'In Excel: File › Save As › "CSV UTF-8 (Comma delimited) (*.csv)", then import that file. ' +
        `/ Tệp không ở bảng mã UTF-8 (byte lỗi đầu tiên ở dòng ${line}); chưa nhập dòng nào. ` +
        'Trong Excel: Tệp › Lưu thành › chọn "CSV UTF-8 (Comma delimited) (*.csv)", rồi nhập lại tệp đó.',
    );
  }
}

/** The text of a file as saved: UTF-8 with or without BOM, else refused whole (never mojibake). */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new CsvEncodingError(lineOfFirstInvalidByte(bytes));
  }
}

function lineOfFirstInvalidByte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return line;
}

/** Excel writes `;` where the list separator is `;` (Vietnamese regional settings): whichever the header uses more. */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r|\n|$/)).replace(/"[^"]*"/g, '');
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** csv-parse's refusals in the administrator's words. */
const CSV_ERRORS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (put the whole field in quotes and double the quote)',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
};

/**
 * Splits text into records: quoted fields may hold delimiters, quotes ("") and line breaks;
 * a BOM and CRLF are accepted; fields are trimmed; blank lines are skipped.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvRecord[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = (parse as (input: string, options: object) => unknown)(text, { delimiter, bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = Number((error as CsvError & { lines?: number }).lines ?? 1);
    throw new CsvSyntaxError(line, CSV_ERRORS[error.code] ?? error.message.replace(/^[^:]*: /, ''));
  }
  // csv-parse counts the line where a record ends; a quoted line break moves its start up.
  return records.map(({ record, info }) => ({
    line: info.lines - record.reduce((n, field) => n + field.split('\n').length - 1, 0),
    fields: record,
  }));
}

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface CsvTable {
  rows: CsvRow[];
  malformed: { line: number; errors: string[] }[];
  /** The optional columns the header names. */
  present: string[];
}

/**
 * Records keyed by the header's column names. The header must name every one of `columns` and may name
 * `optional` ones, in any order; a record with the wrong number of fields is reported by line.
 */
export function readCsvTable(text: string, columns: readonly string[], optional: readonly string[] = []): CsvTable {
  const delimiter = detectDelimiter(text);
  const [header, ...records] = parseCsv(text, delimiter);
  const expected = [...columns, ...optional.map((c) => `[${c}]`)].join(delimiter);
  if (!header) throw new CsvSyntaxError(1, `the file is empty; expected the header ${expected}`);
  const names = header.fields.map((f) => f.normalize('NFC').toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !columns.includes(n) && !optional.includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length || unknown.length || repeated.length) {
    const other = delimiter === ',' ? ';' : ',';
    const problems = [
      missing.length ? `missing column(s) ${missing.join(', ')}` : '',
      unknown.length ? `unknown column(s) ${unknown.join(', ')}` : '',
      repeated.length ? `repeated column(s) ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    throw new CsvSyntaxError(
      1,
      `${problems.join('; ')}; expected the header ${expected} (columns separated by "${delimiter}", read from the header line; "${other}" works too)`,
    );
  }
  const rows: CsvRow[] = [];
  const malformed: { line: number; errors: string[] }[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== names.length) {
      malformed.push({ line, errors: [`expected ${names.length} fields separated by "${delimiter}", found ${fields.length}`] });
      continue;
    }
    // Composed (NFC), as typed on Windows: a name saved decomposed by another editor is the same name.
    rows.push({ line, values: Object.fromEntries(names.map((n, i) => [n, fields[i].normalize('NFC')])) });
  }
  return { rows, malformed, present: optional.filter((c) => names.includes(c)) };
}
