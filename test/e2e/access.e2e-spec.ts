import { GrantEntity } from '../../src/officials/grant.entity';
import { PrincipalEntity } from '../../src/officials/principal.entity';
import { bearer, official, staff, submission, token } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const STEP_ACTIONS: Record<string, { step: string; procedure: string; path: [string, string][] }> = {
  confirm: { step: 'insurance-confirmation', procedure: 'unpaid-leave-support', path: [] },
  reject: { step: 'insurance-confirmation', procedure: 'unpaid-leave-support', path: [] },
  'request-supplement': { step: 'insurance-confirmation', procedure: 'unpaid-leave-support', path: [] },
  appraise: { step: 'district-appraisal', procedure: 'unpaid-leave-support', path: [['insurance-confirmation', 'confirm']] },
  approve: {
    step: 'provincial-approval', procedure: 'unpaid-leave-support',
    path: [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise']],
  },
  disburse: {
    step: 'bank-lending', procedure: 'wage-loan-support',
    path: [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']],
  },
};
const KIND_OF: Record<string, 'social-insurance' | 'district-pc' | 'provincial-pc' | 'social-policy-bank'> = {
  'insurance-confirmation': 'social-insurance', 'district-appraisal': 'district-pc', 'provincial-approval': 'provincial-pc', 'bank-lending': 'social-policy-bank',
};
const BODY: Record<string, object> = {
  confirm: {}, appraise: {}, approve: {}, reject: { reason: 'không đủ điều kiện' }, 'request-supplement': { reason: 'thiếu hồ sơ' },
  disburse: { data: { contractNumber: 'HD-01', amount: 11760000 } }, supplement: { data: { attachments: [{ name: 'bo-sung.pdf', sha256: 'b'.repeat(64) }] } },
  withdraw: { comment: 'rút hồ sơ' },
};
type Who = 'admin' | 'integration' | 'granted' | 'other-district' | 'other-province' | 'no-grant' | 'wrong-kind';
const WHO: Who[] = ['admin', 'integration', 'granted', 'other-district', 'other-province', 'no-grant', 'wrong-kind'];

describe('who may act where (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const principals: Record<string, Record<Who, { token: string }>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    for (const [step, kind] of Object.entries(KIND_OF)) {
      const grants: [string, string][] = [['unpaid-leave-support', step], ['wage-loan-support', step]];
      const provinceLevel = kind === 'provincial-pc';
      const wrong = await official(t.db, 'dolisa');
      for (const [procedureCode, st] of grants) await t.db.getRepository(GrantEntity).insert({ officialId: wrong.officialId, procedureCode, step: st });
      principals[step] = {
        admin: s.admin,
        integration: s.integration,
        granted: s.byStep[step],
        // A province-level unit has no district: its "other district" is another province too.
        'other-district': await official(t.db, kind, { grants, ...(provinceLevel ? { provinceCode: '92' } : { districtCode: '524' }) }),
        'other-province': await official(t.db, kind, { grants, provinceCode: '92', districtCode: provinceLevel ? null : '916' }),
        'no-grant': await official(t.db, kind),
        'wrong-kind': wrong,
      };
    }
  });
  afterAll(() => t.close());

  async function dossierAt(procedure: string, path: [string, string][], supplement = false): Promise<string> {
    const res = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ procedureCode: procedure })).expect(201);
    for (const [step, action] of path) {
      await t.http().post(`/api/v1/dossiers/${res.body.id}/actions`).set(bearer(s.byStep[step])).send({ action, ...BODY[action] }).expect(200);
    }
    if (supplement) {
      await t.http().post(`/api/v1/dossiers/${res.body.id}/actions`).set(bearer(s.byStep['insurance-confirmation'])).send({ action: 'request-supplement', reason: 'thiếu' }).expect(200);
    }
    return res.body.id;
  }

  for (const [action, where] of Object.entries(STEP_ACTIONS)) {
    for (const who of WHO) {
      const expected = who === 'granted' ? 200 : 403;
      it(`${action} at ${where.step} by ${who} → ${expected}`, async () => {
        const id = await dossierAt(where.procedure, where.path);
        const res = await t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(principals[where.step][who])).send({ action, ...BODY[action] });
        if (expected === 200) expect(res.status).toBe(200);
        else expectProblem(res, 403);
      });
    }
  }

  for (const action of ['supplement', 'withdraw']) {
    for (const who of WHO) {
      const expected = who === 'integration' ? 200 : 403;
      it(`${action} by ${who} → ${expected}`, async () => {
        const id = await dossierAt('unpaid-leave-support', [], action === 'supplement');
        const res = await t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(principals['insurance-confirmation'][who])).send({ action, ...BODY[action] });
        if (expected === 200) expect(res.status).toBe(200);
        else expectProblem(res, 403);
      });
    }
  }

  it('only the integration may submit', async () => {
    for (const who of ['admin', 'granted'] as Who[]) {
      expectProblem(await t.http().post('/api/v1/dossiers').set(bearer(principals['insurance-confirmation'][who])).send(submission()), 403, 'DOSSIER_SUBMIT_FORBIDDEN');
    }
  });

  it('computes availableActions for the caller with the same rules', async () => {
    const id = await dossierAt('unpaid-leave-support', []);
    const as = async (who: Who) =>
      (await t.http().get(`/api/v1/dossiers/${id}`).set(bearer(principals['insurance-confirmation'][who])).expect(200)).body.availableActions;
    expect(await as('granted')).toEqual(['confirm', 'reject', 'request-supplement']);
    expect(await as('integration')).toEqual(['withdraw']);
    expect(await as('admin')).toEqual([]);
    expect(await as('no-grant')).toEqual([]);
  });

  it('hides dossiers outside the jurisdiction: 403 to read, absent from lists', async () => {
    const id = await dossierAt('unpaid-leave-support', []);
    const outsider = principals['insurance-confirmation']['other-province'];
    expectProblem(await t.http().get(`/api/v1/dossiers/${id}`).set(bearer(outsider)), 403, 'DOSSIER_OUT_OF_JURISDICTION');
    expectProblem(await t.http().get(`/api/v1/dossiers/${id}/history`).set(bearer(outsider)), 403, 'DOSSIER_OUT_OF_JURISDICTION');
    const list = await t.http().get('/api/v1/dossiers?pageSize=200').set(bearer(outsider)).expect(200);
    expect(list.body.total).toBe(0);
    const inside = await t.http().get('/api/v1/dossiers?pageSize=200').set(bearer(s.byStep['insurance-confirmation'])).expect(200);
    expect(inside.body.items.map((d: { id: string }) => d.id)).toContain(id);
  });

  it('answers 401 without a token, with an unknown one, and right after revocation', async () => {
    expectProblem(await t.http().get('/api/v1/dossiers'), 401, 'AUTH_TOKEN_MISSING');
    expectProblem(await t.http().get('/api/v1/dossiers').set('Authorization', 'Bearer dvc_' + 'x'.repeat(43)), 401, 'AUTH_TOKEN_INVALID');
    const temp = await token(t.db, 'admin');
    await t.http().get('/api/v1/dossiers').set(bearer(temp)).expect(200);
    await t.db.getRepository(PrincipalEntity).update({ id: temp.principalId }, { revokedAt: new Date() });
    expectProblem(await t.http().get('/api/v1/dossiers').set(bearer(temp)), 401, 'AUTH_TOKEN_INVALID');
  });

  it('takes a revoked grant away on the next request', async () => {
    const o = await official(t.db, 'social-insurance', { grants: [['unpaid-leave-support', 'insurance-confirmation']] });
    const id = await dossierAt('unpaid-leave-support', []);
    const read = async () => (await t.http().get(`/api/v1/dossiers/${id}`).set(bearer(o)).expect(200)).body.availableActions;
    expect(await read()).toContain('confirm');
    await t.db.getRepository(GrantEntity).delete({ officialId: o.officialId });
    expect(await read()).toEqual([]);
    expectProblem(await t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(o)).send({ action: 'confirm' }), 403, 'DOSSIER_ACTION_FORBIDDEN');
  });
});

describe('token guessing (e2e)', () => {
  it('answers 429 after too many failed tokens from one address', async () => {
    const t = await createTestApp({ AUTH_FAILURES_PER_MINUTE: '3' });
    try {
      const guess = () => t.http().get('/api/v1/dossiers').set('Authorization', `Bearer dvc_${'y'.repeat(43)}`);
      for (let i = 0; i < 3; i++) expectProblem(await guess(), 401, 'AUTH_TOKEN_INVALID');
      expectProblem(await guess(), 429, 'AUTH_TOO_MANY_FAILURES');
    } finally {
      await t.close();
    }
  });
});
