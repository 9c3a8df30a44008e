import { bearer, official, staff, submission } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// The forms a dossier gives rise to (Circular 01/2018/TT-VPCP), over REST as HTML and PDF. Each
// PDF's text is extracted by pdf.js in a child process, a second or so on a busy machine.
jest.setTimeout(20_000);

describe('dossier documents (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  /** Accepted (by asking for a supplement), then refused: the refusal is a notice. */
  let id: string;
  /** Refused at receipt, before acceptance: form 03. */
  let atReceipt: string;
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  const get = (path: string, who: { token: string }, accept?: string) => {
    const req = t.http().get(path).set(bearer(who));
    return accept ? req.set('Accept', accept) : req;
  };
  const pdf = (res: { body: Buffer }) => pdfText(res.body);
  const binary = (path: string, who: { token: string }) =>
    get(path, who, 'application/pdf').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    await t.db.query(`UPDATE unit SET name = 'Bảo hiểm xã hội thành phố Quảng Ngãi' WHERE code = $1`, [s.byStep['insurance-confirmation'].unitCode]);
    await t.db.query(`UPDATE official SET full_name = 'Nguyễn Thị Ngọc Hường' WHERE id = $1`, [s.byStep['insurance-confirmation'].officialId]);
    await t.db.query(`UPDATE unit SET name = 'Ủy ban nhân dân thành phố Quảng Ngãi' WHERE code = $1`, [s.byStep['district-appraisal'].unitCode]);
    await t.db.query(`UPDATE unit SET name = 'Ủy ban nhân dân tỉnh Quảng Ngãi' WHERE code = $1`, [s.byStep['provincial-approval'].unitCode]);
    await t.db.query(`UPDATE unit SET name = 'Ngân hàng Chính sách xã hội chi nhánh tỉnh Quảng Ngãi' WHERE code = $1`, [s.byStep['bank-lending'].unitCode]);
    id = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body.id;
    const act = (body: object, who: { token: string } = s.byStep['insurance-confirmation']) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body).expect(200);
    t.clock.set('2020-05-13T09:00:00+07:00');
    await act({ action: 'request-supplement', reason: 'Danh sách thiếu số sổ BHXH của bà Trần Thị Ánh', channel: 'online' });
    await act({ action: 'supplement', data: { attachments: [{ name: 'bo-sung.pdf', sha256: 'b'.repeat(64) }] } }, s.integration);
    t.clock.set('2020-05-14T09:00:00+07:00');
    await t.http().post(`/api/v1/dossiers/${id}/apologies`).set(bearer(s.byStep['insurance-confirmation']))
      .send({ reason: 'Chờ xác minh thời gian đóng BHXH', newReturnDate: '2020-05-27' }).expect(201);
    await act({ action: 'reject', ground: 'ineligible', reason: 'Người lao động không thuộc đối tượng được hỗ trợ' });
    atReceipt = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body.id;
    await t.http().post(`/api/v1/dossiers/${atReceipt}/actions`).set(bearer(s.byStep['insurance-confirmation']))
      .send({ action: 'reject', ground: 'no-social-insurance', reason: 'Bà Ánh không tham gia BHXH bắt buộc' }).expect(200);
  }, 30_000);
  afterAll(() => t.close());

  it('lists form 01 at intake, 02 for the supplement request, 04 for the apology and a notice for the refusal after acceptance, in order', async () => {
    const { body } = await get(`/api/v1/dossiers/${id}/documents`, s.admin).expect(200);
    expect(body.map((d: { id: string; form: string }) => [d.form, d.id.split('-')[0]])).toEqual([['01', '01'], ['02', '02'], ['04', '04'], ['notice', 'notice'], ['05', '05']]);
    expect(body[0]).toMatchObject({
      id: '01-1', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', issuedAt: '2020-05-12T02:30:00.000Z', source: { type: 'event', seq: 1 },
      href: `/api/v1/dossiers/${id}/documents/01-1`, formats: ['text/html', 'application/pdf'],
    });
    expect(body[1]).toMatchObject({ id: '02-2', source: { type: 'event', seq: 2 } });
    expect(body[3]).toMatchObject({ id: 'notice-5', title: 'Thông báo không giải quyết hồ sơ', source: { type: 'event', seq: 5 } });
    // The notice is numbered for the insurance office, and the portal's message names it.
    const [notice] = await t.db.query('SELECT number, issuer_code FROM notice WHERE dossier_id = $1', [id]);
    expect(notice).toEqual({ number: '1/TB-BHXH', issuer_code: s.byStep['insurance-confirmation'].unitCode });
    const [{ payload }] = await t.db.query('SELECT payload FROM outbox_message WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1', [id]);
    expect(payload.document).toMatchObject({ form: 'notice', number: '1/TB-BHXH' });
    // The integration (the portal gives them to the employer) reads them too.
    await get(`/api/v1/dossiers/${id}/documents`, s.integration).expect(200);
  });

  it('lists form 03, and no receipt nor notice, for a refusal at receipt', async () => {
    const { body } = await get(`/api/v1/dossiers/${atReceipt}/documents`, s.admin).expect(200);
    expect(body.map((d: { form: string }) => d.form)).toEqual(['03', '05']);
    expect(body[0]).toMatchObject({ id: '03-2', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', source: { type: 'event', seq: 2 } });
    expect(await t.db.query('SELECT 1 FROM notice WHERE dossier_id = $1', [atReceipt])).toEqual([]);
    const html = flat((await get(`/api/v1/dossiers/${atReceipt}/documents/03-2`, s.admin).expect(200)).text);
    expect(html).toContain('Bà Ánh không tham gia BHXH bắt buộc');
    expect(html).toContain('Quyết định 15/2020/QĐ-TTg; Quyết định 23/2021/QĐ-TTg (đối tượng, điều kiện hỗ trợ)');
  });

  it('serves the receipt as print-ready HTML with the letterhead, place and appointment fixed at intake', async () => {
    const res = await get(`/api/v1/dossiers/${id}/documents/01-1`, s.admin).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const text of [
      'BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI', 'BẢO HIỂM XÃ HỘI THÀNH PHỐ QUẢNG NGÃI', 'Quảng Ngãi, ngày 12 tháng 5 năm 2020',
      'Thời gian nhận hồ sơ: 09 giờ 30 phút, ngày 12 tháng 5 năm 2020', '17 giờ 00 phút, ngày 22 tháng 5 năm 2020', 'Tệp đính kèm: danh-sach.pdf',
    ]) expect(res.text).toContain(text);
  });

  it.each([
    ['02-2', () => id, ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Danh sách thiếu số sổ BHXH của bà Trần Thị Ánh', 'Nguyễn Thị Ngọc Hường', 'Quảng Ngãi, ngày 13 tháng 5 năm 2020']],
    ['03-2', () => atReceipt, ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Bà Ánh không tham gia BHXH bắt buộc', 'Nguyễn Thị Ngọc Hường']],
    ['notice-5', () => id, [
      'THÔNG BÁO', 'Số: 1/TB-BHXH', 'Về việc không giải quyết hồ sơ', 'Người lao động không thuộc đối tượng được hỗ trợ',
      'Căn cứ: Người lao động không thuộc đối tượng hoặc không đủ điều kiện được hỗ trợ (Quyết định 15/2020/QĐ-TTg; Quyết định 23/2021/QĐ-TTg', 'Nguyễn Thị Ngọc Hường',
    ]],
    ['01-1', () => id, ['GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Công ty TNHH May Quảng Ngãi', 'Độc lập - Tự do - Hạnh phúc']],
  ] as const)('serves %s as an A4 PDF whose text keeps the diacritics', async (doc, dossier, phrases) => {
    const res = await binary(`/api/v1/dossiers/${dossier()}/documents/${doc}`, s.admin).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${doc}.pdf"`);
    const { text } = await pdf(res);
    for (const phrase of phrases) expect(flat(text)).toContain(phrase);
  });

  it('serves the apology letter (form 04) from the list and from the apology, as HTML and PDF', async () => {
    const [letter] = (await get(`/api/v1/dossiers/${id}/apologies`, s.admin).expect(200)).body;
    const fromList = await get(`/api/v1/dossiers/${id}/documents/04-${letter.id}`, s.admin).expect(200);
    expect(fromList.text).toContain(`Số: ${letter.number}`);
    expect(fromList.text).toContain('<em>Nơi nhận:</em>');
    expect(fromList.text).toContain('Quảng Ngãi, ngày 14 tháng 5 năm 2020');
    const html = await get(`/api/v1/dossiers/${id}/apologies/${letter.id}`, s.admin, 'text/html').expect(200);
    expect(html.text).toBe(fromList.text);
    const json = await get(`/api/v1/dossiers/${id}/apologies/${letter.id}`, s.admin).expect(200);
    expect(json.body.number).toBe(letter.number);
    const res = await binary(`/api/v1/dossiers/${id}/apologies/${letter.id}`, s.admin).expect(200);
    expect(flat((await pdf(res)).text)).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
  });

  it('serves the control slip (form 05): each hand-over with its unit, time, giver, receiver and result, as HTML and PDF', async () => {
    const res = await get(`/api/v1/dossiers/${id}/documents/05`, s.admin).expect(200);
    const text = flat(res.text.replace(/<br>/g, ' '));
    for (const expected of [
      'Mẫu số 05', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 'Quảng Ngãi, ngày … tháng … năm …', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      '1. Giao: Cổng Dịch vụ công quốc gia (Công ty TNHH May Quảng Ngãi) Nhận: Bảo hiểm xã hội thành phố Quảng Ngãi',
      // The portal's receipt (09:30), as on form 01, not when the dossier reached this service (10:00).
      '09 giờ 30 phút, ngày 12 tháng 5 năm 2020', 'Nguyễn Thị Ngọc Hường', 'Trước hạn', 'Từ chối giải quyết',
      // The agencies as the procedure names them, though the dossier was refused at the first step.
      'Cơ quan (bộ phận) giải quyết hồ sơ: Ủy ban nhân dân tỉnh Quảng Ngãi',
      'Cơ quan phối hợp giải quyết hồ sơ: Bảo hiểm xã hội thành phố Quảng Ngãi; Ủy ban nhân dân thành phố Quảng Ngãi',
      'Tạm dừng chờ bổ sung từ 09 giờ 00 phút, ngày 13 tháng 5 năm 2020 đến 09 giờ 00 phút, ngày 13 tháng 5 năm 2020',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('10 giờ 00 phút, ngày 12 tháng 5 năm 2020');
    const pdfRes = await binary(`/api/v1/dossiers/${id}/documents/05`, s.admin).expect(200);
    const pdfText = flat((await pdf(pdfRes)).text);
    expect(pdfText).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(pdfText).toContain('Nguyễn Thị Ngọc Hường');
    expect(pdfText).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: Ủy ban nhân dân tỉnh Quảng Ngãi');
  });

  it('gives the portal\'s submission time wherever a form speaks of receipt (01, 04, 05), however late the dossier reached the service', async () => {
    // Submitted on the portal on Friday afternoon, received here on Monday morning.
    t.clock.set('2020-05-18T08:15:00+07:00');
    const body = submission({ procedureCode: 'wage-loan-support', submittedAt: '2020-05-15T16:30:00+07:00' });
    const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201);
    expect(d).toMatchObject({ submittedAt: '2020-05-15T09:30:00.000Z', receivedAt: '2020-05-18T01:15:00.000Z' });
    t.clock.set('2020-05-18T09:00:00+07:00');
    // Form 01 is issued once BHXH accepts the dossier.
    await t.http().post(`/api/v1/dossiers/${d.id}/actions`).set(bearer(s.byStep['insurance-confirmation'])).send({ action: 'accept' }).expect(200);
    const letter = await t.http().post(`/api/v1/dossiers/${d.id}/apologies`).set(bearer(s.byStep['insurance-confirmation']))
      .send({ reason: 'Chờ xác minh thời gian đóng BHXH', newReturnDate: '2020-06-15' }).expect(201);
    const list = (await get(`/api/v1/dossiers/${d.id}/documents`, s.admin).expect(200)).body as { id: string; form: string; issuedAt: string }[];
    expect(list.find((x) => x.form === '01')!.issuedAt).toBe('2020-05-15T09:30:00.000Z');
    expect(list.find((x) => x.form === '05')!.issuedAt).toBe('2020-05-15T09:30:00.000Z');
    const html = async (doc: string) => flat((await get(`/api/v1/dossiers/${d.id}/documents/${doc}`, s.admin).expect(200)).text.replace(/<br>/g, ' '));
    expect(await html('01-1')).toContain('Thời gian nhận hồ sơ: 16 giờ 30 phút, ngày 15 tháng 5 năm 2020');
    const slip = await html('05');
    expect(slip).toContain('1. Giao: Cổng Dịch vụ công quốc gia (Công ty TNHH May Quảng Ngãi) Nhận: Bảo hiểm xã hội thành phố Quảng Ngãi');
    expect(slip).toContain('16 giờ 30 phút, ngày 15 tháng 5 năm 2020');
    expect(slip).not.toContain('ngày 18 tháng 5 năm 2020');
    // The loan: the bank gives the result; BHXH, the district and the province take part.
    expect(slip).toContain('Cơ quan (bộ phận) giải quyết hồ sơ: Ngân hàng Chính sách xã hội chi nhánh tỉnh Quảng Ngãi');
    expect(slip).toContain('Cơ quan phối hợp giải quyết hồ sơ: Bảo hiểm xã hội thành phố Quảng Ngãi; Ủy ban nhân dân thành phố Quảng Ngãi; Ủy ban nhân dân tỉnh Quảng Ngãi');
    const apology = flat((await get(`/api/v1/dossiers/${d.id}/documents/04-${letter.body.id}`, s.admin).expect(200)).text);
    expect(apology).toContain('Ngày 15 tháng 5 năm 2020, Bảo hiểm xã hội thành phố Quảng Ngãi tiếp nhận giải quyết hồ sơ');
    const slipPdf = flat((await pdf(await binary(`/api/v1/dossiers/${d.id}/documents/05`, s.admin).expect(200))).text);
    expect(slipPdf).toContain('16 giờ 30 phút, ngày 15 tháng 5 năm 2020');
    const receiptPdf = flat((await pdf(await binary(`/api/v1/dossiers/${d.id}/documents/01-1`, s.admin).expect(200))).text);
    expect(receiptPdf).toContain('Thời gian nhận hồ sơ: 16 giờ 30 phút, ngày 15 tháng 5 năm 2020');
  });

  it('refuses an unknown document, a dossier outside the caller\'s jurisdiction, and a caller without a token', async () => {
    expectProblem(await get(`/api/v1/dossiers/${id}/documents/02-1`, s.admin), 404, 'DOCUMENT_NOT_FOUND');
    expectProblem(await get(`/api/v1/dossiers/${id}/documents/anything`, s.admin), 404, 'DOCUMENT_NOT_FOUND');
    expectProblem(await get(`/api/v1/dossiers/00000000-0000-4000-8000-000000000000/documents`, s.admin), 404, 'DOSSIER_NOT_FOUND');
    expectProblem(await get(`/api/v1/dossiers/not-a-uuid/documents`, s.admin), 400);
    const canTho = await official(t.db, 'social-insurance', { provinceCode: '92', districtCode: '916' });
    expectProblem(await get(`/api/v1/dossiers/${id}/documents`, canTho), 403, 'DOSSIER_OUT_OF_JURISDICTION');
    expectProblem(await get(`/api/v1/dossiers/${id}/documents/01-1`, canTho), 403, 'DOSSIER_OUT_OF_JURISDICTION');
    expectProblem(await t.http().get(`/api/v1/dossiers/${id}/documents`), 401);
  });
});
