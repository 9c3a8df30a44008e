import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli';
import { COMMAND_GROUPS } from '../../src/cli-commands';
import { isErrorCode } from '../../src/common/error-codes';
import { adminQuery, createTestDatabase, withDatabase } from '../support/database';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const UNKNOWN = '051099999999';

/** `units import` for each command, `units` for each group, read from the CLI's command tree. */
function commandPaths(): string[] {
  return COMMAND_GROUPS.flatMap((g) => [g.name, ...g.commands.map((c) => `${g.name} ${c.name}`)]);
}

/** No silent failure: every command, made to fail, exits non-zero, says why on stderr and, with --json, prints one object. */
describe('admin CLI failures (e2e)', () => {
  let db: { url: string; drop(): Promise<void> };
  let scratch: string;
  let notUtf8: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    scratch = mkdtempSync(join(tmpdir(), 'dvc-fail-'));
    notUtf8 = join(scratch, 'cp1258.csv');
    writeFileSync(notUtf8, Buffer.from('code,name,kind,province_code,district_code\r\nX,B\xe0o hi\xd2m,dolisa,51,\r\n', 'latin1'));
    for (const file of ['units.csv', 'officials.csv']) expect((await cliOn(db.url, file.replace('.csv', ''), 'import', join(EXAMPLES, file))).code).toBe(0);
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await db.drop();
  });

  async function cliOn(url: string, ...argv: string[]) {
    return cliWith(async () => ({ url, stop: async () => undefined }), ...argv);
  }

  async function cliWith(database: () => Promise<{ url: string; stop(): Promise<void> }>, ...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(argv, { database, streams: { out: (s) => void (out += s), err: (s) => void (err += s) } });
    return { code, out, err };
  }

  /** The one failure object of --json: a registered code, a message, the same under `error`. */
  function expectFailure(res: { code: number; out: string; err: string }, code?: string) {
    expect(res.code).not.toBe(0);
    const lines = res.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const body = JSON.parse(lines[0]);
    expect(body).toMatchObject({ code: expect.any(String), message: expect.any(String), error: { code: body.code, message: body.message } });
    expect(isErrorCode(body.code)).toBe(true);
    if (code) expect(body.code).toBe(code);
    expect(body.message.length).toBeGreaterThan(0);
    expect(res.err).toMatch(/^error: .+/m);
    return body;
  }

  // One way to make each command fail, and the code it must answer with. A new command must be added here.
  const FAILURES: Record<string, [string[], string]> = {
    admin: [['admin', 'frob'], 'CLI_USAGE'],
    'admin create': [['admin', 'create', '--name', ''], 'PRINCIPAL_NAME_INVALID'],
    units: [['units', 'frob'], 'CLI_USAGE'],
    'units import': [['units', 'import', 'NOT_UTF8'], 'CSV_NOT_UTF8'],
    'units list': [['units', 'list', '--bogus'], 'CLI_USAGE'],
    officials: [['officials', 'frob'], 'CLI_USAGE'],
    'officials import': [['officials', 'import', '/nonexistent/officials.csv'], 'FILE_UNREADABLE'],
    'officials list': [['officials', 'list', '--unit', 'NO-SUCH-UNIT'], 'OFFICIAL_UNIT_NOT_FOUND'],
    'officials deactivate': [['officials', 'deactivate', '--official', UNKNOWN], 'OFFICIAL_NOT_FOUND'],
    'officials activate': [['officials', 'activate', '--official', UNKNOWN], 'OFFICIAL_NOT_FOUND'],
    'officials move': [['officials', 'move', '--official', UNKNOWN, '--unit', 'BHXH-51'], 'OFFICIAL_NOT_FOUND'],
    'officials signer': [['officials', 'signer', '--official', UNKNOWN, '--may-sign', 'yes'], 'OFFICIAL_NOT_FOUND'],
    permissions: [['permissions', 'frob'], 'CLI_USAGE'],
    'permissions grant': [['permissions', 'grant', '--official', UNKNOWN, '--procedure', 'unpaid-leave-support', '--step', 'insurance-confirmation'], 'OFFICIAL_NOT_FOUND'],
    'permissions revoke': [['permissions', 'revoke', '--official', UNKNOWN, '--procedure', 'unpaid-leave-support', '--step', 'insurance-confirmation'], 'OFFICIAL_NOT_FOUND'],
    'permissions list': [['permissions', 'list', '--official', UNKNOWN], 'OFFICIAL_NOT_FOUND'],
    'permissions import': [['permissions', 'import', 'NOT_UTF8'], 'CSV_NOT_UTF8'],
    tokens: [['tokens', 'frob'], 'CLI_USAGE'],
    'tokens issue': [['tokens', 'issue', '--official', UNKNOWN], 'OFFICIAL_NOT_FOUND'],
    'tokens list': [['tokens', 'list', '--bogus'], 'CLI_USAGE'],
    'tokens revoke': [['tokens', 'revoke', '--principal', 'not-a-uuid'], 'PRINCIPAL_ID_INVALID'],
    procedures: [['procedures', 'frob'], 'CLI_USAGE'],
    'procedures publish': [['procedures', 'publish', '--code', 'unpaid-leave-support', '--version', '9'], 'PROCEDURE_VERSION_NOT_FOUND'],
    'procedures deploy': [['procedures', 'deploy', '/no/such/procedure.json'], 'FILE_UNREADABLE'],
    'procedures list': [['procedures', 'list', '--bogus'], 'CLI_USAGE'],
    'procedures show': [['procedures', 'show', 'no-such-procedure'], 'PROCEDURE_VERSION_NOT_FOUND'],
    'procedures diff': [['procedures', 'diff', 'unpaid-leave-support', '1', 'two'], 'CLI_USAGE'],
    deadlines: [['deadlines', 'frob'], 'CLI_USAGE'],
    'deadlines check': [['deadlines', 'check', '--now', '15/05/2020'], 'DEADLINES_NOW_INVALID'],
    calendar: [['calendar', 'frob'], 'CLI_USAGE'],
    'calendar add-holiday': [['calendar', 'add-holiday', '--date', '2020-02-31', '--name', 'x'], 'CALENDAR_DATE_INVALID'],
    'calendar add-working-day': [['calendar', 'add-working-day', '--date', '2020-13-01'], 'CALENDAR_DATE_INVALID'],
    'calendar remove': [['calendar', 'remove', '--date', '2020-05-05'], 'CALENDAR_DAY_NOT_FOUND'],
    'calendar list': [['calendar', 'list', '--year', '1800'], 'CALENDAR_YEAR_INVALID'],
    reports: [['reports', 'frob'], 'CLI_USAGE'],
    'reports processing': [['reports', 'processing', '--from', 'last week'], 'REPORT_PERIOD_INVALID'],
    audit: [['audit', 'frob'], 'CLI_USAGE'],
    'audit list': [['audit', 'list', '--since', 'yesterday'], 'CLI_FAILED'],
    outbox: [['outbox', 'frob'], 'CLI_USAGE'],
    'outbox list': [['outbox', 'list', '--status', 'lost'], 'CLI_FAILED'],
    'outbox retry': [['outbox', 'retry', '--message', '00000000-0000-4000-8000-000000000000'], 'OUTBOX_MESSAGE_NOT_FOUND'],
  };

  // Failures found before any database is needed: the arguments themselves, or the file to import.
  const BEFORE_DATABASE = new Set(['CLI_USAGE', 'FILE_UNREADABLE', 'CSV_NOT_UTF8', 'DEADLINES_NOW_INVALID', 'CLI_FAILED']);
  const exitFor = (code: string) => (code === 'CLI_USAGE' ? 2 : 1);

  it('has a failure case for every command of the CLI', () => {
    const paths = commandPaths();
    expect(paths.length).toBeGreaterThan(30);
    expect(Object.keys(FAILURES).sort()).toEqual([...paths].sort());
  });

  it.each(commandPaths())('%s fails loudly on its own bad input', async (path) => {
    const [argv, code] = FAILURES[path] ?? [[], 'missing'];
    const res = await cliOn(db.url, ...argv.map((a) => (a === 'NOT_UTF8' ? notUtf8 : a)), '--json');
    expectFailure(res, code);
    expect(res.code).toBe(exitFor(code));
    const plain = await cliOn(db.url, ...argv.map((a) => (a === 'NOT_UTF8' ? notUtf8 : a)));
    expect(plain.code).toBe(res.code);
    expect(plain.err).toMatch(/^error: /);
  });

  it.each(commandPaths())('%s fails loudly when the database is unreachable (exit 3), unless its input fails first', async (path) => {
    const [args, failure] = FAILURES[path] ?? [[], 'missing'];
    const argv = args.map((a) => (a === 'NOT_UTF8' ? notUtf8 : a));
    const res = await cliOn('postgres://postgres@127.0.0.1:1/nowhere', ...argv, '--json');
    if (BEFORE_DATABASE.has(failure)) {
      expectFailure(res, failure);
      expect(res.code).toBe(exitFor(failure));
      return;
    }
    const body = expectFailure(res, 'DATABASE_UNAVAILABLE');
    expect(res.code).toBe(3);
    expect(body.message).toMatch(/^cannot connect to the database 127\.0\.0\.1:1\/nowhere \(.+\): is PostgreSQL running/);
  });

  it('answers --help, --version and completion without any database, at once', async () => {
    const t0 = Date.now();
    const unreachable = () => Promise.reject(new Error('no database should be opened'));
    for (const argv of [['--help'], ['--version'], ['units', 'import', '--help'], ['completion', 'bash'], ...COMMAND_GROUPS.map((g) => [g.name, '--help'])]) {
      const res = await cliWith(unreachable, ...argv);
      expect({ argv, code: res.code }).toEqual({ argv, code: 0 });
      expect(res.out.length).toBeGreaterThan(0);
    }
    // A generous bound: about 0.1 s a call on a quiet machine, in process even less.
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect((await cliWith(unreachable, '--help')).out).toMatch(/^Usage: dvc /);
    expect((await cliWith(unreachable, '--version')).out.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('a failure without a reason (a promise rejected with undefined) is a failure, never exit 0', async () => {
    const res = await cliWith(() => Promise.reject(undefined), 'units', 'list', '--json');
    expect(expectFailure(res, 'CLI_ERROR').message).toContain('failed without saying why');
  });

  describe('migrations only when asked', () => {
    it('refuses a database that is behind, naming migration:run, and migrates nothing', async () => {
      const behind = await createTestDatabase();
      try {
        const [{ name }] = await query(behind.url, 'DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations) RETURNING name');
        const body = expectFailure(await cliOn(behind.url, 'units', 'list', '--json'), 'DATABASE_BEHIND_MIGRATIONS');
        expect(body.message).toMatch(/^the database lacks 1 migration\(s\) of this version, from \d+-\w+; the CLI does not migrate: run `npm run migration:run`/);
        expect(body.message).toContain(name.replace(/^(\D+)(\d+)$/, '$2-$1'));
        expect(await query(behind.url, 'SELECT count(*)::int AS n FROM migrations WHERE name = $1', [name])).toEqual([{ n: 0 }]);
      } finally {
        await behind.drop();
      }
    });

    it('leaves an empty database empty', async () => {
      const name = `dvc_empty_${process.pid}_${Date.now()}`;
      await adminQuery(`CREATE DATABASE "${name}"`);
      const url = withDatabase(process.env.DVC_TEST_SERVER_URL!, name);
      try {
        expectFailure(await cliOn(url, 'permissions', 'list', '--json'), 'DATABASE_BEHIND_MIGRATIONS');
        expect(await query(url, "SELECT to_regclass('migrations') IS NULL AS empty")).toEqual([{ empty: true }]);
      } finally {
        await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    });
  });

  describe('as a child process (node dist/cli.js)', () => {
    let build: string;

    // A private build so the test never races a concurrent `npm run build` over dist/ (see cli.e2e-spec.ts).
    beforeAll(async () => {
      mkdirSync(join(ROOT, '.data'), { recursive: true });
      build = mkdtempSync(join(ROOT, '.data', 'cli-fail-build-'));
      await run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', build], { cwd: ROOT });
      writeFileSync(join(build, 'cli.js'), "require('./src/cli.js');\n");
    }, 180_000);
    afterAll(() => rmSync(build, { recursive: true, force: true }));

    const spawnCli = (env: Record<string, string | undefined>, ...argv: string[]) =>
      run('node', [join(build, 'cli.js'), ...argv], { cwd: ROOT, env: { ...process.env, ...env } as NodeJS.ProcessEnv }).then(
        ({ stdout, stderr }) => ({ code: 0, out: stdout, err: stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout, err: error.stderr }),
      );

    it('an embedded PostgreSQL that does not start (another one runs on its folder) is reported, not exit 0', async () => {
      // A cluster folder PostgreSQL cannot start from, as when the service's runs on another port.
      const dataDir = mkdtempSync(join(scratch, 'data-'));
      mkdirSync(join(dataDir, 'pg'));
      writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), '18\n');
      for (const argv of [['permissions', 'list', '--json'], ['units', 'import', join(EXAMPLES, 'units.csv'), '--json']]) {
        const res = await spawnCli({ DATABASE_URL: undefined, DATA_DIR: dataDir, EMBEDDED_PG_PORT: '54987' }, ...argv);
        expect(res.code).toBe(3);
        const body = expectFailure(res, 'EMBEDDED_DATABASE_FAILED');
        expect(body.message).toMatch(/did not start on port 54987: already running on another port\?/);
      }
    }, 30_000);

    it('an unreachable DATABASE_URL exits 3 at once with the reason', async () => {
      const res = await spawnCli({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' }, 'units', 'list', '--json');
      expect(res.code).toBe(3);
      expectFailure(res, 'DATABASE_UNAVAILABLE');
    }, 30_000);
  });
});

async function query(url: string, sql: string, params: unknown[] = []) {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}
