import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { encode } from 'iconv-lite';
import { runCli } from '../../src/cli';
import { bearer, submission, token } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const ACTOR = `cli:${userInfo().username}`;
const OFFICIALS_HEADER = 'full_name,id_number,phone,unit_code,email';

/** Files as spreadsheets save them, the commands to list and undo, the audit trail of every admin change. */
describe('admin CLI with real spreadsheets (e2e)', () => {
  let t: TestApp;
  let scratch: string;

  beforeAll(async () => {
    t = await createTestApp();
    scratch = mkdtempSync(join(tmpdir(), 'dvc-sheets-'));
    for (const file of ['units.csv', 'officials.csv']) expect((await cli(file.replace('.csv', ''), 'import', join(EXAMPLES, file))).code).toBe(0);
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.close();
  });

  async function cli(...argv: string[]) {
    return cliWith({}, ...argv);
  }

  async function cliWith(streams: { interactive?: boolean }, ...argv: string[]) {
    let out = '';
    let err = '';
    const database = async () => ({ url: t.databaseUrl, stop: async () => undefined });
    const code = await runCli(argv, { database, streams: { ...streams, out: (s) => void (out += s), err: (s) => void (err += s) } });
    return { code, out, err };
  }

  function oneJson(out: string) {
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]);
  }

  function file(name: string, content: string | Uint8Array): string {
    const path = join(scratch, name);
    writeFileSync(path, content);
    return path;
  }

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params))[0].n);
  const auditsOf = (action: string) => t.db.query('SELECT actor, subject FROM audit_event WHERE action = $1 ORDER BY id', [action]);

  describe('reading the file', () => {
    it('refuses a Windows-1258 file whole, in Vietnamese and English, and writes nothing', async () => {
      // What Excel's "CSV (Comma delimited)" writes on a Vietnamese Windows: tone marks as combining bytes.
      const text = 'code,name,kind,province_code,district_code\r\nBHXH-51-523,Bảo hiểm xã hội huyện Sơn Tịnh,social-insurance,51,523\r\n';
      const bytes = encode(text.normalize('NFD'), 'windows1258');
      expect(Buffer.from(text).equals(bytes)).toBe(false);
      const before = await count('SELECT count(*) AS n FROM unit');
      const res = await cli('units', 'import', file('cp1258.csv', bytes), '--json');
      expect(res.code).toBe(1);
      expect(oneJson(res.out)).toMatchObject({ code: 'CSV_NOT_UTF8', message: expect.stringContaining('CSV UTF-8 (Comma delimited)') });
      expect(res.err).toMatch(/not UTF-8 \(first invalid byte on line 2\); nothing was imported/);
      expect(res.err).toContain('Tệp không ở bảng mã UTF-8');
      expect(res.err).toContain('[CSV_NOT_UTF8]');
      expect(await count('SELECT count(*) AS n FROM unit')).toBe(before);
    });

    it('reads a semicolon-separated file with BOM and CRLF, hints at dropped zeros and normalises phones', async () => {
      const text = [
        '\uFEFFfull_name;id_number;phone;unit_code;email',
        'Phạm Thị Lan;051189008822;0914 993 344;BHXH-51-522;',
        'Võ Văn Nam;51189008823;+84 914.993.345;BHXH-51-522;',
        '"Đặng Thị Oanh; kế toán";051189008824;84-914-993-346;BHXH-51-522;dtoanh@example.vn',
        'Hà Văn Phúc;051189008825;914993347;BHXH-51-522;',
        'Lý Thị Quế;051189008826;0914 99 33;BHXH-51-522;',
        '',
      ].join('\r\n');
      const res = await cli('officials', 'import', file('semicolon.csv', text), '--json');
      expect(res.code).toBe(0);
      expect(oneJson(res.out)).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
        moved: 0,
        grantsRevoked: 0,
        tokensRevoked: 0,
        rejected: [
          { line: 3, errors: ['id_number 51189008823 has 11 digits: the leading zero was probably dropped by Excel (did you mean 051189008823? format the column as Text)'] },
          { line: 5, errors: ['phone 914993347 has 9 digits: the leading zero was probably dropped by Excel (did you mean 0914993347? format the column as Text)'] },
          { line: 6, errors: ['phone must be a Vietnamese phone number (10-digit mobile or 11-digit landline)'] },
        ],
      });
      expect(await t.db.query("SELECT full_name, phone FROM official WHERE id_number IN ('051189008822', '051189008824') ORDER BY id_number")).toEqual([
        { full_name: 'Phạm Thị Lan', phone: '0914993344' },
        { full_name: 'Đặng Thị Oanh; kế toán', phone: '0914993346' },
      ]);
    });

    it('names the delimiter when the header is wrong, and keeps line numbers across quoted line breaks', async () => {
      const header = await cli('units', 'import', file('header.csv', 'code;name;kind;province\n'));
      expect(header.code).toBe(1);
      expect(header.err).toContain('missing column(s) province_code, district_code; unknown column(s) province; expected the header code;name;kind;province_code;district_code');
      expect(header.err).toContain('(columns separated by ";", read from the header line; "," works too) [CSV_INVALID]');
      const multiline = `${OFFICIALS_HEADER}\n"Trịnh Văn\nSơn",051189008827,0914993348,BHXH-51-522,\nBad,1,0914993349,BHXH-51-522,\n`;
      expect(oneJson((await cli('officials', 'import', file('multiline.csv', multiline), '--json')).out).rejected).toEqual([
        // A name is one line: the quoted line break is refused, and the next record keeps its own line number.
        { line: 2, errors: ['full_name must be text on one line, without control characters'] },
        { line: 4, errors: ['id_number must be a 12-digit CCCD or a 9-digit CMND number'] },
      ]);
    });
  });

  describe('summaries, progress and the may_sign column', () => {
    it('counts a line that changes nothing as unchanged, and audits each import that wrote', async () => {
      const before = (await auditsOf('officials.import')).length;
      const again = await cli('officials', 'import', join(EXAMPLES, 'officials.csv'));
      expect(again.out).toBe('officials: 0 created, 0 updated, 15 unchanged, 0 rejected; 0 moved to another unit (0 grant(s), 0 token(s) revoked)\n');
      expect(await auditsOf('officials.import')).toHaveLength(before);
      const moved = file('moved.csv', `${OFFICIALS_HEADER}\nNguyễn Văn Hùng,051083004512,0905 123 401,BHXH-51-522,nvhung.qni@baohiemxahoi.gov.vn\nNgười Mới,051189008830,0905123499,BHXH-51-522,\n`);
      expect(oneJson((await cli('officials', 'import', moved, '--json')).out)).toEqual({ created: 1, updated: 0, unchanged: 1, rejected: [], moved: 0, grantsRevoked: 0, tokensRevoked: 0 });
      expect((await auditsOf('officials.import')).slice(before)).toEqual([
        { actor: ACTOR, subject: { file: 'moved.csv', created: 1, updated: 0, unchanged: 1, rejected: 0 } },
      ]);
      expect((await auditsOf('units.import')).length).toBeGreaterThanOrEqual(1);
    });

    it('sets may_sign like officials signer (audited), and leaves it alone when the cell is empty', async () => {
      const sheet = (value: string) => file('signers.csv', `${OFFICIALS_HEADER},may_sign\nNguyễn Văn Hùng,051083004512,0905123401,BHXH-51-522,nvhung.qni@baohiemxahoi.gov.vn,${value}\n`);
      const maySign = async () => (await t.db.query("SELECT may_sign FROM official WHERE id_number = '051083004512'"))[0].may_sign;
      expect(oneJson((await cli('officials', 'import', sheet('có'), '--json')).out)).toMatchObject({ updated: 1 });
      expect(await maySign()).toBe(true);
      expect(oneJson((await cli('officials', 'import', sheet(''), '--json')).out)).toMatchObject({ unchanged: 1 });
      expect(await maySign()).toBe(true);
      expect(oneJson((await cli('officials', 'import', sheet('1'), '--json')).out)).toMatchObject({ unchanged: 1 });
      expect(oneJson((await cli('officials', 'import', sheet('không'), '--json')).out)).toMatchObject({ updated: 1 });
      expect(await maySign()).toBe(false);
      const bad = oneJson((await cli('officials', 'import', sheet('maybe'), '--json')).out);
      expect(bad.rejected).toEqual([{ line: 2, errors: ['may_sign must be true/false, 1/0 or có/không (empty: unchanged), got "maybe"'] }]);
      const officialId = (await t.db.query("SELECT id FROM official WHERE id_number = '051083004512'"))[0].id;
      const rows = await t.db.query("SELECT action FROM audit_event WHERE subject->>'officialId' = $1 AND action LIKE 'official.may%' ORDER BY id", [officialId]);
      expect(rows.map((r: { action: string }) => r.action)).toEqual(['official.may-sign', 'official.may-not-sign']);
    });

    // Three imports of 1,200 lines on a shared machine.
    it('shows progress on a terminal for more than 1,000 lines, and nothing extra with --json', async () => {
      const lines = Array.from({ length: 1200 }, (_, i) => `Cán bộ ${i},05137${String(1000000 + i)},09${String(10000000 + i)},BHXH-51-524,`);
      const big = file('big.csv', `${OFFICIALS_HEADER}\n${lines.join('\n')}\n`);
      const shown = await cliWith({ interactive: true }, 'officials', 'import', big);
      expect(shown.code).toBe(0);
      expect(shown.out).toBe('officials: 1200 created, 0 updated, 0 unchanged, 0 rejected; 0 moved to another unit (0 grant(s), 0 token(s) revoked)\n');
      expect(shown.err).toContain('\rofficials: 250 / 1200 lines written');
      expect(shown.err.endsWith('\rofficials: 1200 / 1200 lines written\u001b[K\n')).toBe(true);
      const quiet = await cliWith({ interactive: true }, 'officials', 'import', big, '--json');
      expect(quiet.err).toBe('');
      expect(oneJson(quiet.out)).toEqual({ created: 0, updated: 0, unchanged: 1200, rejected: [], moved: 0, grantsRevoked: 0, tokensRevoked: 0 });
      const redirected = await cli('officials', 'import', big);
      expect(redirected.err).toBe('');
    }, 60_000);
  });

  describe('lists', () => {
    it('units list and officials list [--unit] [--inactive]', async () => {
      const units = oneJson((await cli('units', 'list', '--json')).out).units;
      expect(units).toContainEqual(expect.objectContaining({ code: 'UBND-92-916', name: 'Ủy ban nhân dân quận Ninh Kiều', kind: 'district-pc', provinceCode: '92', districtCode: '916', officials: 1 }));
      const table = (await cli('units', 'list')).out.split('\n');
      expect(table[0]).toMatch(/^code +kind +province +district +officials +name$/);
      expect(table).toContainEqual(expect.stringMatching(/^UBND-92-916 +district-pc +92 +916 +1 +Ủy ban nhân dân quận Ninh Kiều$/));

      expect((await cli('officials', 'deactivate', '--official', '092086002743')).code).toBe(0);
      const active = oneJson((await cli('officials', 'list', '--unit', 'UBND-92-916', '--json')).out);
      expect(active).toEqual({ officials: [] });
      const all = oneJson((await cli('officials', 'list', '--unit', 'UBND-92-916', '--inactive', '--json')).out);
      expect(all.officials).toEqual([
        { idNumber: '092086002743', fullName: 'Trương Quốc Bảo', phone: expect.any(String), email: expect.anything(), unitCode: 'UBND-92-916', active: false, maySign: false, grants: 0 },
      ]);
      expect((await cli('officials', 'list', '--unit', 'UBND-92-916', '--inactive')).out).toMatch(/^unit +id_number +phone +status +signs +grants +full_name\nUBND-92-916 +092086002743 .* inactive +0 +Trương Quốc Bảo\n$/);
      expect((await cli('officials', 'activate', '--official', '092086002743')).code).toBe(0);
    });
  });

  describe('permissions import and list', () => {
    it('grants a whole list in one transaction, line by line, and lists it with a header or as CSV that imports back', async () => {
      const sheet = [
        'official_id;procedure;step',
        '051083004512;unpaid-leave-support;insurance-confirmation',
        '051083004512;wage-loan-support;insurance-confirmation',
        '51083004512;unpaid-leave-support;provincial-approval',
        '051083004512;unpaid-leave-support;provincial-approval',
        '051099999999;unpaid-leave-support;insurance-confirmation',
        '051083004512;unpaid-leave-support;insurance-confirmation',
      ].join('\r\n');
      const strict = await cli('permissions', 'import', file('grants.csv', sheet), '--strict', '--json');
      expect(strict.code).toBe(1);
      const failure = oneJson(strict.out);
      expect(failure).toMatchObject({ code: 'IMPORT_REJECTED', created: 0, unchanged: 0 });
      expect(failure.rejected.map((r: { line: number }) => r.line)).toEqual([4, 5, 6, 7]);
      expect(await count('SELECT count(*) AS n FROM "grant"')).toBe(0);

      const res = await cli('permissions', 'import', file('grants.csv', sheet), '--json');
      expect(oneJson(res.out)).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
        rejected: [
          { line: 4, errors: ['official_id 51083004512 has 11 digits: the leading zero was probably dropped by Excel (did you mean 051083004512? format the column as Text)'] },
          { line: 5, errors: ["step provincial-approval of unpaid-leave-support is acted on by a provincial-pc unit; the official's unit is social-insurance"] },
          { line: 6, errors: ['official_id 051099999999 is not a known official (run officials import first)'] },
          { line: 7, errors: ['the grant 051083004512 unpaid-leave-support insurance-confirmation is already on line 2'] },
        ],
      });
      const grants = await auditsOf('grant.create');
      expect(grants.slice(-2).map((a: { actor: string; subject: { step: string; file: string } }) => [a.actor, a.subject.step, a.subject.file])).toEqual([
        [ACTOR, 'insurance-confirmation', 'grants.csv'],
        [ACTOR, 'insurance-confirmation', 'grants.csv'],
      ]);

      const table = await cli('permissions', 'list');
      expect(table.out.split('\n')[0]).toMatch(/^official_id +full_name +unit_code +procedure +step +granted_at$/);
      const csv = await cli('permissions', 'list', '--csv');
      expect(csv.out.startsWith('\uFEFFofficial_id,full_name,unit_code,procedure,step,granted_at\r\n051083004512,Nguyễn Văn Hùng,BHXH-51-522,unpaid-leave-support')).toBe(true);
      const back = await cli('permissions', 'import', file('listed.csv', csv.out), '--json');
      expect(oneJson(back.out)).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: [] });
      expect((await cli('permissions', 'list', '--csv', '--json')).code).toBe(2); // a usage error
    });
  });

  describe('undo and audit', () => {
    it('calendar remove takes a stored swap back; every calendar change is audited', async () => {
      expect((await cli('calendar', 'add-holiday', '--date', '2025-05-02', '--name', 'Nghỉ bù')).code).toBe(0);
      expect(oneJson((await cli('calendar', 'list', '--year', '2025', '--json')).out).swaps).toEqual([{ date: '2025-05-02', kind: 'holiday', name: 'Nghỉ bù' }]);
      const removed = await cli('calendar', 'remove', '--date', '2025-05-02', '--json');
      expect(oneJson(removed.out)).toEqual({ removed: { date: '2025-05-02', kind: 'holiday', name: 'Nghỉ bù' } });
      expect(oneJson((await cli('calendar', 'list', '--year', '2025', '--json')).out).swaps).toEqual([]);
      const again = await cli('calendar', 'remove', '--date', '2025-05-02', '--json');
      expect(again.code).toBe(1);
      expect(oneJson(again.out).code).toBe('CALENDAR_DAY_NOT_FOUND');
      const trail = oneJson((await cli('audit', 'list', '--action', 'calendar', '--json')).out);
      expect(trail.events.map((e: { action: string; actor: string; subject: { date: string } }) => [e.action, e.actor, e.subject.date])).toEqual([
        ['calendar.add-holiday', ACTOR, '2025-05-02'],
        ['calendar.remove', ACTOR, '2025-05-02'],
      ]);
    });

    it('audit list filters by --since, --actor and --action; procedure publication is audited', async () => {
      expect((await cli('procedures', 'publish', '--code', 'wage-loan-support', '--version', '2')).code).toBe(0);
      const publications = oneJson((await cli('audit', 'list', '--action', 'procedure.publish', '--json')).out).events;
      expect(publications).toEqual([expect.objectContaining({ actor: ACTOR, action: 'procedure.publish', subject: expect.objectContaining({ code: 'wage-loan-support', version: 2 }) })]);
      expect(oneJson((await cli('audit', 'list', '--actor', 'cli:nobody', '--json')).out)).toEqual({ events: [], truncated: false });
      expect(oneJson((await cli('audit', 'list', '--since', '2999-01-01', '--json')).out).events).toEqual([]);
      const limited = oneJson((await cli('audit', 'list', '--limit', '2', '--json')).out);
      expect(limited).toMatchObject({ truncated: true, events: [expect.anything(), expect.anything()] });
      expect(limited.events[1].action).toBe('procedure.publish');
      const readable = await cli('audit', 'list', '--action', 'procedure');
      expect(readable.out).toMatch(/^at +actor +action +subject\n\S+Z +cli:\S+ +procedure\.publish +\{"code":"wage-loan-support"/);
      const bad = await cli('audit', 'list', '--since', 'yesterday', '--json');
      expect(bad.code).toBe(1);
      expect(oneJson(bad.out).message).toContain('--since must be a date YYYY-MM-DD');
    });

    it('outbox list shows failed messages; outbox retry sends one again, audited, from the CLI and over HTTP', async () => {
      const portal = await token(t.db, 'integration');
      const dossier = (await t.http().post('/api/v1/dossiers').set(bearer(portal)).send(submission()).expect(201)).body.id;
      await t.db.query(`UPDATE outbox_message SET state = 'failed', last_error = 'HTTP 503 from the portal' WHERE dossier_id = $1`, [dossier]);
      const failed = oneJson((await cli('outbox', 'list', '--status', 'failed', '--json')).out);
      expect(failed.items.length).toBeGreaterThanOrEqual(1);
      const [first] = failed.items.filter((m: { dossierId: string }) => m.dossierId === dossier);
      expect(first).toMatchObject({ state: 'failed', lastError: 'HTTP 503 from the portal' });
      expect((await cli('outbox', 'list', '--status', 'failed')).out).toContain('HTTP 503 from the portal');

      const retried = await cli('outbox', 'retry', '--message', first.id, '--json');
      expect(oneJson(retried.out)).toMatchObject({ id: first.id, state: 'pending', attempts: 0 });
      const twice = await cli('outbox', 'retry', '--message', first.id, '--json');
      expect(twice.code).toBe(1);
      expect(oneJson(twice.out)).toMatchObject({ code: 'OUTBOX_MESSAGE_NOT_FAILED', state: 'pending' });

      // It fails again; an admin retries it over HTTP this time.
      await t.db.query(`UPDATE outbox_message SET state = 'failed' WHERE id = $1`, [first.id]);
      const admin = await token(t.db, 'admin');
      await t.http().post(`/api/v1/integration/outbox/${first.id}/retry`).set(bearer(admin)).expect(200);
      const subject = { messageId: first.id, dossierId: dossier, seq: first.seq };
      expect(await auditsOf('outbox.retry')).toEqual([{ actor: ACTOR, subject }, { actor: admin.principalId, subject }]);
    });
  });
});
