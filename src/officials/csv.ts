// Pure: A small RFC 4180 reader for the admin imports (spreadsheets saved as CSV).

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

/**
 * Splits text into records: quoted fields may hold commas, quotes ("") and line breaks;
 * a UTF-8 BOM and CRLF are accepted; unquoted fields are trimmed; blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;

  const endField = () => {
    fields.push(quoted ? field : field.trim());
    field = '';
    quoted = false;
  };
  const endRecord = () => {
    const quotedEmpty = quoted;
    endField();
    if (fields.length > 1 || fields[0] !== '' || quotedEmpty) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (inQuotes) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') {
      if (field.trim() !== '' || quoted) throw new CsvSyntaxError(line, 'a quote inside an unquoted field');
      field = '';
      quoted = true;
      inQuotes = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (quoted && c.trim() !== '') throw new CsvSyntaxError(line, 'text after a closing quote');
      if (!quoted) field += c;
    }
  }
  if (inQuotes) throw new CsvSyntaxError(recordLine, 'a quoted field is never closed');
  endRecord();
  return records;
}

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Records keyed by the header's column names. The header must name exactly `columns`, in any order;
 * a record with the wrong number of fields is reported by line instead of being read.
 */
export function readCsvTable(text: string, columns: readonly string[]): { rows: CsvRow[]; malformed: { line: number; errors: string[] }[] } {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new CsvSyntaxError(1, `the file is empty; expected the header ${columns.join(',')}`);
  const names = header.fields.map((f) => f.toLowerCase());
  const missing = columns.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !columns.includes(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length || unknown.length || repeated.length) {
    const problems = [
      missing.length ? `missing column(s) ${missing.join(', ')}` : '',
      unknown.length ? `unknown column(s) ${unknown.join(', ')}` : '',
      repeated.length ? `repeated column(s) ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    throw new CsvSyntaxError(1, `${problems.join('; ')}; expected the header ${columns.join(',')}`);
  }
  const rows: CsvRow[] = [];
  const malformed: { line: number; errors: string[] }[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== names.length) {
      malformed.push({ line, errors: [`expected ${names.length} fields, found ${fields.length}`] });
      continue;
    }
    rows.push({ line, values: Object.fromEntries(names.map((n, i) => [n, fields[i]])) });
  }
  return { rows, malformed };
}
