import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { eventHash, verifyChain } from '../../src/common/history-hash';
import { bearer, official, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { expectConsistentHistories } from '../support/verify';
import { createTestApp, type TestApp } from '../support/test-app';

describe('feedback (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '100000', FEEDBACK_ANSWER_WORKING_DAYS: '10' });
    s = await staff(t.db);
    t.clock.set('2020-08-12T09:00:00+07:00');
  });
  afterAll(() => t.close());

  const valid = (over: Record<string, unknown> = {}) => ({
    title: 'Chậm chi trả tiền hỗ trợ',
    content: 'Doanh nghiệp đã nộp hồ sơ từ tháng 5.\nĐến nay chưa nhận được kết quả.',
    contact: { name: 'Nguyễn Văn Tâm', phone: '0905111222' },
    ...over,
  });
  const send = (body: object) => t.http().post('/api/v1/public/feedback').send(body);
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/feedback/${id}/actions`).set(bearer(who)).send(body);
  const adminView = async (id: string) => (await t.http().get('/api/v1/feedback?pageSize=200').set(bearer(s.admin)).expect(200)).body.items.find((f: { id: string }) => f.id === id);

  it('registers a feedback under the day\'s tracking code (Vietnam time), with the 5-working-day forwarding deadline', async () => {
    const first = await send(valid()).expect(201);
    expect(first.body).toEqual({ id: expect.any(String), trackingCode: 'PAKN.20200812.0001' });
    t.clock.set('2020-08-12T23:30:00+07:00');
    expect((await send(valid()).expect(201)).body.trackingCode).toBe('PAKN.20200812.0002');
    t.clock.set('2020-08-12T17:30:00Z'); // 00:30 on 13 Aug in Vietnam
    expect((await send(valid()).expect(201)).body.trackingCode).toBe('PAKN.20200813.0001');
    t.clock.set('2020-08-12T09:00:00+07:00');

    const view = await adminView(first.body.id);
    expect(view).toMatchObject({
      state: 'received', title: 'Chậm chi trả tiền hỗ trợ', contact: { name: 'Nguyễn Văn Tâm', phone: '0905111222' },
      receivedAt: '2020-08-12T02:00:00.000Z', dueAt: '2020-08-19T10:00:00.000Z', overdue: false, availableActions: ['assign', 'close'],
    });
    expect(view.content).toBe(valid().content);
  });

  it('gives concurrent senders distinct tracking codes', async () => {
    t.clock.set('2020-08-14T10:00:00+07:00');
    const codes = (await Promise.all(Array.from({ length: 12 }, () => send(valid())))).map((r) => r.body.trackingCode);
    expect(new Set(codes).size).toBe(12);
    expect(codes.every((c) => /^PAKN\.20200814\.\d{4}$/.test(c))).toBe(true);
    t.clock.set('2020-08-12T09:00:00+07:00');
  });

  it.each([
    ['no phone and no email', { contact: { name: 'Tâm' } }],
    ['a bad phone', { contact: { name: 'Tâm', phone: '0105123456' } }],
    ['a bad email', { contact: { name: 'Tâm', email: 'tam@' } }],
    ['a blank title', { title: '   ' }],
    ['a title of 201 characters', { title: 'ă'.repeat(201) }],
    ['content over 5000 characters', { content: 'ơ'.repeat(5001) }],
    ['a control character', { title: 'Phản ánh\u0007' }],
    ['an unknown field', { priority: 'high' }],
    ['an unknown contact field', { contact: { name: 'Tâm', phone: '0905111222', idNumber: '051190000123' } }],
    ['a bad dossier code', { dossierPortalCode: 'mã hồ sơ' }],
    ['no contact', { contact: undefined }],
  ])('refuses %s with 400', async (_, over) => {
    expectProblem(await send(valid(over)), 400, 'VALIDATION_FAILED');
  });

  it('walks received → assigned → answered → published; the sender sees the answer, the public register lists it', async () => {
    const answerer = s.byStep['district-appraisal'];
    const { body } = await send(valid({ contact: { name: 'Trần Thị Mai', email: 'mai.tran@example.vn' } })).expect(201);
    const assigned = await act(body.id, s.admin, { action: 'assign', data: { unitCode: answerer.unitCode } }).expect(200);
    expect(assigned.body).toMatchObject({ state: 'assigned', unitCode: answerer.unitCode, dueAt: '2020-08-26T10:00:00.000Z' });

    expectProblem(await act(body.id, s.admin, { action: 'publish' }), 409, 'FEEDBACK_ACTION_NOT_AVAILABLE');
    const conflict = await act(body.id, s.admin, { action: 'publish' });
    expect(conflict.body.availableActions).toEqual(['assign', 'close']);
    expectProblem(await act(body.id, s.admin, { action: 'answer', data: { answer: 'Trả lời' } }), 403, 'FEEDBACK_ACTION_FORBIDDEN');
    expectProblem(await act(body.id, answerer, { action: 'answer', data: { answer: '  ' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await act(body.id, answerer, { action: 'answer', data: {} }), 400, 'VALIDATION_FAILED');

    const pending = await t.http().get(`/api/v1/public/feedback/${body.trackingCode}`).expect(200);
    expect(pending.body).toEqual({ trackingCode: body.trackingCode, state: 'assigned', receivedAt: '2020-08-12T02:00:00.000Z', title: null, answer: null, answeredAt: null, publishedAt: null, closeReason: null });

    t.clock.set('2020-08-20T15:00:00+07:00');
    const answered = await act(body.id, answerer, { action: 'answer', data: { answer: 'Hồ sơ đã được giải quyết ngày 19/8.' } }).expect(200);
    expect(answered.body).toMatchObject({ state: 'answered', answer: 'Hồ sơ đã được giải quyết ngày 19/8.', dueAt: null, availableActions: [] });
    const published = await act(body.id, s.admin, { action: 'publish' }).expect(200);
    expect(published.body).toMatchObject({ state: 'published', publishedAt: '2020-08-20T08:00:00.000Z', availableActions: [] });
    expectProblem(await act(body.id, s.admin, { action: 'close' }), 409, 'FEEDBACK_ACTION_NOT_AVAILABLE');
    t.clock.set('2020-08-12T09:00:00+07:00');

    const sender = await t.http().get(`/api/v1/public/feedback/${body.trackingCode}`).expect(200);
    expect(sender.body).toMatchObject({ state: 'published', title: 'Chậm chi trả tiền hỗ trợ', answer: 'Hồ sơ đã được giải quyết ngày 19/8.' });
    const register = await t.http().get('/api/v1/public/feedback').expect(200);
    expect(register.body.items).toContainEqual({
      trackingCode: body.trackingCode, title: 'Chậm chi trả tiền hỗ trợ', content: valid().content,
      answer: 'Hồ sơ đã được giải quyết ngày 19/8.', publishedAt: '2020-08-20T08:00:00.000Z',
    });
    expect(JSON.stringify(register.body)).not.toMatch(/mai\.tran|Trần Thị Mai/);

    const events = await t.db.query('SELECT * FROM feedback_event WHERE feedback_id = $1 ORDER BY seq', [body.id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['receive', 'assign', 'answer', 'publish']);
    let prev: string | null = null;
    for (const e of events) {
      const content = { feedbackId: e.feedback_id, seq: e.seq, action: e.action, fromState: e.from_state, toState: e.to_state, actor: e.actor, data: e.data, at: e.at.toISOString() };
      expect(e.prev_hash).toBe(prev);
      expect(e.hash).toBe(eventHash(prev, content));
      prev = e.hash;
    }
    // The same chain checks from the officials' API answer alone, and an altered entry shows.
    const history = (await t.http().get(`/api/v1/feedback/${body.id}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['receive', 'assign', 'answer', 'publish']);
    expect(verifyChain(history)).toBeNull();
    expect(verifyChain(history.map((e: { seq: number }) => (e.seq === 3 ? { ...e, data: { answer: 'khác' } } : e)))).toBe(3);
  });

  it('keeps the sender\'s address beside the name and contact, for the officials only', async () => {
    const contact = { name: 'Phạm Thị Lan', email: 'lan.pham@example.vn', address: '27 Lê Lợi, phường Nguyễn Nghiêm, TP Quảng Ngãi' };
    const { body } = await send(valid({ contact })).expect(201);
    expect((await adminView(body.id)).contact).toEqual(contact);
    const portal = { ...valid({ contact }), portalCode: 'PAKN-DVCQG-2020-0004321', receivedAt: '2020-08-11T16:00:00+07:00' };
    const delivered = await t.http().post('/api/v1/feedback').set(bearer(s.integration)).send(portal).expect(201);
    expect((await t.http().get(`/api/v1/feedback/${delivered.body.id}`).set(bearer(s.admin)).expect(200)).body.contact).toEqual(contact);
    // Still optional, and a phone or an email is still required beside it.
    expect((await adminView((await send(valid()).expect(201)).body.id)).contact).toEqual({ name: 'Nguyễn Văn Tâm', phone: '0905111222' });
    expectProblem(await send(valid({ contact: { name: 'Lan', address: '27 Lê Lợi' } })), 400, 'VALIDATION_FAILED');
    expectProblem(await send(valid({ contact: { ...contact, address: 'đ'.repeat(301) } })), 400, 'VALIDATION_FAILED');
    expectProblem(await send(valid({ contact: { ...contact, address: '27 Lê Lợi\nQuảng Ngãi' } })), 400, 'VALIDATION_FAILED');
    expectProblem(await send(valid({ contact: { ...contact, address: '  ' } })), 400, 'VALIDATION_FAILED');
    const tracked = await t.http().get(`/api/v1/public/feedback/${body.trackingCode}?contact=lan.pham@example.vn`).expect(200);
    expect(JSON.stringify(tracked.body)).not.toContain('Lê Lợi');
  });

  it('lets the office return an unsuitable answer to the unit before publication; the unit answers again (Decision 31/2021 art. 46)', async () => {
    const unit = s.byStep['district-appraisal'];
    const { body } = await send(valid()).expect(201);
    await act(body.id, s.admin, { action: 'assign', data: { unitCode: unit.unitCode } }).expect(200);
    expectProblem(await act(body.id, s.admin, { action: 'return', data: { reason: 'x' } }), 409, 'FEEDBACK_ACTION_NOT_AVAILABLE');
    await act(body.id, unit, { action: 'answer', data: { answer: 'Đề nghị liên hệ bộ phận một cửa.' } }).expect(200);
    expect((await adminView(body.id)).availableActions).toEqual(['return', 'publish', 'close']);
    // The office returns it, with its reason; not the unit, not without a reason.
    expectProblem(await act(body.id, unit, { action: 'return', data: { reason: 'x' } }), 403, 'FEEDBACK_ACTION_FORBIDDEN');
    expectProblem(await act(body.id, s.admin, { action: 'return' }), 400, 'VALIDATION_FAILED');
    expectProblem(await act(body.id, s.admin, { action: 'return', data: { reason: '' } }), 400, 'VALIDATION_FAILED');
    t.clock.set('2020-08-14T10:00:00+07:00');
    const returned = await act(body.id, s.admin, { action: 'return', data: { reason: 'Câu trả lời không đúng nội dung phản ánh: chưa nêu thời hạn chi trả' } }).expect(200);
    expect(returned.body).toMatchObject({
      state: 'assigned', unitCode: unit.unitCode, answer: null, answeredAt: null, returnedAt: '2020-08-14T03:00:00.000Z',
      returnReason: 'Câu trả lời không đúng nội dung phản ánh: chưa nêu thời hạn chi trả',
      // A new answering time from the return: 10 working days, Fri 14 Aug → Fri 28 Aug 17:00.
      dueAt: '2020-08-28T10:00:00.000Z', availableActions: ['assign', 'close'],
    });
    // Nothing of the returned answer reaches the sender or the public.
    const track = (await t.http().get(`/api/v1/public/feedback/${body.trackingCode}?contact=0905111222`).expect(200)).body;
    expect(track).toMatchObject({ state: 'assigned', answer: null });
    expectProblem(await act(body.id, s.admin, { action: 'publish' }), 409, 'FEEDBACK_ACTION_NOT_AVAILABLE');

    const again = await act(body.id, unit, { action: 'answer', data: { answer: 'Hồ sơ được chi trả chậm nhất ngày 31/8/2020.' } }).expect(200);
    expect(again.body).toMatchObject({ state: 'answered', answer: 'Hồ sơ được chi trả chậm nhất ngày 31/8/2020.', returnedAt: '2020-08-14T03:00:00.000Z', dueAt: null });
    await act(body.id, s.admin, { action: 'publish' }).expect(200);
    expectProblem(await act(body.id, s.admin, { action: 'return', data: { reason: 'muộn' } }), 409, 'FEEDBACK_ACTION_NOT_AVAILABLE');
    const register = (await t.http().get('/api/v1/public/feedback?pageSize=200').expect(200)).body.items;
    expect(register.find((f: { trackingCode: string }) => f.trackingCode === body.trackingCode).answer).toBe('Hồ sơ được chi trả chậm nhất ngày 31/8/2020.');
    // The register keeps the returned answer, the return and its reason, in the chain.
    const history = (await t.http().get(`/api/v1/feedback/${body.id}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.map((e: { action: string; fromState: string | null; toState: string }) => [e.action, e.fromState, e.toState])).toEqual([
      ['receive', null, 'received'], ['assign', 'received', 'assigned'], ['answer', 'assigned', 'answered'],
      ['return', 'answered', 'assigned'], ['answer', 'assigned', 'answered'], ['publish', 'answered', 'published'],
    ]);
    expect(history[2].data).toEqual({ answer: 'Đề nghị liên hệ bộ phận một cửa.' });
    expect(history[3].data).toEqual({ reason: 'Câu trả lời không đúng nội dung phản ánh: chưa nêu thời hạn chi trả' });
    expect(verifyChain(history)).toBeNull();
    t.clock.set('2020-08-12T09:00:00+07:00');
  });

  it('publishes the question as the office worded it, so personal details a citizen typed stay out of the register', async () => {
    const personal = 'Tôi là Lê Văn Bảy, CCCD 051190004321, gọi 0905999888 giúp tôi.';
    const { body } = await send(valid({ content: personal })).expect(201);
    const officer = s.byStep['insurance-confirmation'];
    await act(body.id, s.admin, { action: 'assign', data: { unitCode: officer.unitCode } }).expect(200);
    await act(body.id, officer, { action: 'answer', data: { answer: 'Đã liên hệ và giải quyết.' } }).expect(200);
    expectProblem(await act(body.id, s.admin, { action: 'publish', data: { content: '' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await act(body.id, s.admin, { action: 'publish', data: { title: 'x' } }), 400, 'VALIDATION_FAILED');
    const cleaned = 'Người lao động hỏi về tiến độ chi trả hỗ trợ.';
    const published = await act(body.id, s.admin, { action: 'publish', data: { content: cleaned } }).expect(200);
    expect(published.body).toMatchObject({ state: 'published', content: personal, publishedContent: cleaned });

    const register = await t.http().get('/api/v1/public/feedback?pageSize=200').expect(200);
    expect(register.body.items).toContainEqual(expect.objectContaining({ trackingCode: body.trackingCode, content: cleaned }));
    expect(JSON.stringify(register.body)).not.toMatch(/051190004321|0905999888|Lê Văn Bảy/);
    const history = (await t.http().get(`/api/v1/feedback/${body.id}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ action: 'publish', data: { content: cleaned } });
  });

  it('lets only admins assign, publish and close, and only the assigned unit answer', async () => {
    const { body } = await send(valid()).expect(201);
    const officer = s.byStep['insurance-confirmation'];
    expectProblem(await act(body.id, s.byStep['provincial-approval'], { action: 'assign', data: { unitCode: officer.unitCode } }), 403);
    expectProblem(await act(body.id, s.admin, { action: 'assign', data: { unitCode: 'NO-SUCH-UNIT' } }), 400, 'FEEDBACK_UNIT_UNKNOWN');
    expectProblem(await act(body.id, s.admin, { action: 'assign', data: { unitCode: 'bad code!' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await act(body.id, s.admin, { action: 'assign' }), 400, 'VALIDATION_FAILED');
    expectProblem(await act(body.id, s.admin, { action: 'close', data: { note: 'x' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await act(body.id, s.admin, { action: 'escalate' }), 400, 'VALIDATION_FAILED');
    expectProblem(await act(body.id, s.integration, { action: 'close' }), 403, 'PRINCIPAL_KIND_FORBIDDEN');
    expectProblem(await act('not-a-uuid', s.admin, { action: 'close' }), 400);
    expectProblem(await act('6f1c1f7e-9a53-4a43-9d8e-6c1d2b3a4f50', s.admin, { action: 'close' }), 404, 'FEEDBACK_NOT_FOUND');

    await act(body.id, s.admin, { action: 'assign', data: { unitCode: officer.unitCode } }).expect(200);
    // Another unit cannot even see it; the unit's official cannot close it.
    expectProblem(await act(body.id, s.byStep['bank-lending'], { action: 'answer', data: { answer: 'x' } }), 403, 'FEEDBACK_OUT_OF_SCOPE');
    expectProblem(await act(body.id, officer, { action: 'close' }), 403, 'FEEDBACK_ACTION_FORBIDDEN');
    // Closing records why (a refusal the sender reads): without a reason it is refused.
    expectProblem(await act(body.id, s.admin, { action: 'close' }), 400, 'VALIDATION_FAILED');
    const closed = await act(body.id, s.admin, { action: 'close', data: { reason: 'Nội dung không thuộc phạm vi giải quyết của tỉnh' } }).expect(200);
    expect(closed.body).toMatchObject({ state: 'closed', dueAt: null, closeReason: 'Nội dung không thuộc phạm vi giải quyết của tỉnh' });
    expect((await t.http().get(`/api/v1/public/feedback/${body.trackingCode}`).expect(200)).body).toMatchObject({ state: 'closed', answer: null, closeReason: null });
  });

  it('lets the sender read the answer by tracking code and contact even unpublished, and why it was closed', async () => {
    const { body } = await send(valid()).expect(201);
    const officer = await official(t.db, 'dolisa');
    await act(body.id, s.admin, { action: 'assign', data: { unitCode: officer.unitCode } }).expect(200);
    await act(body.id, officer, { action: 'answer', data: { answer: 'Hồ sơ đã được chi trả ngày 20/8/2020.' } }).expect(200);
    const track = (query = '') => t.http().get(`/api/v1/public/feedback/${body.trackingCode}${query}`);
    // Anyone: nothing beyond the state until published. The sender (their phone, as typed or with +84): the answer.
    expect((await track().expect(200)).body).toMatchObject({ state: 'answered', answer: null, title: null });
    const mine = (await track('?contact=%2B84905111222').expect(200)).body;
    expect(mine).toMatchObject({ state: 'answered', answer: 'Hồ sơ đã được chi trả ngày 20/8/2020.', closeReason: null });
    expectProblem(await track('?contact=0905000000'), 404, 'FEEDBACK_NOT_FOUND');
    // An answered feedback is published, or closed with the recorded reason it is not.
    expectProblem(await act(body.id, s.admin, { action: 'close', data: {} }), 400, 'VALIDATION_FAILED');
    await act(body.id, s.admin, { action: 'close', data: { reason: 'Câu trả lời chứa thông tin riêng của doanh nghiệp' } }).expect(200);
    expect((await track('?contact=0905111222').expect(200)).body).toMatchObject({
      state: 'closed', answer: 'Hồ sơ đã được chi trả ngày 20/8/2020.', closeReason: 'Câu trả lời chứa thông tin riêng của doanh nghiệp',
    });
    const history = (await t.http().get(`/api/v1/feedback/${body.id}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ action: 'close', fromState: 'answered', data: { reason: 'Câu trả lời chứa thông tin riêng của doanh nghiệp' } });
  });

  it('takes feedback from the national portal with its integration token, once per portal code', async () => {
    const delivered = { ...valid(), portalCode: 'PAKN-DVCQG-2020-0001234', receivedAt: '2020-08-11T16:00:00+07:00' };
    const first = await t.http().post('/api/v1/feedback').set(bearer(s.integration)).send(delivered).expect(201);
    expect(first.body.trackingCode).toMatch(/^PAKN\.20200811\.\d{4}$/); // numbered on the portal's day of receipt
    const again = await t.http().post('/api/v1/feedback').set(bearer(s.integration)).send(delivered).expect(200);
    expect(again.body).toEqual(first.body);
    const { body: record } = await t.http().get(`/api/v1/feedback/${first.body.id}`).set(bearer(s.admin)).expect(200);
    expect(record).toMatchObject({ portalCode: 'PAKN-DVCQG-2020-0001234', receivedAt: '2020-08-11T09:00:00.000Z', state: 'received' });
    expectProblem(await t.http().post('/api/v1/feedback').set(bearer(s.admin)).send(delivered), 403);
    expectProblem(await t.http().post('/api/v1/feedback').set(bearer(s.integration)).send({ ...delivered, portalCode: undefined }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().post('/api/v1/feedback').set(bearer(s.integration)).send({ ...delivered, portalCode: 'X-2', receivedAt: '2020-09-01T00:00:00+07:00' }), 400);
  });

  it('shows officials the feedback of their unit and about dossiers in their jurisdiction; admins all', async () => {
    const dossier = submission({ submittedAt: t.clock.now().toISOString() }, { districtCode: '524' });
    await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(dossier).expect(201);
    const { body: linked } = await send(valid({ dossierPortalCode: dossier.portalCode })).expect(201);
    const { body: other } = await send(valid()).expect(201);
    const district524 = await official(t.db, 'district-pc', { districtCode: '524' });
    const province = await official(t.db, 'dolisa');
    const canTho = await official(t.db, 'dolisa', { provinceCode: '92' });
    const ids = async (who: { token: string }) =>
      (await t.http().get('/api/v1/feedback?pageSize=200').set(bearer(who)).expect(200)).body.items.map((f: { id: string }) => f.id);

    expect(await ids(district524)).toEqual([linked.id]);
    expect(await ids(province)).toEqual([linked.id]);
    expect(await ids(canTho)).toEqual([]);
    expect(await ids(s.admin)).toEqual(expect.arrayContaining([linked.id, other.id]));
    await act(other.id, s.admin, { action: 'assign', data: { unitCode: canTho.unitCode } }).expect(200);
    expect(await ids(canTho)).toEqual([other.id]);
    // Reading one follows the same scope as the list.
    const read = (who: { token: string }, id: string, path = '') => t.http().get(`/api/v1/feedback/${id}${path}`).set(bearer(who));
    expect((await read(district524, linked.id).expect(200)).body).toMatchObject({ id: linked.id, state: 'received', availableActions: [] });
    expect((await read(s.admin, linked.id).expect(200)).body.availableActions).toEqual(expect.arrayContaining(['assign', 'close']));
    await read(district524, linked.id, '/history').expect(200);
    expectProblem(await read(canTho, linked.id), 403, 'FEEDBACK_OUT_OF_SCOPE');
    expectProblem(await read(canTho, linked.id, '/history'), 403, 'FEEDBACK_OUT_OF_SCOPE');
    expectProblem(await read(s.admin, '6f1c1f7e-9a53-4a43-9d8e-6c1d2b3a4f50'), 404, 'FEEDBACK_NOT_FOUND');
    expectProblem(await read(s.integration, linked.id), 403, 'PRINCIPAL_KIND_FORBIDDEN');

    const received = await t.http().get('/api/v1/feedback?state=received&overdue=false&pageSize=200').set(bearer(s.admin)).expect(200);
    expect(received.body.items.every((f: { state: string }) => f.state === 'received')).toBe(true);
    expectProblem(await t.http().get('/api/v1/feedback?state=lost').set(bearer(s.admin)), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().get('/api/v1/feedback').set(bearer(s.integration)), 403, 'PRINCIPAL_KIND_FORBIDDEN');
    expectProblem(await t.http().get('/api/v1/feedback'), 401);
  });

  it('tracks the forwarding deadline, then the answering one, in the deadline alerts', async () => {
    t.clock.set('2020-09-07T09:00:00+07:00');
    const { body } = await send(valid()).expect(201);
    const pass = t.app.get(DeadlinePassService);
    const alerts = async (who: { token: string }) =>
      (await t.http().get('/api/v1/deadlines/alerts').set(bearer(who)).expect(200)).body.filter((a: { subject: { id: string } }) => a.subject.id === body.id);

    // Received Mon 7 Sep 2020 (2 Sep holiday is past): forwarding due Mon 14 Sep 17:00.
    const first = await pass.run(new Date('2020-09-15T09:00:00+07:00'));
    expect(await alerts(s.admin)).toEqual([
      expect.objectContaining({ kind: 'overdue', subject: { type: 'feedback', id: body.id }, step: 'received', unit: null, dueAt: '2020-09-14T10:00:00.000Z' }),
    ]);
    // The counts cover both kinds of subject alike: the totals are the sums of the parts, and the
    // open alerts they count are exactly the ones the alerts endpoint lists.
    const everyAlert = (await t.http().get('/api/v1/deadlines/alerts').set(bearer(s.admin)).expect(200)).body as { kind: string; subject: { type: string } }[];
    const openOf = (type: string, kind: string) => everyAlert.filter((a) => a.subject.type === type && a.kind === kind).length;
    expect(first.feedback).toMatchObject({ overdue: openOf('feedback', 'overdue'), nearDue: openOf('feedback', 'near-due') });
    expect(first.feedback.overdue).toBeGreaterThanOrEqual(1);
    expect(first.feedback.newAlerts).toBeGreaterThanOrEqual(1);
    expect(first.dossiers).toMatchObject({ overdue: openOf('dossier', 'overdue'), nearDue: openOf('dossier', 'near-due') });
    for (const key of ['scanned', 'nearDue', 'overdue', 'newAlerts', 'closedAlerts'] as const) {
      expect(first[key]).toBe(first.dossiers[key] + first.feedback[key]);
    }
    expect(first.nearDue + first.overdue).toBe(everyAlert.length);
    const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM feedback WHERE due_at IS NOT NULL');
    expect(first.feedback.scanned).toBe(n);
    const unit = s.byStep['district-appraisal'];
    t.clock.set('2020-09-15T09:00:00+07:00');
    await act(body.id, s.admin, { action: 'assign', data: { unitCode: unit.unitCode } }).expect(200);
    await pass.run(new Date('2020-09-29T09:00:00+07:00'));
    const open = await alerts(unit);
    expect(open).toEqual([expect.objectContaining({ kind: 'near-due', step: 'assigned', unit: expect.objectContaining({ code: unit.unitCode }), dueAt: '2020-09-29T10:00:00.000Z' })]);
    expect(await alerts(s.admin)).toHaveLength(1);
    t.clock.set('2020-09-29T10:00:00+07:00');
    await act(body.id, unit, { action: 'answer', data: { answer: 'Đã trả lời.' } }).expect(200);
    await pass.run(new Date('2020-09-30T09:00:00+07:00'));
    expect(await alerts(s.admin)).toEqual([]);
    t.clock.set('2020-08-12T09:00:00+07:00');
  });

  it('lets one of two concurrent actions win (409 for the other); every register chains to its row\'s head', async () => {
    const { body } = await send(valid()).expect(201);
    const close = { action: 'close', data: { reason: 'Trùng với phản ánh đã nhận' } };
    const [a, b] = await Promise.all([act(body.id, s.admin, close), act(body.id, s.admin, close)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expectProblem(lost, 409);
    expect(['FEEDBACK_VERSION_CONFLICT', 'FEEDBACK_ACTION_NOT_AVAILABLE']).toContain(lost.body.code);
    const history = (await t.http().get(`/api/v1/feedback/${body.id}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['receive', 'close']);
    await expectConsistentHistories(t.db);
  });

  it('answers 404 for an unknown tracking code and 400 for a malformed one', async () => {
    expectProblem(await t.http().get('/api/v1/public/feedback/PAKN.19990101.0001'), 404, 'FEEDBACK_NOT_FOUND');
    expectProblem(await t.http().get('/api/v1/public/feedback/ABC'), 400, 'VALIDATION_FAILED');
    expectProblem(await t.http().get('/api/v1/public/feedback?page=0'), 400, 'VALIDATION_FAILED');
  });
});
