// Importing a spreadsheet row by row: what every import reports, and how its rows are written.

export interface Rejection {
  line: number;
  errors: string[];
}

export interface ImportReport {
  created: number;
  updated: number;
  /** Lines identical to what is stored: nothing written. */
  unchanged: number;
  rejected: Rejection[];
}

export interface SpreadsheetImportOptions {
  strict?: boolean;
  /** Who imports, for the audit trail (e.g. `cli:<os user>`). */
  actor: string;
  /** The file's name, for the audit trail. */
  source?: string;
  /** Called as lines are written (large files show progress). */
  onProgress?: (done: number, total: number) => void;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export const outcomeOf = (rows: { created: boolean }[]): UpsertOutcome => (!rows.length ? 'unchanged' : rows[0].created ? 'created' : 'updated');

/** A key repeated within one file is rejected on its later lines, so a file never updates a row twice. */
export function repeatedKey(seen: Map<string, number>, key: string, line: number, column: string): string[] {
  const first = seen.get(key);
  if (first !== undefined) return [`${column} ${key} is already on line ${first}`];
  seen.set(key, line);
  return [];
}

/** The valid rows upserted one by one and counted; under `strict`, nothing at all when any row is rejected. */
export async function writeRows<R extends { line: number; errors: string[] }>(
  malformed: Rejection[],
  checked: R[],
  opts: Pick<SpreadsheetImportOptions, 'strict' | 'onProgress'>,
  upsert: (row: R) => Promise<UpsertOutcome>,
): Promise<ImportReport> {
  const rejected = [...malformed, ...checked.filter((r) => r.errors.length).map(({ line, errors }) => ({ line, errors }))].sort((a, b) => a.line - b.line);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, rejected };
  if (opts.strict && rejected.length) return report;
  let done = 0;
  for (const row of checked) {
    done++;
    if (!row.errors.length) report[await upsert(row)]++;
    opts.onProgress?.(done, checked.length);
  }
  return report;
}
