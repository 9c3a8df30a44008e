import { DEFAULT_OFFICE_HOURS } from '../../src/calendar/core';
import { backfillSteps } from '../../migrations/frozen/1795862000000/step-history';
import { ProcessingReportService } from '../../src/reports/processing-report.service';
import { cliOn } from '../support/cli';
import { bearer, official, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// The set of dossiers is built through the API (about fifty requests) before the first test.
jest.setTimeout(60_000);

const VN = (local: string) => new Date(`${local}+07:00`);

const DOSSIER_ZERO = {
  carriedOver: 0, received: 0, finishedEarly: 0, finishedOnTime: 0, finishedLateWithApology: 0, finishedLate: 0,
  inProgress: 0, inProgressWithinTime: 0, inProgressOverdue: 0, overdueNow: 0, withdrawn: 0, rejected: 0, doneOnTime: 0, doneLate: 0,
};
const STEP_ZERO = { stepsFinished: 0, stepsFinishedLate: 0, handoversReceivedLate: 0, medianWorkingHours: null, p90WorkingHours: null };

interface Row extends Record<string, unknown> {
  key: string | null;
}

/*
 * One dossier for each figure of the report of the week Monday 18 – Sunday 24 May 2020
 * (unpaid-leave-support v1: BHXH 3, district 3, province 2 working days; appointed 8 working days
 * after receipt, 17:00). Each is built through the API, moving the clock.
 *   A  received 5 May, approved 8 May: before the week, not in it
 *   B  received 14 May (appointed Tue 26 May), approved Tue 19 May: carried over, early
 *   C  received 11 May (appointed Thu 21 May), each step at its limit, approved Thu 21 May 16:00: carried over, on time
 *   D  received 11 May, BHXH late (apology on 18 May: new date 29 May), approved Fri 22 May: carried over, late with apology
 *   E  received 4 May (appointed 14 May), district late, its apology refused on 21 May, approved Fri 22 May: carried over, late
 *   F  received Wed 20 May, at BHXH: received, in progress within time
 *   G  received 11 May, at the district since 14 May: carried over, in progress overdue (and overdue now)
 *   H  received Tue 19 May in district 524, refused by its BHXH: received, rejected
 *   I  received Mon 18 May, supplement asked, withdrawn while waiting: received, withdrawn
 *   K  received Mon 18 May in district 524, waiting for a supplement: received, in progress within time (clock paused)
 *   J  received Mon 25 May: after the week, not in it
 */
describe('processing report (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let bhxh524: Awaited<ReturnType<typeof official>>;
  const ids: Record<string, string> = {};
  let lateApology: { status: number; body: Record<string, unknown> };

  const as = (who: { token: string }) => ({
    act: async (key: string, action: string, body: object = {}) => {
      const res = await t.http().post(`/api/v1/dossiers/${ids[key]}/actions`).set(bearer(who)).send({ action, ...body });
      if (res.status !== 200) throw new Error(`${key} ${action}: ${JSON.stringify(res.body)}`);
    },
  });
  const report = (query: string, accept = 'application/json') =>
    t.http().get(`/api/v1/reports/processing?${query}`).set(bearer(s.admin)).set('Accept', accept);
  const WEEK = 'from=2020-05-18&to=2020-05-24';

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    bhxh524 = await official(t.db, 'social-insurance', { districtCode: '524', grants: [['unpaid-leave-support', 'insurance-confirmation']] });
    const bhxh = as(s.byStep['insurance-confirmation']);
    const district = as(s.byStep['district-appraisal']);
    const province = as(s.byStep['provincial-approval']);
    const portal = as(s.integration);
    const submit = async (key: string, districtCode = '522') => {
      ids[key] = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ submittedAt: t.clock.now().toISOString() }, { districtCode })).expect(201)).body.id;
    };
    const timeline: [string, () => Promise<unknown>][] = [
      ['2020-05-04T09:00', () => submit('E')],
      ['2020-05-05T09:00', () => submit('A')],
      ['2020-05-06T10:00', () => bhxh.act('A', 'confirm')],
      ['2020-05-07T10:00', () => district.act('A', 'appraise')],
      ['2020-05-08T09:00', () => province.act('A', 'approve')],
      ['2020-05-08T10:00', () => bhxh.act('E', 'confirm')],
      ['2020-05-11T09:00', async () => Promise.all([submit('C'), submit('D'), submit('G')])],
      ['2020-05-14T09:00', () => submit('B')],
      ['2020-05-14T10:00', () => bhxh.act('G', 'confirm')],
      ['2020-05-14T16:00', () => bhxh.act('C', 'confirm')],
      ['2020-05-15T10:00', () => bhxh.act('B', 'confirm')],
      ['2020-05-18T09:00', async () => {
        await submit('I');
        await submit('K', '524');
        await t.http().post(`/api/v1/dossiers/${ids.D}/apologies`).set(bearer(s.byStep['insurance-confirmation']))
          .send({ reason: 'Chờ BHXH tỉnh xác minh quá trình đóng bảo hiểm', newReturnDate: '2020-05-29' }).expect(201);
      }],
      ['2020-05-18T10:00', () => district.act('B', 'appraise')],
      ['2020-05-19T09:00', async () => {
        await submit('H', '524');
        await bhxh.act('I', 'request-supplement', { reason: 'Thiếu danh sách người lao động', channel: 'online' });
        await as(bhxh524).act('K', 'request-supplement', { reason: 'Thiếu danh sách người lao động', channel: 'online' });
      }],
      ['2020-05-19T10:00', async () => {
        await province.act('B', 'approve');
        await bhxh.act('D', 'confirm');
      }],
      ['2020-05-19T16:00', () => district.act('C', 'appraise')],
      ['2020-05-20T09:00', async () => {
        await submit('F');
        await as(bhxh524).act('H', 'reject', { ground: 'no-social-insurance', reason: 'Người lao động không tham gia BHXH' });
        await portal.act('I', 'withdraw');
      }],
      ['2020-05-20T10:00', () => district.act('D', 'appraise')],
      ['2020-05-21T16:00', () => province.act('C', 'approve')],
      // E is five working days past its appointed date (Thu 14 May): too late for an apology.
      ['2020-05-21T17:00', async () => {
        const res = await t.http().post(`/api/v1/dossiers/${ids.E}/apologies`).set(bearer(s.byStep['district-appraisal']))
          .send({ reason: 'Chờ ý kiến phòng Tài chính', newReturnDate: '2020-05-29' });
        lateApology = { status: res.status, body: res.body };
      }],
      ['2020-05-22T09:00', () => district.act('E', 'appraise')],
      ['2020-05-22T10:00', () => province.act('D', 'approve')],
      ['2020-05-22T11:00', () => province.act('E', 'approve')],
      ['2020-05-25T09:00', () => submit('J')],
    ];
    for (const [local, step] of timeline) {
      t.clock.set(VN(`${local}:00`));
      await step();
    }
    t.clock.set(VN('2020-05-25T10:00:00'));
  });
  afterAll(() => t.close());

  const rowOf = (rows: Row[], key: string | null) => rows.find((r) => r.key === key);
  const units = () => ({
    bhxh: s.byStep['insurance-confirmation'].unitCode,
    district: s.byStep['district-appraisal'].unitCode,
    province: s.byStep['provincial-approval'].unitCode,
    bhxh524: bhxh524.unitCode,
  });

  it('refuses the late apology (422) and the dossier stays late', async () => {
    expect(lateApology.status).toBe(422);
    expect(lateApology.body).toMatchObject({ code: 'APOLOGY_TOO_LATE', lastMoment: VN('2020-05-14T08:00:00').toISOString() });
    const e = (await t.http().get(`/api/v1/dossiers/${ids.E}`).set(bearer(s.admin)).expect(200)).body;
    expect(e).toMatchObject({ status: 'approved', dueAt: VN('2020-05-14T17:00:00').toISOString(), appointedReturnDate: VN('2020-05-14T17:00:00').toISOString() });
  });

  it('counts each dossier of the week once, under the unit holding it at the end or that finished it', async () => {
    const res = await report(`${WEEK}&groupBy=unit`).expect(200);
    expect(res.body).toMatchObject({ groupBy: 'unit', procedure: null, from: VN('2020-05-18T00:00:00').toISOString(), to: VN('2020-05-25T00:00:00').toISOString() });
    const u = units();
    const rows: Row[] = res.body.rows;
    expect(rows.map((r) => r.key).sort()).toEqual([u.bhxh, u.bhxh524, u.district, u.province].sort());
    expect(rowOf(rows, u.province)).toMatchObject({
      ...DOSSIER_ZERO, name: `Đơn vị ${u.province}`,
      carriedOver: 4, finishedEarly: 1, finishedOnTime: 1, finishedLateWithApology: 1, finishedLate: 1, doneOnTime: 2, doneLate: 2,
    });
    expect(rowOf(rows, u.bhxh)).toMatchObject({ ...DOSSIER_ZERO, received: 2, inProgress: 1, inProgressWithinTime: 1, withdrawn: 1 });
    expect(rowOf(rows, u.district)).toMatchObject({ ...DOSSIER_ZERO, carriedOver: 1, inProgress: 1, inProgressOverdue: 1, overdueNow: 1 });
    expect(rowOf(rows, u.bhxh524)).toMatchObject({ ...DOSSIER_ZERO, received: 2, inProgress: 1, inProgressWithinTime: 1, rejected: 1 });
    expect(res.body.totals).toMatchObject({
      carriedOver: 5, received: 4, finishedEarly: 1, finishedOnTime: 1, finishedLateWithApology: 1, finishedLate: 1,
      inProgress: 3, inProgressWithinTime: 2, inProgressOverdue: 1, overdueNow: 1, withdrawn: 1, rejected: 1, doneOnTime: 2, doneLate: 2,
    });
  });

  it('charges each step to the unit that held it: finished, finished late, hand-overs received late, office hours', async () => {
    const rows: Row[] = (await report(`${WEEK}&groupBy=unit`).expect(200)).body.rows;
    const u = units();
    // Province: B 9 h, C 18 h, D 18 h, E 2 h; E's hand-over came after the district's limit.
    expect(rowOf(rows, u.province)).toMatchObject({ stepsFinished: 4, stepsFinishedLate: 0, handoversReceivedLate: 1, medianWorkingHours: 13.5, p90WorkingHours: 18 });
    // District: B, C, D on time, E 7 working days late; D's hand-over came after BHXH's limit.
    expect(rowOf(rows, u.district)).toMatchObject({ stepsFinished: 4, stepsFinishedLate: 1, handoversReceivedLate: 1 });
    // BHXH 522: D's confirmation, 11 May 09:00 – 19 May 10:00 = 8 + 5 × 9 + 2 office hours; I's withdrawal is no finished step.
    expect(rowOf(rows, u.bhxh)).toMatchObject({ stepsFinished: 1, stepsFinishedLate: 1, handoversReceivedLate: 0, medianWorkingHours: 55, p90WorkingHours: 55 });
    // BHXH 524: H's refusal, 19 May 09:00 – 20 May 09:00 = 9 office hours.
    expect(rowOf(rows, u.bhxh524)).toMatchObject({ stepsFinished: 1, stepsFinishedLate: 0, medianWorkingHours: 9 });
    expect(rowOf(rows, u.bhxh524)!.steps).toEqual([
      { procedureCode: 'unpaid-leave-support', step: 'insurance-confirmation', ...STEP_ZERO, stepsFinished: 1, medianWorkingHours: 9, p90WorkingHours: 9 },
    ]);
    const totals = (await report(`${WEEK}&groupBy=unit`).expect(200)).body.totals;
    expect(totals).toMatchObject({ stepsFinished: 10, stepsFinishedLate: 2, handoversReceivedLate: 2 });
  });

  it('groupBy=step gives the same per step of each procedure', async () => {
    const body = (await report(`${WEEK}&groupBy=step`).expect(200)).body;
    const step = (name: string) => rowOf(body.rows, `unpaid-leave-support/${name}`);
    expect(step('insurance-confirmation')).toMatchObject({
      procedureCode: 'unpaid-leave-support', step: 'insurance-confirmation', name: 'Cơ quan bảo hiểm xã hội xác nhận',
      received: 4, inProgress: 2, inProgressWithinTime: 2, withdrawn: 1, rejected: 1, // F, K; I; H
      stepsFinished: 2, stepsFinishedLate: 1, medianWorkingHours: 32, // D 55 h, H 9 h
    });
    expect(step('district-appraisal')).toMatchObject({ carriedOver: 1, inProgressOverdue: 1, stepsFinished: 4, stepsFinishedLate: 1, handoversReceivedLate: 1 });
    expect(step('provincial-approval')).toMatchObject({ carriedOver: 4, doneOnTime: 2, doneLate: 2, stepsFinished: 4, handoversReceivedLate: 1, medianWorkingHours: 13.5 });
    expect(body.rows[0].steps).toBeUndefined();
  });

  it('groupBy=official names officials by ID number and full name; by procedure; one procedure only', async () => {
    const body = (await report(`${WEEK}&groupBy=official`).expect(200)).body;
    const chairman = s.byStep['provincial-approval'];
    const [o] = await t.db.query(`SELECT id_number, full_name FROM official WHERE id = $1`, [chairman.officialId]);
    expect(rowOf(body.rows, chairman.officialId)).toMatchObject({
      name: o.full_name, idNumber: o.id_number, unitCode: chairman.unitCode, carriedOver: 4, doneOnTime: 2, doneLate: 2, stepsFinished: 4,
    });
    // F (running) and I (withdrawn at its step) count under the BHXH official granted the step.
    expect(rowOf(body.rows, s.byStep['insurance-confirmation'].officialId)).toMatchObject({ received: 2, withdrawn: 1, inProgress: 1, stepsFinished: 1 });
    expect(body.totals).toMatchObject({ carriedOver: 5, received: 4 });

    const byProcedure = (await report(`${WEEK}&groupBy=procedure`).expect(200)).body;
    expect(byProcedure.rows).toHaveLength(1);
    expect(byProcedure.rows[0]).toMatchObject({ key: 'unpaid-leave-support', name: expect.stringMatching(/^Hỗ trợ người lao động tạm hoãn/), carriedOver: 5, received: 4 });
    expect((await report(`${WEEK}&procedure=wage-loan-support`).expect(200)).body).toMatchObject({ procedure: 'wage-loan-support', rows: [], totals: DOSSIER_ZERO });
  });

  it('balances: carried over + received = finished + withdrawn + rejected + in progress, for every row and period', async () => {
    for (const query of [WEEK, 'from=2020-05-11&to=2020-05-17', 'from=2020-05-25', 'to=2020-05-10', '']) {
      for (const groupBy of ['unit', 'procedure', 'step']) {
        const body = (await report(`${query}&groupBy=${groupBy}`).expect(200)).body;
        for (const r of [...body.rows, body.totals]) {
          const finished = r.finishedEarly + r.finishedOnTime + r.finishedLateWithApology + r.finishedLate;
          expect([query, groupBy, r.carriedOver + r.received]).toEqual([query, groupBy, finished + r.withdrawn + r.rejected + r.inProgress]);
          expect(r.inProgress).toBe(r.inProgressWithinTime + r.inProgressOverdue);
        }
      }
    }
    // The week after: G (still overdue), F and K are carried over; J is received.
    const next = (await report('from=2020-05-25&groupBy=procedure').expect(200)).body.totals;
    expect(next).toMatchObject({ carriedOver: 3, received: 1, inProgress: 4, inProgressOverdue: 1 });
  });

  it('answers CSV: UTF-8 with BOM, Vietnamese headings by default, one row per unit and a totals row', async () => {
    // The periodic report's own columns (results=false); the result columns after them are tested in report-results.
    const res = await report(`${WEEK}&groupBy=unit&results=false`, 'text/csv').buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Đơn vị,Tên đơn vị,Kỳ trước chuyển qua,Tiếp nhận,Trước hạn,Đúng hạn,Trễ hạn có xin lỗi,Trễ hạn,Đang xử lý,Đang xử lý trong hạn,' +
        'Đang xử lý quá hạn,Quá hạn hiện tại,Rút hồ sơ,Từ chối,Bước đã xử lý,Bước xử lý trễ hạn,Nhận bàn giao trễ,Trung vị giờ xử lý,Phân vị 90 giờ xử lý',
    );
    const u = units();
    expect(lines).toContain(`${u.province},Đơn vị ${u.province},4,0,1,1,1,1,0,0,0,0,0,0,4,0,1,"13,5",18`);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('Tổng cộng,,5,4,1,1,1,1,3,2,1,1,1,1,10,2,2,' + lines[5].split(',').slice(17).join(','));

    const en = await report(`${WEEK}&groupBy=official&lang=en&results=false`, 'text/csv').expect(200);
    const enLines = en.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(enLines[0]).toMatch(/^idNumber,fullName,unit,carriedOver,received,finishedEarly,/);
    const chairman = s.byStep['provincial-approval'];
    const [o] = await t.db.query(`SELECT id_number, full_name FROM official WHERE id = $1`, [chairman.officialId]);
    expect(enLines).toContain(`${o.id_number},${o.full_name},${chairman.unitCode},4,0,1,1,1,1,0,0,0,0,0,0,4,0,1,13.5,18`);
    expect(enLines.at(-1)).toMatch(/^Total,,,5,4,/);
    expect(en.text).not.toContain(chairman.officialId);
  });

  it('`reports processing` prints the same report: --json, and --csv with the BOM', async () => {
    const cli = cliOn(t.databaseUrl);
    const json = await cli('reports', 'processing', '--from', '2020-05-18', '--to', '2020-05-24', '--group-by', 'unit', '--json');
    expect(json).toMatchObject({ code: 0, err: '' });
    const http = (await report(`${WEEK}&groupBy=unit`).expect(200)).body;
    // The CLI reports at the real present, so only "overdue now" may differ (F is past its date by then).
    const strip = (r: Row) => ({ ...r, overdueNow: undefined });
    expect(JSON.parse(json.out).rows.map(strip)).toEqual(http.rows.map(strip));
    const csv = await cli('reports', 'processing', '--from', '2020-05-18', '--to', '2020-05-24', '--group-by', 'step', '--csv');
    expect(csv.code).toBe(0);
    expect(csv.out.startsWith('\uFEFFThủ tục,Bước,Tên bước,Kỳ trước chuyển qua')).toBe(true);
    expect(csv.out.trimEnd().split('\r\n').at(-1)).toMatch(/^Tổng cộng,,,5,4,1,1,1,1,3,2,1,/);
    // The result columns follow by default, as over REST; --results false leaves them out.
    expect(csv.out.split('\r\n')[0]).toMatch(/,Phân vị 90 giờ xử lý,Từ chối đúng hạn,Từ chối trễ hạn,Số người lao động được hỗ trợ,Kinh phí được phê duyệt \(đồng\),Số tiền cho vay \(đồng\)$/);
    const periodic = await cli('reports', 'processing', '--from', '2020-05-18', '--to', '2020-05-24', '--group-by', 'step', '--csv', '--results', 'false');
    expect(periodic.out.split('\r\n')[0]).toMatch(/,Phân vị 90 giờ xử lý$/);
    expect((await cli('reports', 'processing', '--csv', '--results', 'maybe')).code).toBe(1);
    const bad = await cli('reports', 'processing', '--group-by', 'district', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('--group-by') });
    expect((await cli('reports', 'processing', '--csv', '--json')).code).toBe(1);
  });

  it('the back-fill from history (the migration) rebuilds the same step record and clocks as the live writes', async () => {
    const snapshot = async () => ({
      steps: await t.db.query(`SELECT * FROM dossier_step ORDER BY dossier_id, seq`),
      clocks: await t.db.query(
        `SELECT id, appointed_return_at, appointed_remaining_ms, step_worked_ms, step_running_since FROM dossier ORDER BY id`,
      ),
    });
    const live = await snapshot();
    expect(live.steps).toHaveLength(22); // A–E 3 each, G 2, F H I K J 1 each
    await t.db.query(`DELETE FROM dossier_step`);
    await t.db.query(`UPDATE dossier SET appointed_return_at = NULL, appointed_remaining_ms = NULL, step_worked_ms = NULL, step_running_since = NULL`);
    await backfillSteps((sql, params) => t.db.query(sql, params), DEFAULT_OFFICE_HOURS);
    expect(await snapshot()).toEqual(live);
  });

  it('is for admins, and refuses bad queries', async () => {
    expectProblem(await t.http().get('/api/v1/reports/processing').set(bearer(s.byStep['insurance-confirmation'])), 403, 'PRINCIPAL_KIND_FORBIDDEN');
    expectProblem(await report('groupBy=district'), 400, 'VALIDATION_FAILED');
    expectProblem(await report('lang=fr'), 400, 'VALIDATION_FAILED');
    expectProblem(await report('procedure=nope'), 400, 'VALIDATION_FAILED');
    expectProblem(await report('from=2020-13-01'), 400, 'REPORT_PERIOD_INVALID');
    expectProblem(await report('from=2020-06-01&to=2020-05-01'), 400, 'REPORT_PERIOD_INVALID');
    expectProblem(await report('since=2020-05-01'), 400, 'VALIDATION_FAILED');
  });

  it('gives per week, in one scan, the totals a report of each week gives (the console\'s trend), also within one district', async () => {
    const weeks = ['2020-05-04', '2020-05-11', '2020-05-18', '2020-05-25'];
    const reports = t.app.get(ProcessingReportService);
    for (const where of [undefined, { provinceCode: '51', districtCode: '524' }]) {
      const weekly = await reports.weekly(weeks[0], weeks.length, where);
      for (const [i, monday] of weeks.entries()) {
        const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
        const { totals } = await reports.report({ from: monday, to: sunday, groupBy: 'procedure' }, t.clock.now(), where);
        expect({ monday, ...weekly[i] }).toEqual({
          monday, from: new Date(`${monday}T00:00:00+07:00`).toISOString(), received: totals.received, doneOnTime: totals.doneOnTime, doneLate: totals.doneLate,
        });
      }
      expect(weekly.some((w) => w.doneOnTime > 0 && w.doneLate > 0) || where !== undefined).toBe(true);
    }
  });
});
