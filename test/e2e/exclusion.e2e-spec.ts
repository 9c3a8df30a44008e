import { bearer, idNumber, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// The district appraises a list, the province approves a list (Decision 15/2020/QĐ-TTg art. 2 cl. 4;
// Decision 23/2021/QĐ-TTg art. 16 cl. 4): workers left out by n, findings on those left.
describe('excluding workers at appraisal and approval (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const worker = (fullName: string, from: string, to: string) => ({ fullName, idNumber: idNumber(), socialInsuranceCode: '5112345678', from, to });
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);
  const district = () => s.byStep['district-appraisal'];
  const province = () => s.byStep['provincial-approval'];
  const get = async (id: string) => (await t.http().get(`/api/v1/dossiers/${id}`).set(bearer(s.admin)).expect(200)).body;

  /** A dossier of three workers at the district: 1 and 3 eligible (3 and 2 months), 2 outside the programme. */
  async function atDistrict() {
    const workers = [worker('Nguyễn Thị Ánh', '2020-04-01', '2020-06-30'), worker('Võ Thị Lan', '2020-07-01', '2020-09-30'), worker('Trần Văn Bình', '2020-04-01', '2020-05-31')];
    const d = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ workers })).expect(201)).body;
    await act(d.id, s.byStep['insurance-confirmation'], { action: 'confirm' }).expect(200);
    return d;
  }

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  it('approves the eligible workers left, numbered as submitted, and keeps who was left out, why and by which step', async () => {
    const d = await atDistrict();
    expect(d.eligibility.totals).toMatchObject({ eligibleWorkers: 2, blockedWorkers: 1 });
    const exclude = [{ worker: 3, ground: 'duplicate', reason: 'Đã có trong hồ sơ 000.00.51.H55-200512-0009' }];
    const appraised = (await act(d.id, district(), { action: 'appraise', data: { exclude } }).expect(200)).body;
    expect(appraised.excludedWorkers).toEqual([{ n: 3, ground: 'duplicate', reason: exclude[0].reason, step: 'district-appraisal' }]);
    expect(appraised.eligibility.totals).toMatchObject({ workers: 2, eligibleWorkers: 1, supportAmount: 5_400_000 });
    expect(appraised.eligibility.workersToCheck.map((w: { n: number; index: number }) => [w.n, w.index])).toEqual([[2, 1]]);

    // Approval without a list leaves out the blocked worker 2 with the ground its finding stands for.
    const approved = (await act(d.id, province(), { action: 'approve' }).expect(200)).body;
    expect(approved.status).toBe('approved');
    expect(approved.excludedWorkers).toEqual([
      { n: 3, ground: 'duplicate', reason: exclude[0].reason, step: 'district-appraisal' },
      { n: 2, ground: 'not-in-programme-period', reason: expect.stringContaining('nằm ngoài thời gian của chính sách'), step: 'provincial-approval' },
    ]);
    expect(approved.eligibility).toMatchObject({ blocking: false, totals: { workers: 1, eligibleWorkers: 1, supportAmount: 5_400_000 } });
    const view = await get(d.id);
    expect(view.workers.map((w: { n: number; fullName: string; excluded: boolean }) => [w.n, w.fullName, w.excluded])).toEqual([
      [1, 'Nguyễn Thị Ánh', false], [2, 'Võ Thị Lan', true], [3, 'Trần Văn Bình', true],
    ]);

    const history = await t.db.query(`SELECT action, data FROM dossier_event WHERE dossier_id = $1 AND action IN ('appraise', 'approve') ORDER BY seq`, [d.id]);
    expect(history.map((e: { action: string; data: { excludedWorkers: { n: number }[] } }) => [e.action, e.data.excludedWorkers.map((x) => x.n)])).toEqual([
      ['appraise', [3]], ['approve', [3, 2]],
    ]);
  });

  it('refuses an approval that leaves no eligible worker (422), and a bad list naming the problem (400), changing nothing', async () => {
    const d = await atDistrict();
    await act(d.id, district(), { action: 'appraise' }).expect(200);
    const none = await act(d.id, province(), { action: 'approve', data: { exclude: [{ worker: 1, ground: 'ineligible', reason: 'x' }, { worker: 3, ground: 'ineligible', reason: 'y' }] } });
    expectProblem(none, 422, 'DOSSIER_INELIGIBLE_MUST_REJECT');
    const bad: [object, string][] = [
      [{ exclude: [{ worker: 4, ground: 'ineligible', reason: 'x' }] }, 'data.exclude[0].worker must be'],
      [{ exclude: [{ worker: 0, ground: 'ineligible', reason: 'x' }] }, 'data.exclude[0].worker must be'],
      [{ exclude: [{ worker: '1', ground: 'ineligible', reason: 'x' }] }, 'data.exclude[0].worker must be'],
      [{ exclude: [{ worker: 1, ground: 'ineligible', reason: 'x' }, { worker: 1, ground: 'duplicate', reason: 'y' }] }, 'listed twice'],
      [{ exclude: [{ worker: 1, ground: 'no-such', reason: 'x' }] }, 'data.exclude[0].ground must be one of'],
      [{ exclude: [{ worker: 1, ground: 'ineligible', reason: '  ' }] }, 'data.exclude[0].reason is required'],
      [{ exclude: [{ worker: 1, ground: 'ineligible', reason: 'x', extra: 1 }] }, 'unknown fields: extra'],
      [{ exclude: { worker: 1 } }, 'must be a list'],
    ];
    for (const [data, message] of bad) {
      const res = await act(d.id, province(), { action: 'approve', data });
      expectProblem(res, 400, 'DOSSIER_EXCLUSION_INVALID');
      expect(JSON.stringify(res.body)).toContain(message);
    }
    const after = await get(d.id);
    expect([after.state, after.version, after.excludedWorkers]).toEqual(['provincial-approval', d.version + 2, []]);
    // data.exclude belongs to the steps that decide on the list.
    expectProblem(await act(d.id, province(), { action: 'reject', ground: 'ineligible', reason: 'x', data: { exclude: [] } }), 400, 'DOSSIER_FIELD_NOT_EXPECTED');
    // A worker the district left out cannot be left out again.
    const other = await atDistrict();
    await act(other.id, district(), { action: 'appraise', data: { exclude: [{ worker: 3, ground: 'duplicate', reason: 'x' }] } }).expect(200);
    const again = await act(other.id, province(), { action: 'approve', data: { exclude: [{ worker: 3, ground: 'duplicate', reason: 'x' }] } });
    expectProblem(again, 400, 'DOSSIER_EXCLUSION_INVALID');
    expect(JSON.stringify(again.body)).toContain('already excluded');
  });
});
