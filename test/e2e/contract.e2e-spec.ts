// The contract suite: walks both procedures to every final state, and the feedback, apologies,
// alerts, reports, outbox, public lookup and refusals, checking every request and answer against the
// OpenAPI document the service serves (test/support/contract.ts). Any answer its documented schema
// does not describe (a missing, mistyped or undocumented field, an unlisted status or media type)
// fails here; and every operation of the document must be called at least once with success.
// The walk goes through Stoplight Prism, a validating proxy (`prism proxy docs/openapi.json <service>
// --errors`), so that a second, independent reader of OpenAPI checks the same exchanges against the
// committed document: any violation it reports (its sl-violations header, or an answer it made itself)
// fails too. Only the requests the document itself forbids (which Prism would refuse in the
// service's stead) go to the service directly.
import FISHING from '../../examples/procedures/fishing-boat-support@1.json';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { Contract, type OpenApiDocument } from '../support/contract';
import { bearer, official, staff, submission } from '../support/factories';
import { type PrismProxy, prismViolations, startPrismProxy } from '../support/prism';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** The committed document, which clients are generated from (test/e2e/openapi.e2e-spec.ts keeps it the served one). */
const COMMITTED = join(__dirname, '../../docs/openapi.json');

type Who = { token: string } | null;
type Method = 'get' | 'post';
/** `direct`: a request the document forbids (a refusal the walk provokes), sent to the service, not through Prism. */
type Route = { direct?: boolean };

const VN = (local: string) => new Date(`${local}+07:00`);

