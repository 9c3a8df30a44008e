import { randomUUID } from 'node:crypto';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

describe('refusals as problem details (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' });
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  const badWorker = () => {
    const body = submission();
    return { ...body, workers: [{ ...body.workers[0], idNumber: '12' }, { ...body.workers[1], from: 'soon' }] };
  };

  it('points at each invalid field, in English on an authenticated route by default', async () => {
    const res = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).set('X-Request-Id', 'req-problems-1').send(badWorker());
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.headers['content-language']).toBe('en');
    expect(res.body).toMatchObject({
      title: 'Some fields of the request are invalid',
      instance: 'req-problems-1',
      errors: [
        { pointer: '/workers/0/idNumber', detail: 'workers.0.idNumber must be a 12-digit CCCD or a 9-digit CMND number' },
        { pointer: '/workers/1/from', detail: 'workers.1.from must be a calendar date YYYY-MM-DD' },
      ],
    });
    expect(res.body.message).toEqual(res.body.errors.map((e: { detail: string }) => e.detail));
  });

  it('answers in Vietnamese when Accept-Language prefers it, keeping the English message', async () => {
    const res = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).set('Accept-Language', 'vi-VN,vi;q=0.9,en;q=0.5').send(badWorker());
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.headers['content-language']).toBe('vi');
    expect(res.body).toMatchObject({
      title: 'Một số trường của yêu cầu không hợp lệ',
      errors: [
        { pointer: '/workers/0/idNumber', detail: 'workers.0.idNumber: không phải số CCCD/CMND hợp lệ' },
        { pointer: '/workers/1/from', detail: 'workers.1.from: không phải ngày hợp lệ (YYYY-MM-DD)' },
      ],
      message: ['workers.0.idNumber must be a 12-digit CCCD or a 9-digit CMND number', 'workers.1.from must be a calendar date YYYY-MM-DD'],
    });
  });

  it('answers citizens on the public routes in Vietnamese unless they prefer English', async () => {
    const lookup = () => t.http().get('/api/v1/public/dossiers/000.00.51.H55-200512-9999').query({ taxCode: '4300123458' });
    const vi = await lookup();
    expectProblem(vi, 404, 'PUBLIC_DOSSIER_NOT_FOUND');
    expect(vi.body).toMatchObject({ title: 'Không có hồ sơ với mã hồ sơ và mã số thuế này', detail: 'Không có hồ sơ với mã hồ sơ và mã số thuế này' });
    const en = await lookup().set('Accept-Language', 'en-US');
    expectProblem(en, 404, 'PUBLIC_DOSSIER_NOT_FOUND');
    expect(en.body).toMatchObject({ title: 'No dossier has this code and tax code', detail: 'no dossier has this code and tax code' });
    const feedback = await t.http().post('/api/v1/public/feedback').send({ title: 'x', content: 'y', contact: { name: 'Tâm' } });
    expectProblem(feedback, 400, 'VALIDATION_FAILED');
    expect(feedback.body.errors).toEqual([{ pointer: '/contact/phone', detail: 'contact.phone: không phải số điện thoại Việt Nam hợp lệ' }]);
  });

  it('keeps the extension members a code adds', async () => {
    const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201);
    const res = await t.http().post(`/api/v1/dossiers/${d.id}/actions`).set(bearer(s.integration)).send({ action: 'approve' });
    expectProblem(res, 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
    expect(res.body).toMatchObject({ state: 'insurance-confirmation', availableActions: ['withdraw'] });
    const missing = await t.http().get(`/api/v1/dossiers/${randomUUID()}`).set(bearer(s.admin));
    expectProblem(missing, 404, 'DOSSIER_NOT_FOUND');
  });

  it('serves the page each type points to, in both languages, and 404 for an unknown code', async () => {
    const page = await t.http().get('/problems/DOSSIER_VERSION_CONFLICT').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(page.text).toContain('The dossier was changed by another request; read it again');
    expect(page.text).toContain('Hồ sơ vừa được thay đổi bởi một yêu cầu khác; vui lòng tải lại');
    const index = await t.http().get('/problems').expect(200);
    expect(index.text).toContain('href="/problems/VALIDATION_FAILED"');
    expectProblem(await t.http().get('/problems/NO_SUCH_CODE'), 404, 'NOT_FOUND');
    expectProblem(await t.http().get('/api/v1/nowhere').set(bearer(s.admin)), 404, 'NOT_FOUND');
  });
});
