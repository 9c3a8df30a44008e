// Stoplight Prism as a validating proxy in front of the service: `prism proxy <document> <upstream>
// --errors` forwards each request, checks it and its answer against the document with its own reader
// of OpenAPI, and reports what the document forbids (see docs/development.md).
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './service-process';

/** The CLI of @stoplight/prism-cli, run by this Node (no npx, no shell). */
const PRISM_CLI = resolve(__dirname, '../../node_modules/@stoplight/prism-cli/dist/index.js');

export interface PrismProxy {
  url: string;
  /** What Prism printed: its log of every request, and of every violation it found. */
  output: () => string;
  stop(): Promise<void>;
}

/** `prism proxy document upstream --errors` on a free port of 127.0.0.1, once it listens. */
export async function startPrismProxy(document: string, upstream: string): Promise<PrismProxy> {
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [PRISM_CLI, 'proxy', document, upstream, '--errors', '--host', '127.0.0.1', '--port', String(port), '--cors', 'false'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } },
  );
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const deadline = Date.now() + 60_000;
  while (!/Prism is listening/.test(log)) {
    if (child.exitCode !== null) throw new Error(`prism exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`prism did not start listening:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Prism's own problem types (https://stoplight.io/prism/errors#…): an answer Prism made, not the service. */
const PRISM_ERROR = /^https:\/\/stoplight\.io\/prism\/errors#/;

/**
 * What Prism reported about one exchange: each violation it lists in its `sl-violations` header (of
 * the request or of the answer, errors and warnings alike), or the answer it made itself instead of
 * the service's (with --errors: a request or answer the document forbids, or the service unreachable).
 */
export function prismViolations(headers: Record<string, string | string[] | undefined>, body: unknown): string[] {
  const found: string[] = [];
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && PRISM_ERROR.test(type)) {
    const { title, validation } = body as { title?: string; validation?: Violation[] };
    found.push(`prism answered ${type.replace(PRISM_ERROR, '')}: ${title ?? ''}`, ...(validation ?? []).map(describe));
  }
  const header = headers['sl-violations'];
  if (header !== undefined) {
    const text = Array.isArray(header) ? header.join(',') : header;
    try {
      found.push(...(JSON.parse(text) as Violation[]).map(describe));
    } catch {
      found.push(`sl-violations: ${text}`);
    }
  }
  // The header repeats what an error body lists.
  return [...new Set(found)];
}

interface Violation { location?: string[]; message?: string; severity?: string }

function describe(v: Violation): string {
  return `${v.severity ?? 'violation'} at ${(v.location ?? []).join('.') || '/'}: ${v.message ?? ''}`;
}
