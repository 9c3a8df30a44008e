import { randomUUID } from 'node:crypto';
import { OfficialEntity } from '../../src/directory/official.entity';
import { bearer, staff, submission, taxCode } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

describe('public endpoints (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' });
    s = await staff(t.db);
    t.clock.set('2020-05-12T09:30:00+07:00');
  });
  afterAll(() => t.close());

  const submit = async (body = submission()) => {
    const res = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body);
    expect(res.status).toBe(201);
    return { body, dossier: res.body };
  };
  const act = (id: string, step: string, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.byStep[step])).send(body);
  const lookup = (code: string, tax: string) => t.http().get(`/api/v1/public/dossiers/${encodeURIComponent(code)}`).query({ taxCode: tax });

  it('shows the applicant the progress of a dossier: status, portal code, procedure, current step, dates, steps done', async () => {
    const { body, dossier } = await submit();
    t.clock.set('2020-05-13T10:00:00+07:00');
    await act(dossier.id, 'insurance-confirmation', { action: 'confirm', comment: 'Đủ điều kiện' }).expect(200);
    const res = await lookup(body.portalCode, body.applicant.taxCode).expect(200);
    expect(res.body).toEqual({
      portalCode: body.portalCode,
      procedure: { code: 'unpaid-leave-support', version: 1, name: expect.stringContaining('Hỗ trợ người lao động tạm hoãn') },
      status: 'processing',
      portalStatusCode: 4,
      state: 'district-appraisal',
      receivedAt: '2020-05-12T02:30:00.000Z',
      currentStep: { key: 'district-appraisal', actor: 'district-pc', dueAt: expect.any(String), overdue: false },
      dueAt: expect.any(String),
      finishedAt: null,
      steps: [
        { step: 'submission', action: 'submit', at: '2020-05-12T02:30:00.000Z' },
        { step: 'insurance-confirmation', action: 'confirm', at: '2020-05-13T03:00:00.000Z' },
      ],
      apologies: [],
    });
    t.clock.set('2020-05-12T09:30:00+07:00');
  });

  it('answers an unknown code and a wrong tax code with the same 404', async () => {
    const { body } = await submit();
    const wrongTax = await lookup(body.portalCode, taxCode());
    const unknown = await lookup('000.00.51.H55-200512-9999', body.applicant.taxCode);
    expectProblem(wrongTax, 404, 'PUBLIC_DOSSIER_NOT_FOUND');
    expectProblem(unknown, 404, 'PUBLIC_DOSSIER_NOT_FOUND');
    // The same answer but for the request id each answer carries.
    expect({ ...wrongTax.body, instance: null }).toEqual({ ...unknown.body, instance: null });
  });

  it('answers a malformed tax code, a wrong valid one and an unknown code with byte-identical 404s', async () => {
    const { body } = await submit();
    const answers = [
      await lookup(body.portalCode, '4300123459'), // bad check digit
      await lookup(body.portalCode, 'ABCDEFGHIJ'), // letters
      await lookup(body.portalCode, '43001234'), // too short
      await lookup(body.portalCode, `${body.applicant.taxCode}-00x`), // a broken branch suffix
      await lookup(body.portalCode, taxCode()), // valid, but not the applicant's
      await lookup('000.00.51.H55-200512-9999', body.applicant.taxCode), // unknown code
    ];
    for (const res of answers) expectProblem(res, 404, 'PUBLIC_DOSSIER_NOT_FOUND');
    for (const res of answers) {
      expect(res.text.replace(res.body.instance, '')).toBe(answers[0].text.replace(answers[0].body.instance, ''));
      expect(res.headers['content-type']).toBe(answers[0].headers['content-type']);
    }
  });

  it.each([
    ['no tax code', '000.00.51.H55-200512-0001', undefined],
    ['an empty tax code', '000.00.51.H55-200512-0001', ''],
    ['a code with forbidden characters', '000.00.51 H55/200512', '4300123458'],
    ['a code longer than 64 characters', 'A'.repeat(65), '4300123458'],
  ])('refuses %s with 400', async (_, code, tax) => {
    const req = t.http().get(`/api/v1/public/dossiers/${encodeURIComponent(code)}`);
    expectProblem(await (tax === undefined ? req : req.query({ taxCode: tax })), 400, 'VALIDATION_FAILED');
  });

  it('never reveals personal data in any public answer', async () => {
    // Fixtures: dossiers at every kind of stage, with a reason and an apology letter that name people.
    const a = await submit();
    const b = await submit(submission({ procedureCode: 'wage-loan-support' }));
    const c = await submit();
    const [worker] = a.body.workers;
    await act(a.dossier.id, 'insurance-confirmation', { action: 'confirm', comment: `Đã kiểm tra ${worker.fullName}, CCCD ${worker.idNumber}` }).expect(200);
    await act(b.dossier.id, 'insurance-confirmation', { action: 'reject', ground: 'no-social-insurance', reason: `${b.body.workers[0].fullName} không đóng BHXH, mã ${b.body.workers[0].socialInsuranceCode}` }).expect(200);
    await act(c.dossier.id, 'insurance-confirmation', { action: 'request-supplement', reason: `Thiếu hợp đồng của ${c.body.workers[1].fullName}`, channel: 'online' }).expect(200);
    const officials = await t.db.getRepository(OfficialEntity).find();
    const signer = officials[0];
    await t.db.query(
      `INSERT INTO apology (id, dossier_id, unit_code, year, seq, number, addressee, portal_code, procedure_name, received_at,
                            original_return_date, reason, new_return_date, signer_official_id, signer_name, unit_name, created_at)
       VALUES ($1, $2, $3, 2020, 1, '1/PXL', $4, $5, 'Hỗ trợ', $6, $7, $8, $9, $10, $11, 'BHXH huyện', $6)`,
      [randomUUID(), a.dossier.id, signer.unitCode, a.body.applicant.name, a.body.portalCode, '2020-05-14T09:00:00+07:00',
        '2020-05-20T17:00:00+07:00', `Chờ xác minh ${worker.fullName}`, '2020-05-22T17:00:00+07:00', signer.id, signer.fullName],
    );

    const contacts = [
      { name: 'Lê Thị Hồng Nhung', phone: '0912345671', email: 'hongnhung.le@example.vn' },
      { name: 'Phạm Quốc Trung', phone: '+84935123987' },
      { name: 'Võ Minh Khoa', email: 'vominhkhoa@example.vn' },
    ];
    const tracking: string[] = [];
    const publicAnswers: unknown[] = [];
    for (const [i, contact] of contacts.entries()) {
      const res = await t.http().post('/api/v1/public/feedback')
        .send({ title: `Phản ánh số ${i + 1}`, content: 'Hồ sơ chậm được xử lý, đề nghị kiểm tra.', contact, dossierPortalCode: a.body.portalCode })
        .expect(201);
      publicAnswers.push(res.body);
      tracking.push(res.body.trackingCode);
    }
    const { body: list } = await t.http().get('/api/v1/feedback').set(bearer(s.admin)).expect(200);
    const answerUnit = s.byStep['district-appraisal'];
    for (const f of list.items.slice(0, 2)) {
      const feedbackAct = (who: { token: string }, body: object) => t.http().post(`/api/v1/feedback/${f.id}/actions`).set(bearer(who)).send(body).expect(200);
      await feedbackAct(s.admin, { action: 'assign', data: { unitCode: answerUnit.unitCode } });
      await feedbackAct(answerUnit, { action: 'answer', data: { answer: 'Hồ sơ đã được chuyển bước thẩm định.' } });
      await feedbackAct(s.admin, { action: 'publish' });
    }

    for (const x of [a, b, c]) publicAnswers.push((await lookup(x.body.portalCode, x.body.applicant.taxCode).expect(200)).body);
    publicAnswers.push((await lookup(a.body.portalCode, taxCode())).body);
    const published = (await t.http().get('/api/v1/public/feedback').expect(200)).body;
    expect(published.items).toHaveLength(2);
    publicAnswers.push(published);
    for (const code of tracking) publicAnswers.push((await t.http().get(`/api/v1/public/feedback/${code}`).expect(200)).body);
    const lookupA = publicAnswers[3] as { apologies: unknown[] };
    expect(lookupA.apologies).toEqual([
      { number: '1/PXL', originalReturnDate: '2020-05-20T10:00:00.000Z', newReturnDate: '2020-05-22T10:00:00.000Z', issuedAt: '2020-05-14T02:00:00.000Z' },
    ]);

    const personal = [
      ...[a, b, c].flatMap((x) => [
        x.body.applicant.name, x.body.applicant.address, x.body.applicant.phone, x.body.applicant.email,
        ...x.body.workers.flatMap((w) => [w.fullName, w.idNumber, w.socialInsuranceCode]),
      ]),
      ...officials.flatMap((o) => [o.fullName, o.idNumber, o.phone, o.email].filter((v): v is string => Boolean(v))),
      ...contacts.flatMap((c) => Object.values(c)),
    ];
    expect(personal.length).toBeGreaterThan(40);
    const text = JSON.stringify(publicAnswers);
    // The answers are there (so the search means something) but nothing personal is.
    expect(text).toContain(a.body.portalCode);
    expect(text).toContain('Hồ sơ đã được chuyển bước thẩm định.');
    for (const value of personal) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
  });
});

describe('public rate limit (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('limits each citizen route per IP with 429, and leaves other routes alone', async () => {
    const get = () => t.http().get('/api/v1/public/dossiers/000.00.51.H55-200512-0001').query({ taxCode: '4300123458' });
    for (let i = 0; i < 3; i++) expect((await get()).status).toBe(404);
    expectProblem(await get(), 429, 'TOO_MANY_REQUESTS');
    for (let i = 0; i < 5; i++) await t.http().get('/api/v1/procedures').expect(200);
    // Without TRUST_PROXY a forwarded address is not believed: still the same caller.
    expectProblem(await get().set('X-Forwarded-For', '203.0.113.9'), 429, 'TOO_MANY_REQUESTS');
  });

  it('behind a trusted proxy, counts each citizen by the address the proxy forwards', async () => {
    const proxied = await createTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: 'loopback' });
    try {
      const get = (ip: string) => proxied.http().get('/api/v1/public/feedback').set('X-Forwarded-For', ip);
      for (let i = 0; i < 2; i++) await get('203.0.113.1').expect(200);
      expectProblem(await get('203.0.113.1'), 429, 'TOO_MANY_REQUESTS');
      await get('203.0.113.2').expect(200);
    } finally {
      await proxied.close();
    }
  });
});
