import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli';
import { bearer, submission, token } from '../support/factories';
import { PrincipalsService } from '../../src/auth/principals.service';
import { eventually, expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');

describe('admin CLI (e2e)', () => {
  let t: TestApp;
  let scratch: string;

  beforeAll(async () => {
    t = await createTestApp();
    scratch = mkdtempSync(join(tmpdir(), 'dvc-cli-'));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.close();
  });

  /** Runs one command in-process against the test database, capturing both streams. */
  /** Runs `change`, then waits until the app heard of a change to who may do what (its cache cleared). */
  async function afterChangeHeard<T>(change: () => Promise<T>): Promise<T> {
    const principals = t.app.get(PrincipalsService);
    const before = principals.changesHeard;
    const result = await change();
    expect(await eventually(async () => principals.changesHeard, (n) => n > before)).toBeGreaterThan(before);
    return result;
  }

  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const database = async () => ({ url: t.databaseUrl, stop: async () => undefined });
    const code = await runCli(argv, { database, streams: { out: (s) => void (out += s), err: (s) => void (err += s) } });
    return { code, out, err };
  }

  /** Asserts stdout is exactly one JSON object and returns it. */
  function oneJson(out: string) {
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const value = JSON.parse(lines[0]);
    expect(value).toEqual(expect.any(Object));
    expect(Array.isArray(value)).toBe(false);
    return value;
  }

  function csvFile(name: string, text: string): string {
    const path = join(scratch, name);
    writeFileSync(path, text);
    return path;
  }

  const count = async (table: string) => Number((await t.db.query(`SELECT count(*) AS n FROM "${table}"`))[0].n);
  const audits = () => t.db.query('SELECT actor, action, subject FROM audit_event ORDER BY id');

  describe('imports', () => {
    it('imports the example units and officials, and a re-import updates without duplicating', async () => {
      const units = await cli('units', 'import', join(EXAMPLES, 'units.csv'), '--json');
      expect(units.code).toBe(0);
      expect(oneJson(units.out)).toEqual({ created: 15, updated: 0, unchanged: 0, rejected: [], changed: 0, grantsRevoked: 0 });
      const officials = await cli('officials', 'import', join(EXAMPLES, 'officials.csv'), '--json');
      expect(officials.code).toBe(0);
      expect(oneJson(officials.out)).toEqual({ created: 15, updated: 0, unchanged: 0, rejected: [], moved: 0, grantsRevoked: 0, tokensRevoked: 0 });
      expect(await t.db.query('SELECT kind, province_code, district_code, short_name FROM unit WHERE code = $1', ['UBND-92-916'])).toEqual([
        { kind: 'district-pc', province_code: '92', district_code: '916', short_name: 'UBND Ninh Kiều' },
      ]);
      // Without the optional column a short name stays; with it, an empty cell clears it.
      const unitsCsv = (extra: string, cell: string) => csvFile('short.csv', `code,name,kind,province_code,district_code${extra}\nUBND-92-916,Ủy ban nhân dân quận Ninh Kiều,district-pc,92,916${cell}\n`);
      expect(oneJson((await cli('units', 'import', unitsCsv('', ''), '--json')).out)).toMatchObject({ unchanged: 1 });
      const listed = oneJson((await cli('units', 'list', '--json')).out) as { units: { code: string; shortName: string | null }[] };
      expect(listed.units.find((u) => u.code === 'UBND-92-916')).toMatchObject({ shortName: 'UBND Ninh Kiều' });
      expect(oneJson((await cli('units', 'import', unitsCsv(',short_name', ','), '--json')).out)).toMatchObject({ updated: 1 });
      expect((await t.db.query('SELECT short_name FROM unit WHERE code = $1', ['UBND-92-916']))[0].short_name).toBeNull();
      const tooLong = await cli('units', 'import', unitsCsv(',short_name', `,${'x'.repeat(61)}`), '--json');
      expect(oneJson(tooLong.out)).toMatchObject({ rejected: [{ line: 2, errors: ['short_name must be shorter than or equal to 60 characters'] }] });
      expect(oneJson((await cli('units', 'import', join(EXAMPLES, 'units.csv'), '--json')).out)).toMatchObject({ updated: 1 });

      const again = await cli('officials', 'import', join(EXAMPLES, 'officials.csv'), '--json');
      expect(oneJson(again.out)).toEqual({ created: 0, updated: 0, unchanged: 15, rejected: [], moved: 0, grantsRevoked: 0, tokensRevoked: 0 });
      const moved = csvFile('moved.csv', 'full_name,id_number,phone,unit_code,email\nNguyễn Văn Hùng,051083004512,0905999888,BHXH-51-524,\n');
      expect(oneJson((await cli('officials', 'import', moved, '--json')).out)).toEqual({
        created: 0, updated: 1, unchanged: 0, rejected: [], moved: 1, grantsRevoked: 0, tokensRevoked: 0,
      });
      expect(await count('official')).toBe(15);
      expect(await t.db.query('SELECT phone, unit_code, email FROM official WHERE id_number = $1', ['051083004512'])).toEqual([
        { phone: '0905999888', unit_code: 'BHXH-51-524', email: null },
      ]);
      // Put him back where the later tests expect him.
      await cli('officials', 'import', join(EXAMPLES, 'officials.csv'));
      expect(await count('unit')).toBe(15);
    });

    const BAD = [
      '\uFEFFfull_name,id_number,phone,unit_code,email',
      '"Phan Văn Đức, phó phòng",051085007711,0905111222,UBND-51-522,pvduc@quangngai.gov.vn',
      'Ngô Thị Bé,05108500771,0905111223,UBND-51-522,',
      'Hồ Văn Cường,051085007712,12345,UBND-51-522,',
      'Mai Thị Dung,051085007713,0905111224,NO-SUCH-UNIT,',
      'Lưu Văn Em,051085007714,0905111225,UBND-51-522',
      'Đỗ Thị Giang,051085007711,0905111226,UBND-51-522,not-an-email',
      '',
    ].join('\r\n');

    it('reports each bad line with its number and reason and writes the good lines', async () => {
      const before = await count('official');
      const res = await cli('officials', 'import', csvFile('bad.csv', BAD), '--json');
      expect(res.code).toBe(0);
      expect(oneJson(res.out)).toEqual({
        created: 1,
        updated: 0,
        unchanged: 0,
        moved: 0,
        grantsRevoked: 0,
        tokensRevoked: 0,
        rejected: [
          { line: 3, errors: ['id_number must be a 12-digit CCCD or a 9-digit CMND number'] },
          { line: 4, errors: ['phone must be a Vietnamese phone number (10-digit mobile or 11-digit landline)'] },
          { line: 5, errors: ['unit_code NO-SUCH-UNIT is not a known unit (run units import first)'] },
          { line: 6, errors: ['expected 5 fields separated by ",", found 4'] },
          { line: 7, errors: ['email must be an email', 'id_number 051085007711 is already on line 2'] },
        ],
      });
      expect(res.err).toContain('5 line(s)');
      expect(await count('official')).toBe(before + 1);
      expect(await t.db.query('SELECT full_name FROM official WHERE id_number = $1', ['051085007711'])).toEqual([{ full_name: 'Phan Văn Đức, phó phòng' }]);

      const readable = await cli('officials', 'import', csvFile('bad.csv', BAD));
      expect(readable.out).toContain('line 4: phone must be a Vietnamese phone number');
    });

    it('--strict writes nothing when any line is rejected', async () => {
      const before = await t.db.query('SELECT * FROM official ORDER BY id');
      const strictCsv = BAD.replaceAll('0510850077', '0510850088');
      const res = await cli('officials', 'import', csvFile('strict.csv', strictCsv), '--strict', '--json');
      expect(res.code).not.toBe(0);
      expect(res.err).toMatch(/--strict: nothing written, 5 line\(s\) of .*strict\.csv rejected/);
      expect(oneJson(res.out).code).toBe('IMPORT_REJECTED');
      const body = oneJson(res.out);
      expect(body).toMatchObject({ created: 0, updated: 0 });
      expect(body.rejected.map((r: { line: number }) => r.line)).toEqual([3, 4, 5, 6, 7]);
      expect(await t.db.query('SELECT * FROM official ORDER BY id')).toEqual(before);

      const units = await cli('units', 'import', csvFile('units-bad.csv', 'code,name,kind,province_code,district_code\nX-1,Đơn vị X,district-pc,51,\nUBND-51,Ủy ban nhân dân tỉnh Quảng Ngãi (sửa),provincial-pc,51,\n'), '--strict');
      expect(units.code).not.toBe(0);
      expect(units.out).toContain('line 2: district_code is required for a district-pc unit');
      expect((await t.db.query('SELECT name FROM unit WHERE code = $1', ['UBND-51']))[0].name).toBe('Ủy ban nhân dân tỉnh Quảng Ngãi');
    });

    it('checks units: kinds, codes and the district of province-level units', async () => {
      const csv = [
        'code,name,kind,province_code,district_code',
        'UBND-51-999,Ủy ban nhân dân huyện thử,district-pc,51,999',
        'X-2,Đơn vị,ministry,51,',
        'X-3,Sở thử,dolisa,51,522',
        'X 4,Đơn vị,social-insurance,5,52',
      ].join('\n');
      const res = await cli('units', 'import', csvFile('units.csv', csv), '--json');
      expect(oneJson(res.out)).toEqual({
        created: 1,
        updated: 0,
        unchanged: 0,
        changed: 0,
        grantsRevoked: 0,
        rejected: [
          { line: 3, errors: ['kind must be one of social-insurance, district-pc, provincial-pc, social-policy-bank, dolisa'] },
          { line: 4, errors: ['district_code must be empty for a dolisa unit'] },
          {
            line: 5,
            errors: ['code must be 1–32 characters of A-Z a-z 0-9 . _ -', 'province_code must be a 2-digit province code', 'district_code must be a 3-digit district code'],
          },
        ],
      });
    });

    it('refuses an unreadable file or a wrong header with a message and a non-zero exit', async () => {
      const missing = await cli('units', 'import', join(scratch, 'nope.csv'));
      expect(missing.code).not.toBe(0);
      expect(missing.err).toMatch(/^error: cannot read .*nope\.csv: ENOENT/);
      const header = await cli('officials', 'import', csvFile('header.csv', 'name,id_number,phone,unit_code,email\n'), '--json');
      expect(header.code).not.toBe(0);
      expect(header.err).toContain('line 1: missing column(s) full_name; unknown column(s) name');
      const failure = oneJson(header.out);
      expect(failure).toEqual({ code: 'CSV_INVALID', message: expect.stringContaining('missing column(s) full_name'), error: { code: 'CSV_INVALID', message: failure.message } });
      const quote = await cli('officials', 'import', csvFile('quote.csv', 'full_name,id_number,phone,unit_code,email\n"Lê Văn,051085007799,0905111222,UBND-51-522,\n'));
      expect(quote.err).toContain('line 2: a quoted field is never closed');
    });
  });

  describe('usage errors', () => {
    it('exits non-zero with a message for an unknown command, a missing flag or a bare group', async () => {
      const unknown = await cli('frobnicate');
      expect(unknown.code).not.toBe(0);
      expect(unknown.err).toContain("unknown command 'frobnicate'");
      const sub = await cli('permissions', 'frob');
      expect(sub.code).not.toBe(0);
      expect(sub.err).toContain('unknown command "permissions frob"');
      const flag = await cli('permissions', 'grant', '--official', '051083004512', '--step', 'insurance-confirmation', '--json');
      expect(flag.code).not.toBe(0);
      expect(flag.err).toContain("required option '--procedure <code>' not specified");
      expect(oneJson(flag.out)).toMatchObject({ code: 'CLI_USAGE', error: { code: 'CLI_USAGE' } });
      const bare = await cli('tokens');
      expect(bare.code).not.toBe(0);
      expect(bare.err).toContain('issue [options]');
      const help = await cli('units', 'import', '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain('--strict');
    });

    it('refuses tokens issue without exactly one of --official and --integration', async () => {
      for (const argv of [['tokens', 'issue'], ['tokens', 'issue', '--official', '051083004512', '--integration', 'x']]) {
        const res = await cli(...argv);
        expect(res.code).not.toBe(0);
        expect(res.err).toContain('give exactly one of --official ID_NUMBER or --integration NAME');
      }
    });
  });

  describe('permissions', () => {
    const grantArgs = (official: string, procedure: string, step: string) => ['--official', official, '--procedure', procedure, '--step', step];

    it('refuses steps the procedure lacks, the employer step and a step of another unit kind, writing nothing', async () => {
      const grantsBefore = await count('grant');
      const auditsBefore = await count('audit_event');
      const cases: [string[], string][] = [
        [grantArgs('051083004512', 'unpaid-leave-support', 'provincial-approval'), 'GRANT_UNIT_KIND_MISMATCH'],
        [grantArgs('051083004512', 'unpaid-leave-support', 'bank-lending'), 'GRANT_UNKNOWN_STEP'],
        [grantArgs('051083004512', 'unpaid-leave-support', 'approval'), 'GRANT_UNKNOWN_STEP'],
        [grantArgs('051083004512', 'unpaid-leave-support', 'submission'), 'GRANT_STEP_NOT_GRANTABLE'],
        [grantArgs('051083004512', 'no-such-procedure', 'insurance-confirmation'), 'GRANT_UNKNOWN_PROCEDURE'],
        [grantArgs('051099999999', 'unpaid-leave-support', 'insurance-confirmation'), 'OFFICIAL_NOT_FOUND'],
      ];
      for (const [argv, code] of cases) {
        const res = await cli('permissions', 'grant', ...argv);
        expect({ argv, code: res.code, err: res.err }).toEqual({ argv, code: 1, err: expect.stringContaining(`[${code}]`) });
      }
      const mismatch = await cli('permissions', 'grant', ...grantArgs('051083004512', 'unpaid-leave-support', 'provincial-approval'));
      expect(mismatch.err).toBe(
        "error: step provincial-approval of unpaid-leave-support is acted on by a provincial-pc unit; the official's unit is social-insurance [GRANT_UNIT_KIND_MISMATCH]\n",
      );
      expect(await count('grant')).toBe(grantsBefore);
      expect(await count('audit_event')).toBe(auditsBefore);
    });

    it('grants, lists and revokes, auditing each change with the console user', async () => {
      const granted = await cli('permissions', 'grant', ...grantArgs('092086002743', 'wage-loan-support', 'district-appraisal'), '--json');
      expect(granted.code).toBe(0);
      expect(oneJson(granted.out)).toMatchObject({
        created: true,
        grant: { official: '092086002743', fullName: 'Trương Quốc Bảo', unitCode: 'UBND-92-916', procedure: 'wage-loan-support', step: 'district-appraisal' },
      });
      const again = await cli('permissions', 'grant', ...grantArgs('092086002743', 'wage-loan-support', 'district-appraisal'));
      expect(again.out).toMatch(/^already granted: wage-loan-support \/ district-appraisal for Trương Quốc Bảo/);

      const list = await cli('permissions', 'list', '--official', '092086002743', '--json');
      expect(oneJson(list.out)).toEqual({ grants: [expect.objectContaining({ procedure: 'wage-loan-support', step: 'district-appraisal' })] });
      expect(oneJson((await cli('permissions', 'list', '--json')).out).grants.length).toBeGreaterThanOrEqual(1);

      const revoked = await cli('permissions', 'revoke', ...grantArgs('092086002743', 'wage-loan-support', 'district-appraisal'), '--json');
      expect(oneJson(revoked.out).revoked).toMatchObject({ official: '092086002743', step: 'district-appraisal' });
      const twice = await cli('permissions', 'revoke', ...grantArgs('092086002743', 'wage-loan-support', 'district-appraisal'));
      expect(twice.code).toBe(1);
      expect(twice.err).toContain('[GRANT_NOT_FOUND]');
      expect(oneJson((await cli('permissions', 'list', '--official', '092086002743', '--json')).out)).toEqual({ grants: [] });

      const officialId = (await t.db.query('SELECT id FROM official WHERE id_number = $1', ['092086002743']))[0].id;
      const rows = (await audits()).filter((a: { subject: { officialId?: string } }) => a.subject.officialId === officialId);
      expect(rows).toEqual([
        { actor: `cli:${userInfo().username}`, action: 'grant.create', subject: { officialId, unitCode: 'UBND-92-916', procedureCode: 'wage-loan-support', step: 'district-appraisal' } },
        { actor: `cli:${userInfo().username}`, action: 'grant.revoke', subject: { officialId, unitCode: 'UBND-92-916', procedureCode: 'wage-loan-support', step: 'district-appraisal' } },
      ]);
    });
  });

  describe('tokens against the HTTP API', () => {
    it('a token issued by the CLI authenticates, and after tokens revoke the next request is 401', async () => {
      const issued = await cli('tokens', 'issue', '--official', '051190001145', '--json');
      expect(issued.code).toBe(0);
      const { principalId, token: value } = oneJson(issued.out);
      expect(value).toMatch(/^dvc_[A-Za-z0-9_-]{43}$/);
      await t.http().get('/api/v1/dossiers').set(bearer({ token: value })).expect(200);
      // Only the hash is stored.
      expect(JSON.stringify(await t.db.query('SELECT * FROM principal WHERE id = $1', [principalId]))).not.toContain(value);

      const revoked = await cli('tokens', 'revoke', '--principal', principalId, '--json');
      expect(oneJson(revoked.out)).toMatchObject({ principalId, kind: 'official', name: 'Lê Thị Hoa' });
      expectProblem(await t.http().get('/api/v1/dossiers').set(bearer({ token: value })), 401, 'AUTH_TOKEN_REVOKED');
      expect((await audits()).filter((a: { subject: { principalId?: string } }) => a.subject.principalId === principalId).map((a: { action: string }) => a.action)).toEqual([
        'token.issue',
        'token.revoke',
      ]);

      const bad = await cli('tokens', 'revoke', '--principal', 'not-a-uuid');
      expect(bad.err).toContain('[PRINCIPAL_ID_INVALID]');
    });

    it('officials deactivate stops the official\'s token on the next request; activate lets it work again', async () => {
      const officer = oneJson((await cli('tokens', 'issue', '--official', '051186005521', '--json')).out);
      await t.http().get('/api/v1/dossiers').set(bearer(officer)).expect(200);

      // The instance hears of each change by a notification: the checks after one wait for it.
      const off = await afterChangeHeard(() => cli('officials', 'deactivate', '--official', '051186005521', '--json'));
      expect(off.code).toBe(0);
      expect(oneJson(off.out)).toMatchObject({ official: '051186005521', active: false, changed: true });
      expectProblem(await t.http().get('/api/v1/dossiers').set(bearer(officer)), 401, 'AUTH_OFFICIAL_INACTIVE');
      expect(oneJson((await cli('officials', 'deactivate', '--official', '051186005521', '--json')).out)).toMatchObject({ changed: false });
      // A re-import of the directory does not bring a deactivated official back.
      expect((await cli('officials', 'import', join(EXAMPLES, 'officials.csv'))).code).toBe(0);
      expectProblem(await t.http().get('/api/v1/dossiers').set(bearer(officer)), 401, 'AUTH_OFFICIAL_INACTIVE');

      expect(oneJson((await afterChangeHeard(() => cli('officials', 'activate', '--official', '051186005521', '--json'))).out)).toMatchObject({ active: true, changed: true });
      await t.http().get('/api/v1/dossiers').set(bearer(officer)).expect(200);
      const officialId = (await t.db.query('SELECT id FROM official WHERE id_number = $1', ['051186005521']))[0].id;
      expect((await audits()).filter((a: { subject: { officialId?: string } }) => a.subject.officialId === officialId).map((a: { action: string }) => a.action))
        .toEqual(['token.issue', 'official.deactivate', 'official.activate']);

      const unknown = await cli('officials', 'deactivate', '--official', '051186009999', '--json');
      expect(unknown.code).toBe(1);
      expect(unknown.err).toContain('[OFFICIAL_NOT_FOUND]');
    });

    it('admin create and tokens issue --integration print a principal and a token that work', async () => {
      const admin = oneJson((await cli('admin', 'create', '--name', 'VP UBND tỉnh Quảng Ngãi', '--json')).out);
      await t.http().get('/api/v1/dossiers').set(bearer(admin)).expect(200);
      const integration = oneJson((await cli('tokens', 'issue', '--integration', 'dvc-quoc-gia', '--json')).out);
      await t.http().post('/api/v1/dossiers').set(bearer(integration)).send(submission()).expect(201);
      const readable = await cli('admin', 'create', '--name', 'Sở LĐTBXH Cần Thơ');
      expect(readable.out).toMatch(/^admin principal [0-9a-f-]{36}\nexpires: \d{4}-\d\d-\d\dT[\d:.]+Z\ntoken \(shown once\): dvc_/);
    });

    it('revoking a grant makes the next action 403', async () => {
      const integration = await token(t.db, 'integration');
      const submit = async () => (await t.http().post('/api/v1/dossiers').set(bearer(integration)).send(submission()).expect(201)).body.id as string;
      const [first, second] = [await submit(), await submit()];
      const grant = ['--official', '051083004512', '--procedure', 'unpaid-leave-support', '--step', 'insurance-confirmation'];
      // Each change is heard before the next is made, so the count after the revoke is the revoke's own.
      expect((await afterChangeHeard(() => cli('permissions', 'grant', ...grant))).code).toBe(0);
      const officer = oneJson((await cli('tokens', 'issue', '--official', '051083004512', '--json')).out);
      await t.http().post(`/api/v1/dossiers/${first}/actions`).set(bearer(officer)).send({ action: 'confirm' }).expect(200);

      expect((await afterChangeHeard(() => cli('permissions', 'revoke', ...grant))).code).toBe(0);
      expectProblem(await t.http().post(`/api/v1/dossiers/${second}/actions`).set(bearer(officer)).send({ action: 'confirm' }), 403);
    });
  });

  it('procedures publish switches the version new dossiers get', async () => {
    // Version 2 applies from the day Decision 23/2021 took effect; the catalogue shows the one in force at the clock.
    const res = await cli('procedures', 'publish', '--code', 'unpaid-leave-support', '--version', '2', '--json');
    expect(oneJson(res.out)).toEqual({
      code: 'unpaid-leave-support', version: 2, from: '2021-07-06T17:00:00.000Z', intake: { from: '2021-07-07', until: '2022-01-31' }, previous: 1,
    });
    const catalogue = async () => (await t.http().get('/api/v1/procedures').expect(200)).body.find((p: { code: string }) => p.code === 'unpaid-leave-support');
    expect((await catalogue()).version).toBe(1);
    t.clock.set('2021-07-07T08:00:00+07:00');
    expect(await catalogue()).toMatchObject({ version: 2, legalBasis: 'Quyết định 23/2021/QĐ-TTg', intakeOpen: true, schedule: [{ version: 1 }, { version: 2 }] });
    const scheduled = await cli('procedures', 'publish', '--code', 'unpaid-leave-support', '--version', '2', '--from', '2021-08-02', '--intake-until', '2022-06-30', '--json');
    expect(oneJson(scheduled.out)).toMatchObject({ from: '2021-08-01T17:00:00.000Z', intake: { until: '2022-06-30' } });
    expect(await catalogue()).toMatchObject({ version: 1, schedule: [{ version: 1 }, { version: 2, from: '2021-08-01T17:00:00.000Z' }] });
    const early = await cli('procedures', 'publish', '--code', 'unpaid-leave-support', '--version', '2', '--from', '2021-07-06');
    expect(early.err).toBe('error: version 2 of unpaid-leave-support cannot apply before 2021-07-07, the day Quyết định 23/2021/QĐ-TTg takes effect [PROCEDURE_PUBLISH_BEFORE_EFFECT]\n');
    expect((await cli('procedures', 'publish', '--code', 'unpaid-leave-support', '--version', '2', '--from', '7/8/2021')).err).toMatch(/--from must be a date YYYY-MM-DD/);
    // Publishing version 1 again (from its own effect) takes version 2 off the schedule.
    expect((await cli('procedures', 'publish', '--code', 'unpaid-leave-support', '--version', '1')).out).toMatch(/^published unpaid-leave-support version 1 from 2020-04-23T17:00:00.000Z \(was 2\)\n$/);
    expect((await catalogue()).schedule).toEqual([expect.objectContaining({ version: 1 })]);
    t.clock.set('2020-05-12T10:00:00+07:00');
    const missing = await cli('procedures', 'publish', '--code', 'unpaid-leave-support', '--version', '9');
    expect(missing.err).toBe('error: procedure unpaid-leave-support has no version 9 [PROCEDURE_VERSION_NOT_FOUND]\n');
  });

  // Each child process starts Node and Nest on a shared, loaded machine: 30 s each.
  describe('as a child process (node <build>/cli.js)', () => {
    let build: string;

    // A private build (tsc, ~10 s) so the test never races a concurrent `npm run build` over dist/;
    // inside the checkout (.data is ignored) so that node_modules resolves.
    beforeAll(async () => {
      mkdirSync(join(ROOT, '.data'), { recursive: true });
      build = mkdtempSync(join(ROOT, '.data', 'cli-build-'));
      await run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', build], { cwd: ROOT });
      writeFileSync(join(build, 'cli.js'), "require('./src/cli.js');\n");
    }, 120_000);
    afterAll(() => rmSync(build, { recursive: true, force: true }));

    const spawnCli = (...argv: string[]) => spawnCliWith({}, ...argv);
    const spawnCliWith = (env: Record<string, string>, ...argv: string[]) =>
      run('node', [join(build, 'cli.js'), ...argv], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.databaseUrl, ...env } }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );

    it('prints exactly one JSON object, exits 0 and ends on its own', async () => {
      const res = await spawnCli('permissions', 'list', '--official', '051083004512', '--json');
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(oneJson(res.stdout)).toEqual({ grants: [] });
    }, 30_000);

    it.each([
      [{ LOG_LEVEL: 'bogus', DATABASE_URL: 'not-a-url' }, /LOG_LEVEL must be one of/],
      [{ DATABASE_URL: 'not-a-url' }, /DATABASE_URL must be a URL/],
      [{ OFFICE_START_HOUR: '18' }, /OFFICE_END_HOUR must be after OFFICE_START_HOUR/],
      [{ NODE_ENV: 'production', DATABASE_URL: '' }, /DATABASE_URL must be set when NODE_ENV=production/],
      [{ DB_POOL_SIZE: 'lots' }, /DB_POOL_SIZE must be an integer >= 1, got "lots"/],
    ])('reports a bad configuration %j like any other error, not with a stack trace', async (env, reason) => {
      const json = await spawnCliWith(env, 'calendar', 'list', '--year', '2020', '--json');
      expect(json.code).toBe(1);
      expect(oneJson(json.stdout)).toEqual({ code: 'CONFIG_INVALID', message: expect.stringMatching(reason), error: { code: 'CONFIG_INVALID', message: expect.stringMatching(reason) } });
      const plain = await spawnCliWith(env, 'calendar', 'list', '--year', '2020');
      expect(plain).toMatchObject({ code: 1, stdout: '' });
      for (const stderr of [json.stderr, plain.stderr]) {
        expect(stderr).toMatch(/^error: bad configuration: .*\[CONFIG_INVALID\]\n$/);
        expect(stderr).toMatch(reason);
        expect(stderr).not.toMatch(/\s+at .+\.(js|ts):\d+/);
      }
    }, 30_000);

    it('exits non-zero with the reason on stderr for a refused grant', async () => {
      const res = await spawnCli('permissions', 'grant', '--official', '051083004512', '--procedure', 'wage-loan-support', '--step', 'bank-lending');
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr).toContain('[GRANT_UNIT_KIND_MISMATCH]');
    }, 30_000);
  });
});
