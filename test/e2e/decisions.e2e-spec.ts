import { bearer, official, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { pdfText } from '../support/pdf-text';
import { createTestApp, type TestApp } from '../support/test-app';

// A PDF's text is extracted by pdf.js in a child process, a second or so on a busy machine.
jest.setTimeout(20_000);

// The province approves a list of workers and the funds they are due, by a numbered decision
// (Decision 15/2020/QĐ-TTg art. 2 cl. 4; Decision 23/2021/QĐ-TTg art. 16 cl. 4).
describe('the provincial decision (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);
  const province = () => s.byStep['provincial-approval'];

  async function atProvince(overrides: Record<string, unknown> = {}) {
    const d = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission(overrides)).expect(201)).body;
    await act(d.id, s.byStep['insurance-confirmation'], { action: 'confirm' }).expect(200);
    await act(d.id, s.byStep['district-appraisal'], { action: 'appraise' }).expect(200);
    return d;
  }

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  const binary = (path: string) =>
    t.http().get(path).set(bearer(s.admin)).set('Accept', 'application/pdf').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  it('lists the decision among the documents and prints it as HTML and an A4 PDF whose text reads back', async () => {
    await t.db.query(`UPDATE unit SET name = 'Ủy ban nhân dân tỉnh Quảng Ngãi' WHERE code = $1`, [province().unitCode]);
    await t.db.query(`UPDATE official SET full_name = 'Đặng Văn Minh' WHERE id = $1`, [province().officialId]);
    const d = await atProvince();
    const approved = (await act(d.id, province(), { action: 'approve' }).expect(200)).body;
    const documents = (await t.http().get(`/api/v1/dossiers/${d.id}/documents`).set(bearer(s.admin)).expect(200)).body;
    const listed = documents.find((doc: { form: string }) => doc.form === 'decision');
    expect(listed).toMatchObject({ id: approved.decision.documentId, source: { type: 'event', seq: approved.version }, formats: ['text/html', 'application/pdf'] });
    const html = (await t.http().get(listed.href).set(bearer(s.admin)).expect(200)).text;
    for (const text of [`Số: ${approved.decision.number}`, 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', 'QUYẾT ĐỊNH:', 'Căn cứ Quyết định số 15/2020/QĐ-TTg', 'Điều 1. ']) {
      expect(html).toContain(text);
    }
    const res = await binary(listed.href).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.body)).text.replace(/\s+/g, ' ');
    for (const phrase of [
      `Số: ${approved.decision.number}`, 'Bảy triệu hai trăm nghìn đồng', 'Trần Văn Bình', '5.400.000', 'TM. ỦY BAN NHÂN DÂN', 'PHÓ CHỦ TỊCH', 'Đặng Văn Minh',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Nơi nhận:',
    ]) expect(text).toContain(phrase);
  });

  it('issues a numbered decision with the approved workers, their amounts and the total in words, in the view and the portal message', async () => {
    const d = await atProvince();
    const approved = (await act(d.id, province(), { action: 'approve' }).expect(200)).body;
    const [signer] = await t.db.query('SELECT id, full_name FROM official WHERE id = $1', [province().officialId]);
    expect(approved.decision).toEqual({
      number: expect.stringMatching(/^\d+\/QĐ-UBND$/),
      issuedAt: expect.any(String),
      signer: { officialId: signer.id, fullName: signer.full_name },
      preparedBy: { officialId: signer.id, fullName: signer.full_name },
      workers: [{ n: 1, fullName: 'Nguyễn Thị Ánh', amount: 5_400_000 }, { n: 2, fullName: 'Trần Văn Bình', amount: 1_800_000 }],
      total: 7_200_000,
      totalInWords: 'Bảy triệu hai trăm nghìn đồng',
      documentId: `decision-${approved.version}`,
    });
    const view = (await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(s.admin)).expect(200)).body;
    expect(view.decision).toEqual(approved.decision);
    const [row] = await t.db.query('SELECT number, issuer_code, total, workers, legal_basis FROM decision WHERE dossier_id = $1', [d.id]);
    expect(row).toMatchObject({ number: approved.decision.number, issuer_code: province().unitCode, total: '7200000' });
    expect(row.legal_basis.join(' ')).toContain('Quyết định số 15/2020/QĐ-TTg');
    const [message] = await t.db.query(`SELECT payload FROM outbox_message WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1`, [d.id]);
    expect(message.payload.document).toEqual({ form: 'decision', number: approved.decision.number, issuedAt: approved.decision.issuedAt, total: 7_200_000 });
  });

  it('gives concurrent approvals distinct consecutive numbers of the same Committee and year', async () => {
    const dossiers = [];
    for (let i = 0; i < 6; i++) dossiers.push(await atProvince());
    const answers = await Promise.all(dossiers.map((d) => act(d.id, province(), { action: 'approve' })));
    expect(answers.map((a) => a.status)).toEqual(dossiers.map(() => 200));
    const numbers = answers.map((a) => Number(a.body.decision.number.split('/')[0])).sort((a, b) => a - b);
    const first = numbers[0];
    expect(numbers).toEqual(numbers.map((_, i) => first + i));
    const [{ n }] = await t.db.query(`SELECT count(DISTINCT number)::int AS n FROM decision WHERE issuer_code = $1`, [province().unitCode]);
    expect(n).toBe(first + numbers.length - 1);
  });

  it('approves a dossier once when two approvals race: one decision, and the loser\'s number given back', async () => {
    const d = await atProvince();
    const [before] = await t.db.query(`SELECT last FROM decision_number WHERE issuer_code = $1`, [province().unitCode]);
    const answers = await Promise.all([act(d.id, province(), { action: 'approve' }), act(d.id, province(), { action: 'approve' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const [after] = await t.db.query(`SELECT last FROM decision_number WHERE issuer_code = $1`, [province().unitCode]);
    expect(after.last).toBe(before.last + 1);
    expect(await t.db.query('SELECT number FROM decision WHERE dossier_id = $1', [d.id])).toEqual([{ number: `${after.last}/QĐ-UBND` }]);
  });

  it('lets the Department of Labour prepare it, signed for the Committee by its one official who may sign, else by the one named', async () => {
    const both = (): [string, string][] => [['unpaid-leave-support', 'provincial-approval'], ['wage-loan-support', 'provincial-approval']];
    const dolisa = await official(t.db, 'dolisa', { grants: both() });
    const [committee] = await t.db.query('SELECT id, full_name FROM official WHERE id = $1', [province().officialId]);
    const [preparer] = await t.db.query('SELECT id, full_name FROM official WHERE id = $1', [dolisa.officialId]);
    const d = await atProvince();
    const view = (await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(dolisa)).expect(200)).body;
    expect(view.availableActions).toContain('approve');
    const approved = (await act(d.id, dolisa, { action: 'approve' }).expect(200)).body;
    expect(approved.decision).toMatchObject({ signer: { officialId: committee.id, fullName: committee.full_name }, preparedBy: { officialId: preparer.id, fullName: preparer.full_name } });
    const [row] = await t.db.query('SELECT issuer_code FROM decision WHERE dossier_id = $1', [d.id]);
    expect(row.issuer_code).toBe(province().unitCode);

    // A named signer must be one who may sign: an official of the Committee holding the step's grant.
    const district = await t.db.query('SELECT id_number FROM official WHERE id = $1', [s.byStep['district-appraisal'].officialId]);
    const refused = await atProvince();
    expectProblem(await act(refused.id, dolisa, { action: 'approve', data: { signer: district[0].id_number } }), 422, 'DECISION_SIGNER_NOT_AUTHORISED');
    expectProblem(await act(refused.id, dolisa, { action: 'approve', data: { signer: 'abc' } }), 400, 'DECISION_SIGNER_INVALID');
    expectProblem(await act(refused.id, dolisa, { action: 'approve', data: { signer: 12 } }), 400, 'DECISION_SIGNER_INVALID');

    // With a second one, the approval names who signs.
    const deputy = await official(t.db, 'provincial-pc', { grants: both() });
    await t.db.query('UPDATE official SET unit_code = $1 WHERE id = $2', [province().unitCode, deputy.officialId]);
    const unnamed = await act(refused.id, dolisa, { action: 'approve' });
    expectProblem(unnamed, 422, 'DECISION_SIGNER_REQUIRED');
    expect(unnamed.body.detail ?? unnamed.body.message).toContain('2 may');
    const [named] = await t.db.query('SELECT id, id_number, full_name FROM official WHERE id = $1', [deputy.officialId]);
    const signed = (await act(refused.id, dolisa, { action: 'approve', data: { signer: named.id_number } }).expect(200)).body;
    expect(signed.decision.signer).toEqual({ officialId: named.id, fullName: named.full_name });
    // The Committee's own official still signs what it approves itself.
    const own = await atProvince();
    expect((await act(own.id, province(), { action: 'approve' }).expect(200)).body.decision.signer.officialId).toBe(committee.id);
  });

  it('refuses the approval naming what is missing when the province has no Committee, or nobody who may sign for it', async () => {
    const grants = (step: string): [string, string][] => [['unpaid-leave-support', step]];
    const at = { provinceCode: '92', districtCode: '916' };
    const bhxh = await official(t.db, 'social-insurance', { ...at, grants: grants('insurance-confirmation') });
    const district = await official(t.db, 'district-pc', { ...at, grants: grants('district-appraisal') });
    const dolisa = await official(t.db, 'dolisa', { provinceCode: '92', grants: grants('provincial-approval') });
    const d = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({}, { provinceCode: '92', districtCode: '916' })).expect(201)).body;
    await act(d.id, bhxh, { action: 'confirm' }).expect(200);
    await act(d.id, district, { action: 'appraise' }).expect(200);
    expectProblem(await act(d.id, dolisa, { action: 'approve' }), 422, 'DECISION_ISSUER_MISSING');
    await official(t.db, 'provincial-pc', { provinceCode: '92' });
    expectProblem(await act(d.id, dolisa, { action: 'approve' }), 422, 'DECISION_SIGNER_MISSING');
    const view = (await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(s.admin)).expect(200)).body;
    expect([view.state, view.decision]).toEqual(['provincial-approval', null]);
  });

  it('makes a People\'s Committee\'s refusal a numbered notice with its reason and the ground\'s legal basis; form 03 stays for a refusal of receipt', async () => {
    const reject = { action: 'reject', ground: 'duplicate', reason: 'Đã được hỗ trợ theo hồ sơ 000.00.51.H55-200512-0009' };
    const refusedAt = async (step: 'district-appraisal' | 'provincial-approval') => {
      const d = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body;
      await act(d.id, s.byStep['insurance-confirmation'], { action: 'confirm' }).expect(200);
      if (step === 'provincial-approval') await act(d.id, s.byStep['district-appraisal'], { action: 'appraise' }).expect(200);
      return { d, refused: (await act(d.id, s.byStep[step], reject).expect(200)).body };
    };
    const first = await refusedAt('district-appraisal');
    const second = await refusedAt('district-appraisal');
    const provincial = await refusedAt('provincial-approval');
    const number = async (id: string) => (await t.db.query('SELECT number, issuer_code FROM notice WHERE dossier_id = $1', [id]))[0];
    const [a, b, p] = [await number(first.d.id), await number(second.d.id), await number(provincial.d.id)];
    expect(a.issuer_code).toBe(s.byStep['district-appraisal'].unitCode);
    expect(a.number).toMatch(/^\d+\/TB-UBND$/);
    expect(Number(b.number.split('/')[0])).toBe(Number(a.number.split('/')[0]) + 1);
    expect([p.issuer_code, p.number]).toEqual([province().unitCode, '1/TB-UBND']);

    const [message] = await t.db.query('SELECT payload FROM outbox_message WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1', [first.d.id]);
    expect(message.payload.document).toMatchObject({ form: 'notice', number: a.number });
    const documents = (await t.http().get(`/api/v1/dossiers/${first.d.id}/documents`).set(bearer(s.admin)).expect(200)).body;
    expect(documents.map((doc: { form: string }) => doc.form)).toEqual(['01', 'notice', '05']);
    const notice = documents[1];
    expect(notice).toMatchObject({ id: `notice-${first.refused.version}`, title: 'Thông báo không giải quyết hồ sơ' });
    const text = (await pdfText((await binary(notice.href).expect(200)).body)).text.replace(/\s+/g, ' ');
    for (const phrase of [`Số: ${a.number}`, 'THÔNG BÁO', 'Hồ sơ trùng lặp', 'mỗi đối tượng chỉ được hỗ trợ một lần', reject.reason, 'TM. ỦY BAN NHÂN DÂN']) {
      expect(text).toContain(phrase);
    }

    // Refused at receipt, before acceptance: form 03, no notice, and it prints the ground's legal basis too.
    const d = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body;
    await act(d.id, s.byStep['insurance-confirmation'], { action: 'reject', ground: 'ineligible', reason: 'Không thuộc đối tượng' }).expect(200);
    const atReceipt = (await t.http().get(`/api/v1/dossiers/${d.id}/documents`).set(bearer(s.admin)).expect(200)).body;
    expect(atReceipt.map((doc: { form: string }) => doc.form)).toEqual(['03', '05']);
    expect(await t.db.query('SELECT 1 FROM notice WHERE dossier_id = $1', [d.id])).toEqual([]);
    const html = (await t.http().get(atReceipt[0].href).set(bearer(s.admin)).expect(200)).text;
    expect(html).toContain('Quyết định 15/2020/QĐ-TTg; Quyết định 23/2021/QĐ-TTg (đối tượng, điều kiện hỗ trợ)');
  });

  it('issues no decision and keeps no number when the approval is refused', async () => {
    const d = await atProvince();
    const before = await t.db.query(`SELECT last FROM decision_number WHERE issuer_code = $1`, [province().unitCode]);
    // Both workers left out: nothing is left to approve (422), and the number drawn is given back.
    const exclude = [{ worker: 1, ground: 'ineligible', reason: 'x' }, { worker: 2, ground: 'ineligible', reason: 'y' }];
    await act(d.id, province(), { action: 'approve', data: { exclude } }).expect(422);
    expect(await t.db.query(`SELECT last FROM decision_number WHERE issuer_code = $1`, [province().unitCode])).toEqual(before);
    expect(await t.db.query('SELECT 1 FROM decision WHERE dossier_id = $1', [d.id])).toEqual([]);
    const view = (await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(s.admin)).expect(200)).body;
    expect([view.state, view.decision]).toEqual(['provincial-approval', null]);
  });
});
