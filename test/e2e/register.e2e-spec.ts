import { bearer, official, staff, submission } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// The dossier register (form 06 of Circular 01/2018/TT-VPCP) over REST: JSON, CSV, HTML and PDF.
jest.setTimeout(30_000);

const VN = (local: string) => `${local}+07:00`;

describe('the dossier register, form 06 (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const d: Record<'a' | 'b' | 'c' | 'd' | 'e', { id: string; portalCode: string; appointedReturnDate: string | null }> = {} as never;
  const unitOf = (step: string) => s.byStep[step].unitCode;
  const register = (unit: string, from: string, to: string, who: { token: string } = s.admin, accept?: string) => {
    const req = t.http().get(`/api/v1/reports/register?unit=${encodeURIComponent(unit)}&from=${from}&to=${to}`).set(bearer(who));
    return accept ? req.set('Accept', accept) : req;
  };
  const binary = (unit: string, from: string, to: string) =>
    register(unit, from, to, s.admin, 'application/pdf').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    const names: [string, string][] = [
      ['insurance-confirmation', 'Bảo hiểm xã hội thành phố Quảng Ngãi'], ['district-appraisal', 'Ủy ban nhân dân thành phố Quảng Ngãi'],
      ['provincial-approval', 'Ủy ban nhân dân tỉnh Quảng Ngãi'], ['bank-lending', 'Ngân hàng Chính sách xã hội chi nhánh tỉnh Quảng Ngãi'],
    ];
    for (const [step, name] of names) await t.db.query('UPDATE unit SET name = $1 WHERE code = $2', [name, unitOf(step)]);
    const at = async (local: string, fn: () => Promise<unknown>) => {
      t.clock.set(VN(local));
      await fn();
    };
    const submit = async (key: keyof typeof d, submittedAt: string, over: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) => {
      const { body } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ submittedAt: VN(submittedAt), ...over }, applicant)).expect(201);
      d[key] = body;
    };
    const act = (key: keyof typeof d, step: string | null, body: object) =>
      t.http().post(`/api/v1/dossiers/${d[key].id}/actions`).set(bearer(step ? s.byStep[step] : s.integration)).send(body).expect(200);

    // C: submitted on the portal on 30 April, reached the service after the holidays: April's, not May's.
    await at('2020-05-04T09:00:00', () => submit('c', '2020-04-30T16:00:00', {}, { name: 'Công ty CP Đường Quảng Ngãi' }));
    // B: refused by BHXH the next day.
    await at('2020-05-12T10:00:00', () => submit('b', '2020-05-12T09:30:00', {}, { name: 'Công ty TNHH Thủy sản Sa Huỳnh' }));
    await at('2020-05-13T09:00:00', () => act('b', 'insurance-confirmation', { action: 'reject', ground: 'ineligible', reason: 'Người lao động không thuộc đối tượng được hỗ trợ' }));
    // A: submitted Friday afternoon, received Monday, through every step, its result returned.
    await at('2020-05-18T08:15:00', () => submit('a', '2020-05-15T16:30:00', {}, { name: 'Công ty TNHH May Quảng Ngãi', phone: '02553822123' }));
    await at('2020-05-18T10:00:00', () => act('a', 'insurance-confirmation', { action: 'confirm' }));
    await at('2020-05-19T10:00:00', () => act('a', 'district-appraisal', { action: 'appraise' }));
    await at('2020-05-20T10:00:00', () => act('a', 'provincial-approval', { action: 'approve' }));
    // D: a loan withdrawn at BHXH's step.
    await at('2020-05-20T11:00:00', () => submit('d', '2020-05-20T10:30:00', { procedureCode: 'wage-loan-support' }, { name: 'Công ty TNHH Cơ khí Dung Quất' }));
    await at('2020-05-20T15:00:00', () => act('d', null, { action: 'withdraw', comment: 'Doanh nghiệp rút hồ sơ' }));
    await at('2020-05-21T10:00:00', () => t.http().post(`/api/v1/dossiers/${d.a.id}/result-returned`).set(bearer(s.integration)).send({}).expect(200));
    // E: confirmed, at the district's step when the register is read.
    await at('2020-05-25T09:00:00', () => submit('e', '2020-05-25T08:30:00', {}, { name: 'Công ty TNHH Gỗ Tịnh Phong' }));
    await at('2020-05-25T14:00:00', () => act('e', 'insurance-confirmation', { action: 'confirm' }));
    t.clock.set(VN('2020-06-02T09:00:00'));
  }, 60_000);
  afterAll(() => t.close());

  it('lists the dossiers the receiving unit received in the period, by the portal\'s submission, in order of receipt', async () => {
    const { body } = await register(unitOf('insurance-confirmation'), '2020-05-01', '2020-05-31').expect(200);
    expect(body).toMatchObject({
      unit: { code: unitOf('insurance-confirmation'), name: 'Bảo hiểm xã hội thành phố Quảng Ngãi' },
      from: '2020-05-01', to: '2020-05-31', at: '2020-06-02T02:00:00.000Z', total: 4,
    });
    expect(body.rows.map((r: { n: number; portalCode: string }) => [r.n, r.portalCode])).toEqual([
      [1, d.b.portalCode], [2, d.a.portalCode], [3, d.d.portalCode], [4, d.e.portalCode],
    ]);
    const [b, a, loan, e] = body.rows;
    expect(a).toEqual({
      n: 2, dossierId: d.a.id, portalCode: d.a.portalCode,
      procedure: { code: 'unpaid-leave-support', version: 1, name: expect.stringMatching(/^Hỗ trợ người lao động tạm hoãn/) },
      copies: 1,
      applicant: { name: 'Công ty TNHH May Quảng Ngãi', address: '12 Quang Trung, TP Quảng Ngãi', phone: '02553822123' },
      competentUnit: { code: unitOf('provincial-approval'), name: 'Ủy ban nhân dân tỉnh Quảng Ngãi' },
      // The portal's submission (Friday 16:30), not Monday's arrival: as forms 01 and 05 say.
      receivedAt: '2020-05-15T09:30:00.000Z',
      appointedReturnAt: d.a.appointedReturnDate,
      forwardedAt: '2020-05-18T03:00:00.000Z', resultReceivedAt: '2020-05-20T03:00:00.000Z', returnedAt: '2020-05-21T03:00:00.000Z',
      status: 'approved', outcome: 'early', overdue: false, apology: null, note: 'Trả kết quả trước hạn',
    });
    expect(d.a.appointedReturnDate).toBe('2020-05-27T10:00:00.000Z');
    expect(b).toMatchObject({
      receivedAt: '2020-05-12T02:30:00.000Z', forwardedAt: null, resultReceivedAt: '2020-05-13T02:00:00.000Z', returnedAt: '2020-05-13T02:00:00.000Z',
      status: 'rejected', outcome: 'rejected', note: 'Từ chối giải quyết',
    });
    // The loan: the bank decides it; withdrawn, nothing came back.
    expect(loan).toMatchObject({
      competentUnit: { code: unitOf('bank-lending'), name: 'Ngân hàng Chính sách xã hội chi nhánh tỉnh Quảng Ngãi' },
      forwardedAt: null, resultReceivedAt: null, returnedAt: null, outcome: 'withdrawn', note: 'Rút hồ sơ',
    });
    expect(e).toMatchObject({ forwardedAt: '2020-05-25T07:00:00.000Z', resultReceivedAt: null, returnedAt: null, outcome: 'in-progress', status: 'processing' });

    // C was received by the portal in April, whenever it reached the service.
    const april = (await register(unitOf('insurance-confirmation'), '2020-04-01', '2020-04-30').expect(200)).body;
    expect(april.rows.map((r: { portalCode: string; receivedAt: string }) => [r.portalCode, r.receivedAt])).toEqual([[d.c.portalCode, '2020-04-30T09:00:00.000Z']]);
    expect((await register(unitOf('insurance-confirmation'), '2020-06-01', '2020-06-30').expect(200)).body).toMatchObject({ total: 0, rows: [] });
  });

  it('lists for a later unit the dossiers handed over to it in the period, at the hand-over', async () => {
    const district = (await register(unitOf('district-appraisal'), '2020-05-01', '2020-05-31').expect(200)).body;
    expect(district.rows.map((r: { portalCode: string; receivedAt: string; forwardedAt: string | null }) => [r.portalCode, r.receivedAt, r.forwardedAt])).toEqual([
      [d.a.portalCode, '2020-05-18T03:00:00.000Z', '2020-05-19T03:00:00.000Z'],
      [d.e.portalCode, '2020-05-25T07:00:00.000Z', null],
    ]);
    const province = (await register(unitOf('provincial-approval'), '2020-05-19', '2020-05-19').expect(200)).body;
    // The competent agency itself hands it to no one.
    expect(province.rows).toEqual([expect.objectContaining({ portalCode: d.a.portalCode, receivedAt: '2020-05-19T03:00:00.000Z', forwardedAt: null, outcome: 'early' })]);
    expect((await register(unitOf('provincial-approval'), '2020-05-20', '2020-05-20').expect(200)).body.total).toBe(0);
  });

  it('answers the form\'s columns as CSV (UTF-8 with BOM, Vietnamese headings)', async () => {
    const res = await register(unitOf('insurance-confirmation'), '2020-05-01', '2020-05-31', s.admin, 'text/csv').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="so-theo-doi-${unitOf('insurance-confirmation')}-2020-05-01-2020-05-31.csv"`);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'STT,Mã hồ sơ,Tên thủ tục hành chính,Số lượng hồ sơ (bộ),"Tên cá nhân, tổ chức","Địa chỉ, số điện thoại",Cơ quan chủ trì giải quyết,' +
        '"Nhận hồ sơ (giờ, ngày, tháng, năm)","Hẹn trả kết quả (giờ, ngày, tháng, năm)",Chuyển hồ sơ đến cơ quan giải quyết,Nhận kết quả từ cơ quan giải quyết,' +
        '"Trả kết quả cho cá nhân, tổ chức",Ghi chú',
    );
    expect(lines).toHaveLength(6); // heading, four dossiers, the final CRLF
    expect(lines[2]).toContain(`2,${d.a.portalCode},`);
    expect(lines[2]).toContain('16:30 15/05/2020,17:00 27/05/2020,10:00 18/05/2020,10:00 20/05/2020,10:00 21/05/2020,Trả kết quả trước hạn');
    expect(lines[2]).toContain('"12 Quang Trung, TP Quảng Ngãi; 02553822123"');
  });

  it('prints form 06 as HTML and as a landscape A4 PDF whose text reads back', async () => {
    const html = await register(unitOf('insurance-confirmation'), '2020-05-01', '2020-05-31', s.admin, 'text/html').expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const text of [
      'Mẫu số 06', 'SỔ THEO DÕI HỒ SƠ', 'Từ ngày 01/05/2020 đến ngày 31/05/2020', 'BẢO HIỂM XÃ HỘI THÀNH PHỐ QUẢNG NGÃI', 'size: A4 landscape',
      'Quảng Ngãi, ngày 02 tháng 6 năm 2020', 'Cơ quan chủ trì giải quyết', 'Ủy ban nhân dân tỉnh Quảng Ngãi', 'Tổng số hồ sơ: 4.', d.a.portalCode,
      '16:30 15/05/2020', 'Từ chối giải quyết',
    ]) expect(html.text).toContain(text);

    const res = await binary(unitOf('insurance-confirmation'), '2020-05-01', '2020-05-31').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="so-theo-doi-${unitOf('insurance-confirmation')}-2020-05-01-2020-05-31.pdf"`);
    expect((res.body as Buffer).toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89\d* 595\.28\d*\]/);
    const { text } = await pdfText(res.body);
    const flat = text.replace(/\s+/g, ' ');
    for (const phrase of ['SỔ THEO DÕI HỒ SƠ', 'Mẫu số 06', 'Từ ngày 01/05/2020 đến ngày 31/05/2020', 'Công ty TNHH May Quảng Ngãi', 'Tổng số hồ sơ: 4.']) {
      expect(flat).toContain(phrase);
    }
    // A narrow column wraps a code or a time over lines: read them without the breaks.
    const solid = text.replace(/\s+/g, '');
    for (const code of [d.a.portalCode, d.b.portalCode, d.d.portalCode, d.e.portalCode]) expect(solid).toContain(code);
    expect(solid).toContain('16:3015/05/2020');
    expect(solid).not.toContain(d.c.portalCode);
  });

  it('lets an official read their own unit\'s register only; refuses bad periods and unknown units', async () => {
    const own = await register(unitOf('insurance-confirmation'), '2020-05-01', '2020-05-31', s.byStep['insurance-confirmation']).expect(200);
    expect(own.body.total).toBe(4);
    expectProblem(await register(unitOf('insurance-confirmation'), '2020-05-01', '2020-05-31', s.byStep['district-appraisal']), 403, 'REPORT_UNIT_FORBIDDEN');
    expectProblem(await register('NO-SUCH-UNIT', '2020-05-01', '2020-05-31', s.byStep['district-appraisal']), 403, 'REPORT_UNIT_FORBIDDEN');
    expectProblem(await register(unitOf('insurance-confirmation'), '2020-05-01', '2020-05-31', s.integration), 403, 'PRINCIPAL_KIND_FORBIDDEN');
    expectProblem(await register('NO-SUCH-UNIT', '2020-05-01', '2020-05-31'), 404, 'REPORT_UNIT_NOT_FOUND');
    const unit = unitOf('insurance-confirmation');
    expectProblem(await register(unit, '2020-05-31', '2020-05-01'), 400, 'REPORT_PERIOD_INVALID');
    expectProblem(await register(unit, '2020-01-01', '2021-01-02'), 400, 'REPORT_PERIOD_INVALID');
    expectProblem(await register(unit, '1999-12-31', '2000-01-01'), 400, 'REPORT_PERIOD_INVALID');
    expectProblem(await register(unit, '2020-02-30', '2020-03-01'), 400, 'VALIDATION_FAILED');
    expectProblem(await register(unit, '2020-05-01T00:00:00+07:00', '2020-05-31'), 400, 'VALIDATION_FAILED');
    expectProblem(await register('bad code!', '2020-05-01', '2020-05-31'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().get(`/api/v1/reports/register?unit=${unit}&from=2020-05-01`).set(bearer(s.admin)), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().get(`/api/v1/reports/register?unit=${unit}&from=2020-05-01&to=2020-05-31&page=2`).set(bearer(s.admin)), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().get(`/api/v1/reports/register?unit=${unit}&from=2020-05-01&to=2020-05-31`), 401);
    // A whole year is one register.
    expect((await register(unit, '2020-01-01', '2020-12-31').expect(200)).body.total).toBe(5);
    // A unit with no dossier has an empty register, still a form.
    const empty = await official(t.db, 'social-insurance', { districtCode: '524' });
    const html = await register(empty.unitCode, '2020-05-01', '2020-05-31', empty, 'text/html').expect(200);
    expect(html.text).toContain('Không có hồ sơ nào được tiếp nhận trong kỳ.');
  });
});
