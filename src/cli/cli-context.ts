// What every admin command shares: who is at the console, how results are printed, how a group answers alone.
import { userInfo } from 'node:os';
import type { ErrorCode } from '../common/error-codes';
import { consoleUserFromEnvironment } from '../config/config';

export interface CliStreams {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress lines are worth drawing. */
  interactive?: boolean;
}

/** A failure the command explains; the CLI exits non-zero with this message on stderr (and `code`, `details` with --json). */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = 'CLI_FAILED',
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function consoleUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (some containers): the environment is the best we have.
    return consoleUserFromEnvironment();
  }
}

export class CliContext {
  /** Set once a command printed its result, so a later failure does not print a second JSON object. */
  resultPrinted = false;

  constructor(
    readonly streams: CliStreams,
    /** The audit actor for every change made from the console. */
    readonly actor = `cli:${consoleUser()}`,
  ) {}

  /** With --json exactly one JSON object on stdout; otherwise the readable form. */
  result(json: boolean | undefined, value: object, readable: () => string): void {
    this.streams.out(json ? `${JSON.stringify(value)}\n` : `${readable()}\n`);
    this.resultPrinted = true;
  }

  warn(message: string): void {
    this.endProgress();
    this.streams.err(`${message}\n`);
  }

  get interactive(): boolean {
    return this.streams.interactive === true;
  }

  private progressShown = false;

  /** Redraws one progress line in place on stderr (a terminal only). */
  progress(line: string): void {
    if (!this.interactive) return;
    this.streams.err(`\r${line}\x1b[K`);
    this.progressShown = true;
  }

  endProgress(): void {
    if (this.progressShown) this.streams.err('\n');
    this.progressShown = false;
  }
}

export interface JsonOption {
  json?: boolean;
}

/** Rows under a header, columns padded to their widest cell: what an administrator reads in a terminal. */
export function textTable(header: string[], rows: (string | number | boolean | null)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...r[i].normalize('NFC')].length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.normalize('NFC').padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}
