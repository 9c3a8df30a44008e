import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import { type DeadlinePassResult, DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { cliOn } from '../support/cli';
import { bearer, official, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// Several tests run the admin CLI in process (its own Nest context) two or three times.
jest.setTimeout(30_000);

const VN = (local: string) => new Date(`${local}+07:00`);

interface Alert {
  kind: string;
  dossier: { id: string; portalCode: string } | null;
  step: string;
  unit: { code: string; name: string } | null;
  officials: { officialId: string; fullName: string }[];
  dueAt: string;
}

describe('deadlines: alerts and apology letters (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let pass: DeadlinePassService;
  const ids: Record<'a' | 'b', string> = { a: '', b: '' };
  let portalCodeA = '';
  let apologyId = '';

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    pass = t.app.get(DeadlinePassService);
    // Tuesday 12 May 2020: insurance confirmation is due Friday 15 May 17:00, the dossier on Friday 22 May 17:00.
    t.clock.set(VN('2020-05-12T09:30:00'));
    for (const key of ['a', 'b'] as const) {
      const res = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201);
      ids[key] = res.body.id;
      if (key === 'a') portalCodeA = res.body.portalCode;
      expect(res.body.currentStep.dueAt).toBe(VN('2020-05-15T17:00:00').toISOString());
      expect(res.body.dueAt).toBe(VN('2020-05-22T17:00:00').toISOString());
    }
     // Accepted on receipt: these tests are about the steps' own limits (the receipt's are tested on their own).
    await t.db.query('UPDATE dossier SET receipt_due_at = NULL');
  });
  afterAll(() => t.close());

  const bhxh = () => s.byStep['insurance-confirmation'];
  const alerts = async (who: { token: string }, kind?: string): Promise<Alert[]> =>
    (await t.http().get(`/api/v1/deadlines/alerts${kind ? `?kind=${kind}` : ''}`).set(bearer(who)).expect(200)).body;
  const alertsOf = async (id: string) => (await alerts(s.admin)).filter((a) => a.dossier?.id === id);
  const apologise = (id: string, who: { token: string }, body: object) =>
    t.http().post(`/api/v1/dossiers/${id}/apologies`).set(bearer(who)).send(body);

  it('schedules the pass with the configured cron expression', () => {
    const job = t.app.get(SchedulerRegistry).getCronJob('deadline-check');
    expect(job.cronTime.source).toBe('0 0 0 1 1 *');
  });

  it('opens nothing while more than one working day is left', async () => {
    const r = await pass.run(VN('2020-05-13T10:00:00'));
    expect(r).toMatchObject({ scanned: 2, nearDue: 0, overdue: 0, newAlerts: 0, skipped: false });
    expect(await alerts(s.admin)).toEqual([]);
  });

  it('opens a near-due alert one working day before the step is due, once', async () => {
    t.clock.set(VN('2020-05-14T17:00:00'));
    const r = await pass.run(t.clock.now());
    expect(r).toMatchObject({ scanned: 2, nearDue: 2, overdue: 0, newAlerts: 2 });
    expect(await pass.run(t.clock.now())).toMatchObject({ nearDue: 2, newAlerts: 0 });

    const [a] = await alertsOf(ids.a);
    expect(a).toMatchObject({
      kind: 'near-due',
      dossier: { id: ids.a, portalCode: portalCodeA },
      step: 'insurance-confirmation',
      unit: { code: bhxh().unitCode },
      officials: [{ officialId: bhxh().officialId }],
      dueAt: VN('2020-05-15T17:00:00').toISOString(),
    });
    // The BHXH official sees their unit's alerts; the district official has none yet.
    expect((await alerts(bhxh(), 'near-due')).map((x) => x.dossier?.id).sort()).toEqual([ids.a, ids.b].sort());
    expect(await alerts(bhxh(), 'overdue')).toEqual([]);
    expect(await alerts(s.byStep['district-appraisal'])).toEqual([]);
  });

  it('pages the alerts on request, keeping the list shape, with the total in X-Total-Count', async () => {
    const get = (query: string, who = s.admin) => t.http().get(`/api/v1/deadlines/alerts${query}`).set(bearer(who)).expect(200);
    const all = await get('');
    expect(all.headers['x-total-count']).toBe('2');
    const first = await get('?page=1&pageSize=1');
    const second = await get('?page=2&pageSize=1');
    expect([...first.body, ...second.body]).toEqual(all.body);
    expect(second.headers['x-total-count']).toBe('2');
    const past = await get('?page=3&pageSize=1');
    expect(past.body).toEqual([]);
    expect(past.headers['x-total-count']).toBe('2');
    expect((await get('?page=5&pageSize=10', s.byStep['district-appraisal'])).headers['x-total-count']).toBe('0');
    expectProblem(await t.http().get('/api/v1/deadlines/alerts?pageSize=1001').set(bearer(s.admin)), 400, 'VALIDATION_FAILED');
  });

  it('walks the alerts by cursor: { items, nextCursor }, the same alerts in the same order, bad cursors refused', async () => {
    const get = (query: string) => t.http().get(`/api/v1/deadlines/alerts${query}`).set(bearer(s.admin));
    const all = (await get('').expect(200)).body;
    const first = (await get('?limit=1').expect(200)).body;
    expect(first.items).toEqual([all[0]]);
    expect(typeof first.nextCursor).toBe('string');
    const second = (await get(`?cursor=${first.nextCursor}&limit=1`).expect(200)).body;
    expect(second).toEqual({ items: [all[1]], nextCursor: null });
    expect((await get(`?cursor=${first.nextCursor}`).expect(200)).body.items).toEqual(all.slice(1));
    expectProblem(await get('?cursor=bm90LWEtY3Vyc29y'), 400, 'CURSOR_INVALID');
    expectProblem(await get(`?cursor=${first.nextCursor}&page=2`), 400, 'VALIDATION_FAILED');
    expectProblem(await get('?page=11&pageSize=1000'), 400, 'PAGE_TOO_DEEP');
  });

  it('refuses alerts to the integration and unknown kinds', async () => {
    expectProblem(await t.http().get('/api/v1/deadlines/alerts').set(bearer(s.integration)), 403, 'PRINCIPAL_KIND_FORBIDDEN');
    expectProblem(await t.http().get('/api/v1/deadlines/alerts?kind=late').set(bearer(s.admin)), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().get('/api/v1/deadlines/alerts'), 401);
  });

  it('refuses an apology from anyone but an official of the unit holding the step', async () => {
    t.clock.set(VN('2020-05-15T09:00:00'));
    const body = { reason: 'Chờ xác minh', newReturnDate: '2020-05-26' };
    const grants: [string, string][] = [['unpaid-leave-support', 'insurance-confirmation']];
    expectProblem(await apologise(ids.a, s.byStep['district-appraisal'], body), 403, 'APOLOGY_FORBIDDEN');
    expectProblem(await apologise(ids.a, await official(t.db, 'social-insurance'), body), 403, 'APOLOGY_FORBIDDEN'); // no grant
    expectProblem(await apologise(ids.a, await official(t.db, 'social-insurance', { districtCode: '523', grants }), body), 403);
    expectProblem(await apologise(ids.a, s.admin, body), 403, 'APOLOGY_FORBIDDEN');
    expectProblem(await apologise(ids.a, s.integration, body), 403, 'APOLOGY_FORBIDDEN');
  });

  it.each([
    [{ reason: 'x', newReturnDate: '2020-05-23' }, 'APOLOGY_RETURN_DATE_NOT_WORKING_DAY'], // Saturday
    [{ reason: 'x', newReturnDate: '2020-05-14' }, 'APOLOGY_RETURN_DATE_IN_PAST'],
    [{ reason: 'x', newReturnDate: '2020-05-15T08:00:00+07:00' }, 'APOLOGY_RETURN_DATE_IN_PAST'],
    [{ reason: 'x', newReturnDate: '2020-05-20' }, 'APOLOGY_RETURN_DATE_NOT_LATER'], // before the appointed 22 May
    [{ reason: 'x', newReturnDate: '26/05/2020' }, 'APOLOGY_RETURN_DATE_INVALID'],
    [{ newReturnDate: '2020-05-26' }, 'VALIDATION_FAILED'],
    [{ reason: '', newReturnDate: '2020-05-26' }, 'VALIDATION_FAILED'],
    [{ reason: 'x', newReturnDate: '2020-05-26', extra: 1 }, 'VALIDATION_FAILED'],
  ])('refuses a bad apology %j with 400 %s', async (body, code) => {
    expectProblem(await apologise(ids.a, bhxh(), body), 400, code);
  });

  it('records the apology: letter, the new date in force, history, portal message; the appointed date and the step limit stay', async () => {
    const res = await apologise(ids.a, bhxh(), { reason: 'Chờ BHXH tỉnh xác minh thời gian đóng bảo hiểm', newReturnDate: '2020-05-26' }).expect(201);
    apologyId = res.body.id;
    expect(res.body).toMatchObject({
      number: '1/PXL',
      dossierId: ids.a,
      portalCode: portalCodeA,
      addressee: 'Công ty TNHH May Quảng Ngãi',
      receivedAt: VN('2020-05-12T09:30:00').toISOString(),
      originalReturnDate: VN('2020-05-22T17:00:00').toISOString(),
      newReturnDate: VN('2020-05-26T17:00:00').toISOString(),
      reason: 'Chờ BHXH tỉnh xác minh thời gian đóng bảo hiểm',
      signer: { officialId: bhxh().officialId, unitCode: bhxh().unitCode },
    });
    const dossier = (await t.http().get(`/api/v1/dossiers/${ids.a}`).set(bearer(bhxh())).expect(200)).body;
    expect(dossier).toMatchObject({
      state: 'insurance-confirmation',
      dueAt: VN('2020-05-26T17:00:00').toISOString(),
      appointedReturnDate: VN('2020-05-22T17:00:00').toISOString(),
      version: 2,
    });
    // The step's own time limit is not the apology's to move: a slow step stays slow.
    expect(dossier.currentStep.dueAt).toBe(VN('2020-05-15T17:00:00').toISOString());
    const history = (await t.http().get(`/api/v1/dossiers/${ids.a}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ type: 'apology', fromState: 'insurance-confirmation', toState: 'insurance-confirmation', actor: { unitCode: bhxh().unitCode } });
    const [message] = await t.db.query(`SELECT payload FROM outbox_message WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1`, [ids.a]);
    expect(message.payload).toMatchObject({
      event: 'apology',
      NgayHenTra: VN('2020-05-26T17:00:00').toISOString(),
      NgayHenTraBanDau: VN('2020-05-22T17:00:00').toISOString(),
      dueAt: VN('2020-05-26T17:00:00').toISOString(),
      appointedReturnDate: VN('2020-05-22T17:00:00').toISOString(),
    });
    // The step is still due today: its near-due alert holds, and no longer offers an apology.
    expect(await alertsOf(ids.a)).toEqual([
      expect.objectContaining({ kind: 'near-due', dueAt: VN('2020-05-15T17:00:00').toISOString(), apologyDeadline: null }),
    ]);
    expect((await alertsOf(ids.b))[0]).toMatchObject({
      appointedReturnDate: VN('2020-05-22T17:00:00').toISOString(),
      apologyDeadline: VN('2020-05-22T08:00:00').toISOString(),
    });
  });

  it('sets a new return date only once', async () => {
    t.clock.set(VN('2020-05-18T09:00:00'));
    expectProblem(await apologise(ids.a, bhxh(), { reason: 'lần hai', newReturnDate: '2020-05-29' }), 409, 'APOLOGY_ALREADY_GIVEN');
  });

  it('returns the letter as JSON and as a printable Vietnamese document', async () => {
    const list = await t.http().get(`/api/v1/dossiers/${ids.a}/apologies`).set(bearer(bhxh())).expect(200);
    expect(list.body.map((x: { id: string }) => x.id)).toEqual([apologyId]);
    const json = await t.http().get(`/api/v1/dossiers/${ids.a}/apologies/${apologyId}`).set(bearer(s.admin)).expect(200);
    expect(json.body.number).toBe('1/PXL');
    const html = await t.http().get(`/api/v1/dossiers/${ids.a}/apologies/${apologyId}`).set(bearer(s.admin)).set('Accept', 'text/html').expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(html.text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(html.text).toContain('Số: 1/PXL');
    expect(html.text).toContain(`Mã hồ sơ: ${portalCodeA}`);
    expect(html.text).toContain('vào <strong>17 giờ 00 phút, ngày 26 tháng 5 năm 2020.</strong>');
    expectProblem(await t.http().get(`/api/v1/dossiers/${ids.b}/apologies/${apologyId}`).set(bearer(s.admin)), 404, 'APOLOGY_NOT_FOUND');
    expectProblem(await t.http().get(`/api/v1/dossiers/${ids.a}/apologies/nope`).set(bearer(s.admin)), 400);
  });

  it('after the step limit: both steps overdue, the apology does not excuse the step', async () => {
    const r = await pass.run(t.clock.now()); // Monday 18 May 09:00
    expect(r).toMatchObject({ nearDue: 0, overdue: 2, newAlerts: 2, closedAlerts: 2 });
    expect((await alertsOf(ids.a)).map((x) => x.kind)).toEqual(['overdue']);
    const [b] = await alertsOf(ids.b);
    expect(b).toMatchObject({ kind: 'overdue', unit: { code: bhxh().unitCode }, officials: [{ officialId: bhxh().officialId }] });
    expect((await alerts(bhxh(), 'overdue')).map((x) => x.dossier?.id).sort()).toEqual([ids.a, ids.b].sort());
    // Past the apology's date as well: the same alerts, nothing new.
    expect(await pass.run(VN('2020-05-27T08:00:00'))).toMatchObject({ overdue: 2, newAlerts: 0, closedAlerts: 0 });
  });

  it('when the step moves on past the return date, the next holder gets the dossier\'s overdue alert', async () => {
    t.clock.set(VN('2020-05-27T09:00:00'));
    await t.http().post(`/api/v1/dossiers/${ids.b}/actions`).set(bearer(bhxh())).send({ action: 'confirm' }).expect(200);
    const r = await pass.run(t.clock.now());
    expect(r).toMatchObject({ overdue: 2, newAlerts: 1, closedAlerts: 1 });
    // b's district step has its own three days, but b is past its appointed date (22 May).
    expect(await alertsOf(ids.b)).toEqual([
      expect.objectContaining({ kind: 'overdue', step: 'district-appraisal', unit: { code: s.byStep['district-appraisal'].unitCode, name: expect.any(String) }, dueAt: VN('2020-05-22T17:00:00').toISOString() }),
    ]);
  });

  it('refuses an apology when no step clock is running', async () => {
    const rejected = await t.http().post(`/api/v1/dossiers/${ids.b}/actions`).set(bearer(s.byStep['district-appraisal'])).send({ action: 'reject', ground: 'ineligible', reason: 'không đủ điều kiện' });
    expect(rejected.status).toBe(200);
    expectProblem(await apologise(ids.b, s.byStep['district-appraisal'], { reason: 'x', newReturnDate: '2020-06-30' }), 409, 'APOLOGY_NO_RUNNING_STEP');
  });
});

describe('the apology rule of form 04 (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const ids: string[] = [];
  const province = () => s.byStep['provincial-approval'];
  // The Department of Labour holds the provincial step too (STEP_HOLDERS); one of another province and one without the grant do not.
  let dolisa: Awaited<ReturnType<typeof official>>;
  let dolisaCanTho: Awaited<ReturnType<typeof official>>;
  let dolisaUngranted: Awaited<ReturnType<typeof official>>;
  const grants = (step: string): [string, string][] => [['unpaid-leave-support', step], ['wage-loan-support', step]];

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    dolisa = await official(t.db, 'dolisa', { grants: grants('provincial-approval') });
    dolisaCanTho = await official(t.db, 'dolisa', { provinceCode: '92', grants: grants('provincial-approval') });
    dolisaUngranted = await official(t.db, 'dolisa');
    // Received Tuesday 12 May 2020 09:30: appointed for Friday 22 May 17:00 (8 working days). Each
    // step finishes within its limit, so the provincial step is due when the dossier is.
    const at = async (local: string, fn: () => Promise<unknown>) => {
      t.clock.set(VN(local));
      await fn();
    };
    await at('2020-05-12T09:30:00', async () => {
      for (let i = 0; i < 3; i += 1) ids.push((await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body.id);
    });
    for (const [local, step, action] of [['2020-05-15T16:00:00', 'insurance-confirmation', 'confirm'], ['2020-05-20T16:00:00', 'district-appraisal', 'appraise']]) {
      await at(local, async () => {
        for (const id of ids) await t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.byStep[step])).send({ action }).expect(200);
      });
    }
    const d = (await t.http().get(`/api/v1/dossiers/${ids[0]}`).set(bearer(s.admin)).expect(200)).body;
    expect(d).toMatchObject({ state: 'provincial-approval', dueAt: VN('2020-05-22T17:00:00').toISOString(), appointedReturnDate: VN('2020-05-22T17:00:00').toISOString() });
    expect(d.currentStep.dueAt).toBe(VN('2020-05-22T17:00:00').toISOString());
  });
  afterAll(() => t.close());

  const pass = (local: string) => t.app.get(DeadlinePassService).run(VN(local));
  const alertsOf = async (id: string) =>
    ((await t.http().get('/api/v1/deadlines/alerts').set(bearer(s.admin)).expect(200)).body as (Alert & { apologyDeadline: string | null })[]).filter(
      (a) => a.dossier?.id === id,
    );
  const apologise = (id: string, local: string) => {
    t.clock.set(VN(local));
    return t.http().post(`/api/v1/dossiers/${id}/apologies`).set(bearer(province())).send({ reason: 'Chờ ý kiến Sở Tài chính', newReturnDate: '2020-05-29' });
  };

  it('prompts the unit holding the dossier a working day before its last chance to apologise', async () => {
    expect(await pass('2020-05-20T16:30:00')).toMatchObject({ nearDue: 0, overdue: 0 });
    expect(await pass('2020-05-21T08:00:00')).toMatchObject({ nearDue: 3, overdue: 0, newAlerts: 3 });
    expect(await alertsOf(ids[0])).toEqual([
      expect.objectContaining({
        kind: 'near-due',
        step: 'provincial-approval',
        unit: expect.objectContaining({ code: province().unitCode }),
        dueAt: VN('2020-05-22T17:00:00').toISOString(),
        appointedReturnDate: VN('2020-05-22T17:00:00').toISOString(),
        apologyDeadline: VN('2020-05-22T08:00:00').toISOString(),
      }),
    ]);
    // The Department of Labour's holder of the step gets them too, and is named among those responsible.
    const own = await alertsOf(ids[0]);
    expect(own[0].officials.map((o) => o.officialId).sort()).toEqual([province().officialId, dolisa.officialId].sort());
    const ofDolisa = (await t.http().get('/api/v1/deadlines/alerts?kind=near-due').set(bearer(dolisa)).expect(200)).body as Alert[];
    expect(ofDolisa.map((a) => a.dossier?.id).sort()).toEqual([...ids].sort());
    expect(ofDolisa[0]).toMatchObject({ step: 'provincial-approval', unit: { code: province().unitCode } });
    for (const other of [dolisaCanTho, dolisaUngranted]) {
      expect((await t.http().get('/api/v1/deadlines/alerts').set(bearer(other)).expect(200)).body).toEqual([]);
    }
  });

  it('an apology settles the prompt at once', async () => {
    await apologise(ids[0], '2020-05-21T09:00:00').expect(201);
    expect(await alertsOf(ids[0])).toEqual([]);
  });

  it('accepts an apology exactly one working day of office time before the appointed date', async () => {
    const res = await apologise(ids[1], '2020-05-22T08:00:00').expect(201);
    expect(res.body).toMatchObject({ originalReturnDate: VN('2020-05-22T17:00:00').toISOString(), newReturnDate: VN('2020-05-29T17:00:00').toISOString() });
  });

  it('refuses one a minute later with 422 APOLOGY_TOO_LATE naming the last moment, and writes nothing', async () => {
    const state = async () => ({
      dossier: (await t.db.query(`SELECT version, due_at, step_due_at, appointed_return_at FROM dossier WHERE id = $1`, [ids[2]]))[0],
      apologies: (await t.db.query(`SELECT count(*)::int AS n FROM apology WHERE dossier_id = $1`, [ids[2]]))[0].n,
      events: (await t.db.query(`SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = $1`, [ids[2]]))[0].n,
      messages: (await t.db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE dossier_id = $1`, [ids[2]]))[0].n,
      alerts: await alertsOf(ids[2]),
    });
    const before = await state();
    const res = await apologise(ids[2], '2020-05-22T08:01:00');
    expectProblem(res, 422, 'APOLOGY_TOO_LATE');
    expect(res.body).toMatchObject({
      lastMoment: VN('2020-05-22T08:00:00').toISOString(),
      appointedReturnDate: VN('2020-05-22T17:00:00').toISOString(),
    });
    expect(res.body.message).toContain(VN('2020-05-22T08:00:00').toISOString());
    expect(await state()).toEqual(before);
    expect(before.alerts).toHaveLength(1);
  });

  it('tells the Department of Labour\'s holder of the provincial step when a dossier is overdue, as the Committee\'s', async () => {
    // Monday 25 May: the provincial step's limit (22 May) is past for all three; an apology does not excuse the step.
    expect(await pass('2020-05-25T09:00:00')).toMatchObject({ overdue: 3 });
    for (const who of [province(), dolisa]) {
      const overdue = (await t.http().get('/api/v1/deadlines/alerts?kind=overdue').set(bearer(who)).expect(200)).body as Alert[];
      expect(overdue.map((a) => [a.dossier?.id, a.step]).sort()).toEqual(ids.map((id) => [id, 'provincial-approval']).sort());
    }
    expect((await t.http().get('/api/v1/deadlines/alerts?kind=overdue').set(bearer(dolisaCanTho)).expect(200)).body).toEqual([]);
  });
});