describe('the OpenAPI contract, against live answers (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let doc: OpenApiDocument;
  let contract: Contract;
  let server: Server;
  let prism: PrismProxy;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '40' });
    s = await staff(t.db);
    doc = (await t.http().get('/docs-json').expect(200)).body as OpenApiDocument;
    contract = new Contract(doc);
    server = t.app.getHttpServer() as Server;
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    prism = await startPrismProxy(COMMITTED, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await prism?.stop();
    server?.close();
    await t?.close();
  });

  /** One request, through Prism unless told, its answer checked against the document by both. */
  async function call(method: Method, url: string, who: Who, body?: object, headers: Record<string, string> = {}, route: Route = {}): Promise<Response> {
    let req = (route.direct ? t.http() : request(prism.url))[method](url).set(headers);
    if (who) req = req.set(bearer(who));
    const res = await (body === undefined ? req : req.send(body));
    const problems = contract.check({ method: method.toUpperCase(), url, requestBody: body, status: res.status, contentType: res.headers['content-type'], body: res.body });
    const prismReported = route.direct ? [] : prismViolations(res.headers, res.body);
    expect({ url, status: res.status, problems, prismReported }).toEqual({ url, status: res.status, problems: [], prismReported: [] });
    return res;
  }
  const ok = async (method: Method, url: string, who: Who, body?: object, headers?: Record<string, string>) => {
    const res = await call(method, url, who, body, headers);
    expect({ url, status: res.status, body: res.status < 300 ? null : res.body }).toEqual({ url, status: res.status < 300 ? res.status : 200, body: null });
    return res.body;
  };
  const submit = async (procedureCode: string, overrides: Record<string, unknown> = {}) => ok('post', '/api/v1/dossiers', s.integration, submission({ procedureCode, ...overrides }));
  const act = (id: string, who: Who, body: object) => ok('post', `/api/v1/dossiers/${id}/actions`, who, body);
  const official_ = (step: string) => s.byStep[step];
  const reject = { action: 'reject', ground: 'ineligible', reason: 'Người lao động không thuộc đối tượng được hỗ trợ' };

  /** Every read of a dossier a client may make, checked at each state it reaches. */
  async function readAll(id: string) {
    await ok('get', `/api/v1/dossiers/${id}`, s.admin);
    await ok('get', `/api/v1/dossiers/${id}/history`, s.admin);
    await ok('get', `/api/v1/dossiers/${id}/eligibility`, s.admin);
    const documents = await ok('get', `/api/v1/dossiers/${id}/documents`, s.admin);
    for (const d of documents as { href: string }[]) {
      await ok('get', d.href, s.admin);
      await ok('get', d.href, s.admin, undefined, { Accept: 'application/pdf' });
    }
  }

  it('has a checker that refuses what the document does not describe', () => {
    const page = { method: 'GET', url: '/api/v1/dossiers', status: 200, contentType: 'application/json' };
    expect(contract.check({ ...page, body: { items: [], page: 1, pageSize: 20, total: 0, nextCursor: null } })).toEqual([]);
    const wrong = [
      contract.check({ ...page, url: '/api/v1/dossiers?page=first&colour=red', body: { items: [], page: 1, pageSize: 20, total: 0, nextCursor: null } }),
      contract.check({ ...page, body: { items: [{ id: 'not-a-uuid' }], page: 1, pageSize: 20, total: 0, nextCursor: null } }),
      contract.check({ ...page, body: { items: [], page: 1, pageSize: 20, total: 0, cursor: 'x' } }),
      contract.check({ ...page, status: 418, body: {} }),
      contract.check({ ...page, contentType: 'text/plain', body: 'x' }),
      contract.check({ ...page, url: '/api/v1/nowhere', body: {} }),
      // null only where the schema allows it.
      contract.check({ ...page, body: { items: [], page: null, pageSize: 20, total: 0 } }),
    ];
    for (const problems of wrong) expect(problems.length).toBeGreaterThan(0);
    // The schemas are read as JSON Schema 2020-12 reads them: OpenAPI 3.0's `nullable`, which it would ignore, is refused.
    const leftover = { ...doc, components: { schemas: { ...doc.components.schemas, Leftover: { type: 'object', nullable: true } } } };
    expect(() => new Contract(leftover)).toThrow(/nullable/);
    expect(() => new Contract({ ...doc, openapi: '3.0.3' })).toThrow(/3\.1/);
    contract.seen.clear();
  });

  it('serves the procedures and the health check', async () => {
    expect(await ok('get', '/api/v1/procedures', null)).toHaveLength(2);
    await ok('get', '/health', null);
    await ok('get', '/api/v1/health', null);
    await ok('get', '/health/live', null);
    await ok('get', '/health/ready', null);
  });

  it('walks unpaid-leave-support to approved, its result returned, and looked up by the applicant', async () => {
    const body = submission({ procedureCode: 'unpaid-leave-support' });
    const d = await ok('post', '/api/v1/dossiers', s.integration, body);
    expect((await call('post', '/api/v1/dossiers', s.integration, body)).status).toBe(200);
    await act(d.id, official_('insurance-confirmation'), { action: 'confirm', comment: 'Đã xác nhận', signature: { certificateSerial: '5402A1', signedAt: '2020-05-12T10:00:00+07:00' } });
    await act(d.id, official_('district-appraisal'), { action: 'appraise' });
    const approved = await act(d.id, official_('provincial-approval'), { action: 'approve', expectedVersion: 3 });
    expect(approved.status).toBe('approved');
    await ok('post', `/api/v1/dossiers/${d.id}/result-returned`, s.integration, { comment: 'Đã trả kết quả' });
    await readAll(d.id);
    await ok('get', `/api/v1/public/dossiers/${encodeURIComponent(d.portalCode)}?taxCode=${body.applicant.taxCode}`, null);
  });

  it('walks unpaid-leave-support to rejected, and through a supplement to withdrawn', async () => {
    const a = await submit('unpaid-leave-support');
    expect((await act(a.id, official_('insurance-confirmation'), reject)).status).toBe('rejected');
    await readAll(a.id);

    const b = await submit('unpaid-leave-support');
    await act(b.id, official_('insurance-confirmation'), { action: 'confirm' });
    await act(b.id, official_('district-appraisal'), {
      action: 'request-supplement', reason: 'Thiếu danh sách', items: [{ document: 'Danh sách người lao động (Mẫu số 01)', form: 'electronic', note: null }],
    });
    await act(b.id, s.integration, { action: 'supplement', data: { attachments: [{ name: 'bo-sung.pdf', sha256: 'b'.repeat(64) }] } });
    expect((await act(b.id, s.integration, { action: 'withdraw', comment: 'Doanh nghiệp rút hồ sơ' })).status).toBe('withdrawn');
    await readAll(b.id);
  });

  it('walks wage-loan-support to disbursed, to rejected by the bank and to withdrawn', async () => {
    const through = ['insurance-confirmation', 'district-appraisal', 'provincial-approval'] as const;
    const steps = { 'insurance-confirmation': 'confirm', 'district-appraisal': 'appraise', 'provincial-approval': 'approve' };
    const ends = [
      [official_('bank-lending'), { action: 'disburse', data: { contractNumber: 'HD-2020-01', amount: 8500000 } }, 'disbursed'],
      [official_('bank-lending'), reject, 'rejected'],
      [s.integration, { action: 'withdraw', comment: 'Doanh nghiệp rút hồ sơ vay' }, 'withdrawn'],
    ] as const;
    for (const [who, last, status] of ends) {
      const d = await submit('wage-loan-support');
      for (const step of through) await act(d.id, official_(step), { action: steps[step] });
      expect((await act(d.id, who, last)).status).toBe(status);
      await readAll(d.id);
    }
  });

  it('lists dossiers, with every filter', async () => {
    for (const query of ['', '?status=approved', '?procedure=wage-loan-support&state=bank-lending', '?overdue=true', '?page=2&pageSize=2']) {
      await ok('get', `/api/v1/dossiers${query}`, s.admin);
    }
    await ok('get', '/api/v1/dossiers', official_('district-appraisal'));
  });

  it('opens deadline alerts and sends an apology letter, in JSON, HTML and PDF', async () => {
    t.clock.set(VN('2020-05-12T09:30:00'));
    const d = await submit('unpaid-leave-support');
    await t.db.query('UPDATE dossier SET receipt_due_at = NULL WHERE id = $1', [d.id]);
    t.clock.set(VN('2020-05-14T17:00:00'));
    await t.app.get(DeadlinePassService).run(t.clock.now());
    for (const query of ['', '?kind=near-due', '?kind=overdue&page=1&pageSize=5']) await ok('get', `/api/v1/deadlines/alerts${query}`, s.admin);
    expect((await ok('get', '/api/v1/deadlines/alerts', official_('insurance-confirmation'))).length).toBeGreaterThan(0);

    const letter = await ok('post', `/api/v1/dossiers/${d.id}/apologies`, official_('insurance-confirmation'), {
      reason: 'Chờ BHXH tỉnh xác minh thời gian đóng bảo hiểm', newReturnDate: '2020-05-26',
    });
    await ok('get', `/api/v1/dossiers/${d.id}/apologies`, s.admin);
    for (const accept of ['application/json', 'text/html', 'application/pdf']) {
      await ok('get', `/api/v1/dossiers/${d.id}/apologies/${letter.id}`, s.admin, undefined, { Accept: accept });
    }
    await readAll(d.id);
  });

  it('reports the processing, in JSON by every grouping, and in CSV', async () => {
    for (const groupBy of ['unit', 'procedure', 'official', 'step']) {
      await ok('get', `/api/v1/reports/processing?groupBy=${groupBy}&from=2020-05-01&to=2020-05-31`, s.admin);
    }
    await ok('get', '/api/v1/reports/processing?procedure=wage-loan-support&lang=en', s.admin, undefined, { Accept: 'text/csv' });
  });

  it('answers the dossier register (form 06) in JSON, CSV, HTML and PDF', async () => {
    const unit = official_('insurance-confirmation').unitCode;
    const url = `/api/v1/reports/register?unit=${unit}&from=2020-05-01&to=2020-05-31`;
    const register = await ok('get', url, s.admin);
    expect(register.total).toBeGreaterThan(0);
    await ok('get', url, official_('insurance-confirmation'));
    for (const accept of ['text/csv', 'text/html', 'application/pdf']) await ok('get', url, s.admin, undefined, { Accept: accept });
    expectProblem(await call('get', url, official_('district-appraisal')), 403, 'REPORT_UNIT_FORBIDDEN');
    expectProblem(await call('get', '/api/v1/reports/register?unit=NO-SUCH-UNIT&from=2020-05-01&to=2020-05-31', s.admin), 404, 'REPORT_UNIT_NOT_FOUND');
  });

  it('handles a feedback from the public and one from the portal, to published and to closed', async () => {
    t.clock.set(VN('2020-05-15T10:00:00'));
    const answerer = await official(t.db, 'district-pc');
    const sent = await ok('post', '/api/v1/public/feedback', null, {
      title: 'Chậm chi trả hỗ trợ', content: 'Hồ sơ của công ty đã nộp từ lâu.', contact: { name: 'Nguyễn Văn Tâm', phone: '0905123456', address: '12 Quang Trung, TP Quảng Ngãi' },
    });
    await ok('get', '/api/v1/feedback', s.admin);
    await ok('get', `/api/v1/feedback/${sent.id}`, s.admin);
    await ok('post', `/api/v1/feedback/${sent.id}/actions`, s.admin, { action: 'assign', data: { unitCode: answerer.unitCode } });
    await ok('post', `/api/v1/feedback/${sent.id}/actions`, answerer, { action: 'answer', data: { answer: 'Đề nghị liên hệ bộ phận một cửa.' } });
    const returned = await ok('post', `/api/v1/feedback/${sent.id}/actions`, s.admin, { action: 'return', data: { reason: 'Câu trả lời không đúng nội dung phản ánh' } });
    expect(returned).toMatchObject({ state: 'assigned', answer: null, returnReason: 'Câu trả lời không đúng nội dung phản ánh' });
    await ok('post', `/api/v1/feedback/${sent.id}/actions`, answerer, { action: 'answer', data: { answer: 'Hồ sơ đã được giải quyết.' } });
    await ok('get', `/api/v1/public/feedback/${sent.trackingCode}?contact=0905123456`, null);
    await ok('post', `/api/v1/feedback/${sent.id}/actions`, s.admin, { action: 'publish' });
    await ok('get', `/api/v1/feedback/${sent.id}/history`, s.admin);
    await ok('get', '/api/v1/public/feedback?page=1&pageSize=10', null);
    await ok('get', `/api/v1/public/feedback/${sent.trackingCode}`, null);

    const portal = {
      title: 'Hỏi về hồ sơ vay', content: 'Khi nào được giải ngân?', contact: { name: 'Lê Thị Hoa', email: 'hoa@example.vn' },
      portalCode: `PAKN-DVCQG-2020-${Date.now()}`, receivedAt: '2020-05-14T09:00:00+07:00',
    };
    const delivered = await ok('post', '/api/v1/feedback', s.integration, portal);
    expect((await call('post', '/api/v1/feedback', s.integration, portal)).status).toBe(200);
    await ok('post', `/api/v1/feedback/${delivered.id}/actions`, s.admin, { action: 'close', data: { reason: 'Không thuộc thẩm quyền' } });
    await ok('get', '/api/v1/feedback?page=1&pageSize=5', answerer);
  });

  it('lists the portal outbox by state and retries a failed message', async () => {
    for (const query of ['', '?state=pending', '?state=failed', '?state=delivered&page=1&pageSize=5']) await ok('get', `/api/v1/integration/outbox${query}`, s.admin);
    // The feedback published above queued its answer for the portal beside the dossiers' statuses.
    const pending = await ok('get', '/api/v1/integration/outbox?state=pending&pageSize=200', s.admin);
    expect(pending.items.filter((m: { type: string }) => m.type === 'feedback.published')).toEqual([
      expect.objectContaining({ dossierId: null, feedbackId: expect.any(String), payload: expect.objectContaining({ type: 'feedback.published' }) }),
    ]);
    const [[{ id }]] = await t.db.query(`UPDATE outbox_message SET state = 'failed', last_error = 'HTTP 500' WHERE seq = (SELECT min(seq) FROM outbox_message) RETURNING id`);
    await ok('post', `/api/v1/integration/outbox/${id}/retry`, s.admin);
    expectProblem(await call('post', `/api/v1/integration/outbox/${id}/retry`, s.admin), 409, 'OUTBOX_MESSAGE_NOT_FAILED');
  });

  it('answers refusals as documented problem details', async () => {
    const d = await submit('unpaid-leave-support');
    const bad = submission();
    expectProblem(await call('post', '/api/v1/dossiers', s.integration, { ...bad, workers: [{ ...bad.workers[0], idNumber: 'x' }] }), 400, 'VALIDATION_FAILED');
    expectProblem(await call('post', '/api/v1/dossiers', s.integration, { ...submission(), portalCode: d.portalCode }), 409, 'DOSSIER_PORTAL_CODE_CONFLICT');
    expectProblem(await call('post', '/api/v1/dossiers', s.integration, submission({ submittedAt: '2020-06-01T09:00:00+07:00' })), 422, 'DOSSIER_SUBMITTED_IN_FUTURE');
    // The document forbids a request without the token: Prism refuses it in the service's stead, so the service is asked directly.
    const unauthenticated = await request(prism.url).get('/api/v1/dossiers');
    expect(prismViolations(unauthenticated.headers, unauthenticated.body)).toEqual([expect.stringMatching(/^prism answered UNAUTHORIZED/)]);
    expectProblem(await call('get', '/api/v1/dossiers', null, undefined, {}, { direct: true }), 401, 'AUTH_TOKEN_MISSING');
    expectProblem(await call('post', '/api/v1/dossiers', official_('insurance-confirmation'), submission()), 403);
    expectProblem(await call('get', '/api/v1/dossiers/00000000-0000-4000-8000-000000000000', s.admin), 404, 'DOSSIER_NOT_FOUND');
    expectProblem(await call('get', '/api/v1/dossiers/not-a-uuid', s.admin), 400);
    expectProblem(await call('post', `/api/v1/dossiers/${d.id}/actions`, official_('district-appraisal'), { action: 'confirm' }), 403, 'DOSSIER_ACTION_FORBIDDEN');
    expectProblem(await call('post', `/api/v1/dossiers/${d.id}/actions`, s.integration, { action: 'supplement', data: {} }), 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
    expectProblem(
      await call('post', `/api/v1/dossiers/${d.id}/actions`, official_('insurance-confirmation'), { action: 'request-supplement', reason: 'nộp bản giấy', channel: 'paper' }),
      422, 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN',
    );
    expectProblem(await call('get', '/api/v1/deadlines/alerts', s.integration), 403, 'PRINCIPAL_KIND_FORBIDDEN');
    expectProblem(await call('get', '/api/v1/public/feedback/PAKN.20200101.9999', null), 404);
    expectProblem(await call('get', `/api/v1/public/dossiers/${encodeURIComponent(d.portalCode)}?taxCode=0000000000`, null), 404);
  });

  it('answers 429 on a public route past its rate', async () => {
    let res: Response | undefined;
    for (let i = 0; i < 50 && res?.status !== 429; i++) res = await call('get', '/api/v1/public/feedback', null);
    expectProblem(res!, 429);
  });

  it('deploys, lists and shows procedure definitions', async () => {
    await ok('get', '/api/v1/procedure-definitions/schema', s.admin);
    await ok('post', '/api/v1/procedure-definitions', s.admin, FISHING);
    await ok('post', '/api/v1/procedure-definitions?check=true', s.admin, FISHING);
    await ok('get', '/api/v1/procedure-definitions', s.admin);
    await ok('get', '/api/v1/procedure-definitions/fishing-boat-support?version=1', s.admin);
  });

  it('called every operation of the document with success', () => {
    const missed = contract.operationIds.filter((id) => ![...(contract.seen.get(id) ?? [])].some((status) => status < 300));
    expect(missed).toEqual([]);
  });
});
