import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { bearer } from '../support/factories';
import { cliOn } from '../support/cli';
import { expectProblem, refusedSoon } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const OFFICIALS_HEADER = 'full_name,id_number,phone,unit_code,email';
const UNITS_HEADER = 'code,name,kind,province_code,district_code';
const ACTOR = `cli:${userInfo().username}`;

/** Moves between units and changes of a unit take away what no longer belongs to the official. */
describe('identities that change (e2e)', () => {
  let t: TestApp;
  let cli: ReturnType<typeof cliOn>;
  let scratch: string;

  beforeAll(async () => {
    t = await createTestApp();
    cli = cliOn(t.databaseUrl);
    scratch = mkdtempSync(join(tmpdir(), 'dvc-identities-'));
    expect((await cli('units', 'import', join(EXAMPLES, 'units.csv'))).code).toBe(0);
    expect((await cli('officials', 'import', join(EXAMPLES, 'officials.csv'))).code).toBe(0);
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.close();
  });

  const json = (out: string) => {
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]);
  };
  const file = (name: string, lines: string[]) => {
    const path = join(scratch, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const officialId = async (idNumber: string): Promise<string> => (await t.db.query('SELECT id FROM official WHERE id_number = $1', [idNumber]))[0].id;
  const grants = async (idNumber: string) =>
    (await t.db.query('SELECT g.procedure_code, g.step FROM "grant" g JOIN official o ON o.id = g.official_id WHERE o.id_number = $1 ORDER BY 1, 2', [idNumber])).map(
      (g: { procedure_code: string; step: string }) => `${g.procedure_code}/${g.step}`,
    );
  const auditOf = async (action: string) => t.db.query('SELECT actor, subject FROM audit_event WHERE action = $1 ORDER BY id', [action]);
  const grant = (idNumber: string, procedure: string, step: string) => cli('permissions', 'grant', '--official', idNumber, '--procedure', procedure, '--step', step);
  const issue = async (...argv: string[]) => {
    const res = await cli('tokens', 'issue', ...argv, '--json');
    expect(res).toMatchObject({ code: 0 });
    return json(res.out) as { principalId: string; token: string; expiresAt: string | null; revoked?: string[] };
  };
  const dossiers = (token: { token: string }) => t.http().get('/api/v1/dossiers').set(bearer(token));

  describe('an official moved to another unit', () => {
    it('through officials import loses every grant, token and the right to sign, audited with both units', async () => {
      const hung = '051083004512';
      for (const procedure of ['unpaid-leave-support', 'wage-loan-support']) expect((await grant(hung, procedure, 'insurance-confirmation')).code).toBe(0);
      expect((await cli('officials', 'signer', '--official', hung, '--may-sign', 'yes')).code).toBe(0);
      const old = await issue('--official', hung);
      await dossiers(old).expect(200);

      const moved = file('moved.csv', [OFFICIALS_HEADER, `Nguyễn Văn Hùng,${hung},0905123401,BHXH-51-524,nvhung.qni@baohiemxahoi.gov.vn`]);
      const res = await cli('officials', 'import', moved, '--json');
      expect(res.code).toBe(0);
      expect(json(res.out)).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: [], moved: 1, grantsRevoked: 2, tokensRevoked: 1 });

      expectProblem(await refusedSoon(() => dossiers(old)), 401, 'AUTH_TOKEN_REVOKED');
      expect(await grants(hung)).toEqual([]);
      expect(await t.db.query('SELECT unit_code, may_sign, active FROM official WHERE id_number = $1', [hung])).toEqual([
        { unit_code: 'BHXH-51-524', may_sign: false, active: true },
      ]);
      const id = await officialId(hung);
      expect(await auditOf('official.move')).toEqual([
        {
          actor: ACTOR,
          subject: {
            officialId: id, fromUnit: 'BHXH-51-522', toUnit: 'BHXH-51-524',
            grantsRevoked: [
              { procedureCode: 'unpaid-leave-support', step: 'insurance-confirmation' },
              { procedureCode: 'wage-loan-support', step: 'insurance-confirmation' },
            ],
            tokensRevoked: [old.principalId],
          },
        },
      ]);
      const revokes = (await auditOf('grant.revoke')).filter((a: { subject: { officialId: string } }) => a.subject.officialId === id);
      expect(revokes.map((a: { subject: { unitCode: string; reason: string } }) => [a.subject.unitCode, a.subject.reason])).toEqual([
        ['BHXH-51-522', 'official.move'],
        ['BHXH-51-522', 'official.move'],
      ]);

      // A new token works for the new unit, with nothing granted yet; the same file again moves nobody.
      const fresh = await issue('--official', hung);
      await dossiers(fresh).expect(200);
      const again = await cli('officials', 'import', moved);
      expect(again.out).toBe('officials: 0 created, 0 updated, 1 unchanged, 0 rejected; 0 moved to another unit (0 grant(s), 0 token(s) revoked)\n');
      await dossiers(fresh).expect(200);
    });

    it('says so in the readable summary, and --strict with a rejected line moves nobody', async () => {
      const tuan = '051087006203';
      expect((await grant(tuan, 'unpaid-leave-support', 'district-appraisal')).code).toBe(0);
      const token = await issue('--official', tuan);
      const lines = [OFFICIALS_HEADER, `Phạm Minh Tuấn,${tuan},0914220315,UBND-51-524,`, 'Ai Đó,12,0914220315,UBND-51-524,'];
      const strict = await cli('officials', 'import', file('strict.csv', lines), '--strict');
      expect(strict.code).not.toBe(0);
      expect(strict.out).toMatch(/^officials: 0 created, 0 updated, 0 unchanged, 1 rejected; 0 moved/);
      await dossiers(token).expect(200);
      expect(await grants(tuan)).toEqual(['unpaid-leave-support/district-appraisal']);

      const loose = await cli('officials', 'import', file('loose.csv', lines));
      expect(loose.out).toMatch(/^officials: 0 created, 1 updated, 0 unchanged, 1 rejected; 1 moved to another unit \(1 grant\(s\), 1 token\(s\) revoked\)\n/);
      expectProblem(await refusedSoon(() => dossiers(token)), 401, 'AUTH_TOKEN_REVOKED');
      expect(await grants(tuan)).toEqual([]);
    });

    it('through officials move, in one transaction; the same unit again changes nothing', async () => {
      const hoa = '051190001145';
      expect((await grant(hoa, 'wage-loan-support', 'district-appraisal')).code).toBe(0);
      const token = await issue('--official', hoa);
      const res = await cli('officials', 'move', '--official', hoa, '--unit', 'UBND-51-522', '--json');
      expect(res.code).toBe(0);
      expect(json(res.out)).toEqual({
        official: hoa, fullName: 'Lê Thị Hoa', fromUnit: 'UBND-51-524', toUnit: 'UBND-51-522', changed: true, grantsRevoked: 1, tokensRevoked: 1,
      });
      expectProblem(await refusedSoon(() => dossiers(token)), 401, 'AUTH_TOKEN_REVOKED');
      expect(await grants(hoa)).toEqual([]);
      expect((await auditOf('official.move')).at(-1)).toMatchObject({ actor: ACTOR, subject: { fromUnit: 'UBND-51-524', toUnit: 'UBND-51-522' } });

      const moves = (await auditOf('official.move')).length;
      const same = await cli('officials', 'move', '--official', hoa, '--unit', 'UBND-51-522');
      expect(same.out).toBe('Lê Thị Hoa (051190001145): already of UBND-51-522\n');
      expect(await auditOf('official.move')).toHaveLength(moves);
      expect((await cli('officials', 'move', '--official', hoa, '--unit', 'NO-SUCH')).err).toContain('[OFFICIAL_UNIT_NOT_FOUND]');
      expect((await cli('officials', 'move', '--official', '051190009999', '--unit', 'UBND-51-522')).err).toContain('[OFFICIAL_NOT_FOUND]');
      expect(await t.db.query('SELECT unit_code FROM official WHERE id_number = $1', [hoa])).toEqual([{ unit_code: 'UBND-51-522' }]);
    });
  });

  describe('a unit whose kind or area changes', () => {
    it('is audited, and its officials lose the grants the new kind may not hold', async () => {
      const han = '092192004816'; // UBND-92-918, district-pc
      for (const procedure of ['unpaid-leave-support', 'wage-loan-support']) expect((await grant(han, procedure, 'district-appraisal')).code).toBe(0);
      const token = await issue('--official', han);
      const kind = file('kind.csv', [UNITS_HEADER, 'UBND-92-918,Ủy ban nhân dân quận Bình Thủy,social-insurance,92,918']);
      const res = await cli('units', 'import', kind, '--json');
      expect(json(res.out)).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: [], changed: 1, grantsRevoked: 2 });
      expect(await grants(han)).toEqual([]);
      expect((await auditOf('unit.change')).at(-1)).toEqual({
        actor: ACTOR,
        subject: {
          unitCode: 'UBND-92-918',
          from: { kind: 'district-pc', provinceCode: '92', districtCode: '918' },
          to: { kind: 'social-insurance', provinceCode: '92', districtCode: '918' },
          grantsRevoked: 2,
        },
      });
      // The token stays; the official now acts as their unit's new kind, on no step.
      await dossiers(token).expect(200);
    });

    it('keeps grants that still fit when only the area changes, and audits the change', async () => {
      const phuoc = '092084001598'; // BHXH-92-918
      expect((await grant(phuoc, 'unpaid-leave-support', 'insurance-confirmation')).code).toBe(0);
      const area = file('area.csv', [UNITS_HEADER, 'BHXH-92-918,Bảo hiểm xã hội quận Bình Thủy,social-insurance,92,916']);
      const res = await cli('units', 'import', area);
      expect(res.out).toBe('units: 0 created, 1 updated, 0 unchanged, 0 rejected; 1 changed kind or area (0 grant(s) that no longer fit revoked)\n');
      expect(await grants(phuoc)).toEqual(['unpaid-leave-support/insurance-confirmation']);
      expect((await auditOf('unit.change')).at(-1).subject).toMatchObject({ unitCode: 'BHXH-92-918', from: { districtCode: '918' }, to: { districtCode: '916' }, grantsRevoked: 0 });
      // A new name alone is no change of place.
      const before = (await auditOf('unit.change')).length;
      const renamed = file('renamed.csv', [UNITS_HEADER, 'BHXH-92-918,BHXH quận Bình Thủy,social-insurance,92,916']);
      expect(json((await cli('units', 'import', renamed, '--json')).out)).toMatchObject({ updated: 1, changed: 0 });
      expect(await auditOf('unit.change')).toHaveLength(before);
    });
  });
});