describe('deadline pass: concurrency and the CLI (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    t.clock.set(VN('2020-06-01T09:00:00')); // Monday: due Thursday 4 June 17:00
    const submittedAt = VN('2020-06-01T09:00:00').toISOString();
    for (let i = 0; i < 5; i += 1) await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ submittedAt })).expect(201);
     // Accepted on receipt: these tests are about the steps' own limits (the receipt's are tested on their own).
    await t.db.query('UPDATE dossier SET receipt_due_at = NULL');
  });
  afterAll(() => t.close());

  const cli = (...argv: string[]) => cliOn(t.databaseUrl)(...argv);

  const alertRows = () => t.db.query(`SELECT subject_id, kind, opened_at, closed_at FROM deadline_alert ORDER BY opened_at, subject_id`);
  const audits = () => t.db.query(`SELECT actor, action, subject FROM audit_event WHERE action = 'deadline-pass.run' ORDER BY id`);
  const openAlerts = async () => (await t.http().get('/api/v1/deadlines/alerts').set(bearer(s.admin)).expect(200)).body as Alert[];

  it('`deadlines check --now` at another instant is a dry run: it prints what it would open and close and writes nothing', async () => {
    // The steps fall due on Thursday 4 June at 17:00; 2020-06-10 is the start of that day in Vietnam.
    const r = await cli('deadlines', 'check', '--now', '2020-06-10', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ dryRun: true, now: VN('2020-06-10T00:00:00').toISOString(), scanned: 5, nearDue: 0, overdue: 5, newAlerts: 5, closedAlerts: 0 });
    expect(out.opened).toHaveLength(5);
    expect(out.opened[0]).toEqual({
      kind: 'overdue',
      subject: { type: 'dossier', id: expect.any(String) },
      ref: expect.stringMatching(/^000\.00\.51\.H55-/),
      step: 'insurance-confirmation',
      unitCode: s.byStep['insurance-confirmation'].unitCode,
      dueAt: VN('2020-06-04T17:00:00').toISOString(),
      openedAt: VN('2020-06-10T00:00:00').toISOString(),
    });
    expect(out.closed).toEqual([]);
    expect(await alertRows()).toEqual([]);
    expect(await audits()).toEqual([]);
    const plain = await cli('deadlines', 'check', '--now', '2020-06-10');
    expect(plain.out).toMatch(/^dry run at 2020-06-09T17:00:00\.000Z \(not the present; nothing written.*would open 5 alerts and close 0\n/);
    expect(plain.out.match(/^ {2}open {2}overdue {2}dossier 000\.00\.51\.H55-\S+ insurance-confirmation due 2020-06-04T10:00:00\.000Z/gm)).toHaveLength(5);
    expect(await alertRows()).toEqual([]);
  });

  it('`--write` makes a pass at another instant real and audits it; a pass at the present then closes what does not hold at the present', async () => {
    const r = await cli('deadlines', 'check', '--now', '2020-06-10', '--write', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toMatchObject({ dryRun: false, overdue: 5, newAlerts: 5 });
    expect(JSON.parse(r.out).opened).toBeUndefined();
    expect(await audits()).toEqual([
      {
        actor: expect.stringMatching(/^cli:.+/),
        action: 'deadline-pass.run',
        subject: { now: VN('2020-06-10T00:00:00').toISOString(), dossiers: expect.objectContaining({ overdue: 5, newAlerts: 5 }), feedback: expect.objectContaining({ newAlerts: 0 }) },
      },
    ]);
    expect(await openAlerts()).toHaveLength(5);

    // The present, as the scheduler sees it: Tuesday 2 June 09:00, two days before the steps fall due.
    t.clock.set(VN('2020-06-02T09:00:00'));
    const present = await t.app.get(DeadlinePassService).run(t.clock.now());
    expect(present).toMatchObject({ dryRun: false, scanned: 5, nearDue: 0, overdue: 0, newAlerts: 0, closedAlerts: 5 });
    expect(await openAlerts()).toEqual([]);
    const dossiers = (await t.http().get('/api/v1/dossiers?overdue=true').set(bearer(s.admin)).expect(200)).body;
    expect(dossiers.total).toBe(0);

    // An alert that holds at the present too, but was opened by a pass ahead of it, is opened again at the present.
    await cli('deadlines', 'check', '--now', '2020-06-04T12:00:00+07:00', '--write', '--json'); // near due then
    t.clock.set(VN('2020-06-03T17:00:00')); // near due already: due within one working day
    expect(await t.app.get(DeadlinePassService).run(t.clock.now())).toMatchObject({ nearDue: 5, overdue: 0, newAlerts: 5, closedAlerts: 5 });
    const now = await openAlerts();
    expect(now.map((a) => a.kind)).toEqual(Array(5).fill('near-due'));
    expect(new Set(now.map((a) => (a as Alert & { openedAt: string }).openedAt))).toEqual(new Set([VN('2020-06-03T17:00:00').toISOString()]));
    expect(await audits()).toHaveLength(2);
  });

  it('`deadlines check --now` within a minute of the clock is the present: it writes without --write, and is not audited', async () => {
    const r = await cli('deadlines', 'check', '--now', new Date(Date.now() - 30_000).toISOString(), '--json');
    expect(JSON.parse(r.out)).toMatchObject({ dryRun: false, overdue: 5 });
    expect(await openAlerts()).toHaveLength(5);
    expect(await audits()).toHaveLength(2);
    // Put things back for the tests below, which start with no alert.
    await t.db.query('DELETE FROM deadline_alert');
  });

  /** Polls `condition` every 20 ms for up to `ms`; whether it came true. */
  async function eventually(condition: () => Promise<boolean>, ms = 5000): Promise<boolean> {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
      if (await condition()) return true;
    }
    return false;
  }
  const count = async (sql: string) => ((await t.db.query(sql)) as { n: number }[])[0].n;
  const waitingOnLocks = () => count(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
  const advisoryLocksHeld = () =>
    count(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);

  it('two passes at the same moment in two instances: one runs, the other finds the lock taken and skips; each alert opens once', async () => {
    const now = VN('2020-06-08T09:00:00');
    // Keeps the first pass inside its transaction: a third connection holds deadline_alert
    // against writes, so the pass takes the advisory lock, then waits at its first UPDATE.
    const blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    let first: Promise<DeadlinePassResult> | undefined;
    let second: Promise<{ code: number; out: string; err: string }> | undefined;
    let lockHeldDuringFirst: number | undefined;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE deadline_alert IN SHARE MODE');
      // Instance 1: the app (its DataSource). Instance 2: `deadlines check`, its own Nest context and DataSource.
      first = t.app.get(DeadlinePassService).run(now);
      expect(await eventually(async () => (await waitingOnLocks()) === 1)).toBe(true);
      lockHeldDuringFirst = await advisoryLocksHeld();
      second = cli('deadlines', 'check', '--now', now.toISOString(), '--json');
      // With the lock, the second pass returns at once; without it, it would wait behind the first.
      let secondDone = false;
      void second.then(() => (secondDone = true));
      await eventually(async () => secondDone || (await waitingOnLocks()) === 2, 10_000);
    } finally {
      await blocker.query('COMMIT').catch(() => undefined);
      await blocker.end();
    }
    const [a, b] = await Promise.all([first!, second!]);
    expect(b).toMatchObject({ code: 0, err: '' });
    const results = [a, JSON.parse(b.out) as DeadlinePassResult];
    expect(results.map((r) => r.skipped)).toEqual([false, true]);
    expect(lockHeldDuringFirst).toBe(1);
    expect(results[0]).toMatchObject({ scanned: 5, overdue: 5, newAlerts: 5, skipped: false });
    const none = { scanned: 0, nearDue: 0, overdue: 0, newAlerts: 0, closedAlerts: 0 };
    expect(results[1]).toEqual({ ...none, dossiers: none, feedback: none, skipped: true, now: now.toISOString(), dryRun: true });
    const rows = await t.db.query(`SELECT subject_id, kind, count(*)::int AS n FROM deadline_alert GROUP BY subject_id, kind`);
    expect(rows).toHaveLength(5);
    expect(rows.every((r: { kind: string; n: number }) => r.kind === 'overdue' && r.n === 1)).toBe(true);

    // A later pass at the same moment, with nobody holding the lock, opens nothing new.
    expect(await t.app.get(DeadlinePassService).run(now)).toMatchObject({ scanned: 5, overdue: 5, newAlerts: 0, closedAlerts: 0, skipped: false });
    expect(await count(`SELECT count(*)::int AS n FROM deadline_alert`)).toBe(5);
  });

  it('the open-alert index refuses a second open alert even without the lock', async () => {
    const [a] = await t.db.query(`SELECT * FROM deadline_alert LIMIT 1`);
    await expect(
      t.db.query(
        `INSERT INTO deadline_alert (id, subject_type, subject_id, kind, step, unit_code, due_at, opened_at)
         VALUES (gen_random_uuid(), 'dossier', $1, 'overdue', $2, NULL, $3, now())`,
        [a.subject_id, a.step, a.due_at],
      ),
    ).rejects.toThrow(/uq_deadline_alert_open/);
  });

  it('`deadlines check --now --json` runs the same pass and prints one JSON object', async () => {
    const r = await cli('deadlines', 'check', '--now', '2020-06-08T10:00:00+07:00', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toMatchObject({ scanned: 5, nearDue: 0, overdue: 5, newAlerts: 0 });
    const bad = await cli('deadlines', 'check', '--now', 'tomorrow');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--now must be a date YYYY-MM-DD .* or an ISO 8601 date-time with an offset/);
  });

  it.each([
    ['2150-01-01T00:00:00+07:00', 'DEADLINES_NOW_OUT_OF_RANGE'],
    ['1999-06-01', 'DEADLINES_NOW_OUT_OF_RANGE'],
    ['2100-12-31T16:00:00+07:00', 'DEADLINES_NOW_OUT_OF_RANGE'], // the near-due horizon falls in 2101
    ['2020-06-08T10:00:00', 'DEADLINES_NOW_INVALID'],
    ['08/06/2020', 'DEADLINES_NOW_INVALID'],
  ])('`deadlines check --now %s` is a clear error, not a stack trace', async (now, code) => {
    const json = await cli('deadlines', 'check', '--now', now, '--json');
    expect(json.code).toBe(1);
    const lines = json.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const message = expect.stringMatching(/--now|deadline pass at/);
    expect(JSON.parse(lines[0])).toEqual({ code, message, error: { code, message } });
    const plain = await cli('deadlines', 'check', '--now', now);
    expect(plain.code).toBe(1);
    expect(plain.out).toBe('');
    expect(plain.err).toMatch(new RegExp(`^error: .*\\[${code}\\]\n$`));
    expect(plain.err).not.toMatch(/\s+at .+\.(js|ts):\d+/);
  });

  it('feedback alerts opened ahead of time close at the present too', async () => {
    await t.db.query('DELETE FROM deadline_alert');
    t.clock.set(VN('2020-06-08T09:00:00')); // forwarding due in 5 working days: Monday 15 June 17:00
    await t.http().post('/api/v1/public/feedback').send({ title: 'Chậm chi trả', content: 'Đã nộp hồ sơ từ tháng 5', contact: { name: 'Nguyễn Văn Tâm', phone: '0905111222' } }).expect(201);
    const pass = t.app.get(DeadlinePassService);
    expect((await pass.run(VN('2020-06-20T09:00:00'))).feedback).toMatchObject({ overdue: 1, newAlerts: 1 });
    expect((await pass.run(t.clock.now())).feedback).toMatchObject({ nearDue: 0, overdue: 0, newAlerts: 0, closedAlerts: 1 });
    expect((await pass.run(VN('2020-06-15T09:00:00'))).feedback).toMatchObject({ nearDue: 1, newAlerts: 1 });
  });

  it('`calendar add-holiday|add-working-day|list` manage the announced swaps', async () => {
    expect((await cli('calendar', 'add-holiday', '--date', '2020-06-05', '--name', 'Nghỉ bù thử nghiệm', '--json')).code).toBe(0);
    expect((await cli('calendar', 'add-working-day', '--date', '2020-06-06', '--json')).code).toBe(0);
    const list = await cli('calendar', 'list', '--year', '2020', '--json');
    expect(list.code).toBe(0);
    const year = JSON.parse(list.out);
    expect(year.daysOff).toContainEqual({ date: '2020-06-05', name: 'Nghỉ bù thử nghiệm' });
    expect(year.daysOff).toContainEqual({ date: '2020-09-02', name: expect.any(String) });
    expect(year.swaps).toEqual([
      { date: '2020-06-05', kind: 'holiday', name: 'Nghỉ bù thử nghiệm' },
      { date: '2020-06-06', kind: 'working-day', name: null },
    ]);
    const bad = await cli('calendar', 'add-holiday', '--date', '2020-02-30', '--name', 'x', '--json');
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.out).error.code).toBe('CALENDAR_DATE_INVALID');
  });
});
