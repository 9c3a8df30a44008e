// The README's walk-through, run as written: its `sh walkthrough` blocks, taken from README.md, in a
// copy of the checkout (so its .data is the copy's), the first one (`npm run demo`) as the service.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestDatabase } from '../support/database';

const ROOT = join(__dirname, '..', '..');

/** The blocks of README.md fenced as `sh walkthrough`, in order. */
function walkthrough(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```sh walkthrough\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The checkout's files (what git tracks or would: ignored ones left out), copied, with the checkout's node_modules linked. */
function copyOfCheckout(): string {
  const copy = mkdtempSync(join(tmpdir(), 'dvc-readme-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

describe("the README's walk-through, as written (e2e)", () => {
  let copy: string;
  let scratch: string;
  let demo: ChildProcess | undefined;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    copy = copyOfCheckout();
    scratch = mkdtempSync(join(tmpdir(), 'dvc-readme-tmp-'));
    db = await createTestDatabase();
  });
  afterAll(async () => {
    // The whole group: bash, npm and the service npm started.
    if (demo?.pid && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo!.once('exit', resolve));
      process.kill(-demo.pid, 'SIGTERM');
      await exited;
    }
    await db.drop();
    rmSync(copy, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  it('starts the demo with its first command, and the rest of it succeeds against it', async () => {
    const [first, ...rest] = walkthrough();
    expect(first.trim()).toBe('npm run demo');
    expect(rest.length).toBeGreaterThanOrEqual(4);
    const port = await freePort();
    // A user with a database of their own: DATABASE_URL set; the tokens still go to the copy's .data.
    const env = { ...process.env, PORT: String(port), DATABASE_URL: db.url, TMPDIR: scratch, NODE_ENV: 'development', LOG_LEVEL: 'warn' };
    demo = spawn('bash', ['-c', first], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let said = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the demo did not start in time: ${said}`)), 240_000);
      demo!.stderr!.on('data', (chunk: Buffer) => {
        said += chunk.toString();
        if (said.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      });
      demo!.once('exit', (code) => reject(new Error(`the demo exited (${code}): ${said}`)));
    });
    expect(said).toContain(`listening on http://localhost:${port}`);

    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', rest.join('\n')], { cwd: copy, env, encoding: 'utf8', timeout: 120_000 });
    expect(out).toMatch(/^dossier [0-9a-f-]{36}$/m);
    expect(out).toContain('"code":"DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN"');
    expect(out).toContain('"state":"district-appraisal"');
    expect(out).toContain('"form":"01"');
    expect(readFileSync(join(scratch, 'giay-tiep-nhan.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // Nothing of it landed in the checkout itself: the PDF is outside, the tokens in the copy's .data.
    expect(readFileSync(join(copy, '.data', 'demo.env'), 'utf8')).toMatch(new RegExp(`^PORT=${port}$`, 'm'));
  }, 420_000);
});
