import { WorkingCalendar } from '../../src/calendar/core';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

type Case = [name: string, status: number, send: (ctx: Ctx) => Promise<import('supertest').Response>];
interface Ctx {
  t: TestApp;
  auth: Record<string, string>;
  official: Record<string, string>;
  admin: Record<string, string>;
  id: string;
  /** A dossier awaiting a supplement. */
  waiting: string;
}

const valid = () => submission();
const withApplicant = (patch: Record<string, unknown>) => ({ ...valid(), applicant: { ...valid().applicant, ...patch } });
const withWorker = (patch: Record<string, unknown>) => {
  const body = valid();
  return { ...body, workers: [{ ...body.workers[0], ...patch }] };
};
/** Two workers with one ID number (each valid() draws new ones). */
const twice = () => {
  const [a, b] = valid().workers;
  return [a, { ...b, idNumber: a.idNumber }];
};
const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });

const post = (c: Ctx, body: unknown) => c.t.http().post('/api/v1/dossiers').set(c.auth).send(body as object);
const act = (c: Ctx, body: unknown, id = c.id) => c.t.http().post(`/api/v1/dossiers/${id}/actions`).set(c.official).send(body as object);
const supplement = (c: Ctx, data: unknown) =>
  c.t.http().post(`/api/v1/dossiers/${c.waiting}/actions`).set(c.auth).send({ action: 'supplement', data } as object);
const apologise = (c: Ctx, newReturnDate: string) =>
  c.t.http().post(`/api/v1/dossiers/${c.id}/apologies`).set(c.official).send({ reason: 'Chờ xác minh', newReturnDate });
const report = (c: Ctx, query: string) => c.t.http().get(`/api/v1/reports/processing?${query}`).set(c.admin);
/** A working day about a month after the test clock (the real clock here), as YYYY-MM-DD. */
const workingDayAhead = (c: Ctx) => {
  const calendar = new WorkingCalendar();
  const closing = calendar.addWorkingDays(new Date(c.t.clock.now().getTime() + 30 * 86_400_000), 1);
  return new Date(closing.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
};

const CASES: Case[] = [
  ['broken JSON', 400, (c) => c.t.http().post('/api/v1/dossiers').set(c.auth).set('Content-Type', 'application/json').send('{"portalCode": ')],
  ['a JSON array', 400, (c) => post(c, [])],
  ['a bare JSON string', 400, (c) => c.t.http().post('/api/v1/dossiers').set(c.auth).set('Content-Type', 'application/json').send('"x"')],
  ['an empty object', 400, (c) => post(c, {})],
  ['text/plain body', 400, (c) => c.t.http().post('/api/v1/dossiers').set(c.auth).set('Content-Type', 'text/plain').send('portalCode=x')],
  ['an unknown top-level field', 400, (c) => post(c, { ...valid(), isAdmin: true })],
  ['an unknown applicant field', 400, (c) => post(c, withApplicant({ role: 'x' }))],
  ['a 65-character portalCode', 400, (c) => post(c, { ...valid(), portalCode: 'A'.repeat(65) })],
  ['a portalCode with spaces', 400, (c) => post(c, { ...valid(), portalCode: 'abc def' })],
  ['an unknown procedure', 400, (c) => post(c, { ...valid(), procedureCode: 'house-building-support' })],
  ['submittedAt without an offset', 400, (c) => post(c, { ...valid(), submittedAt: '2020-05-12T09:30:00' })],
  ['submittedAt on 31 February', 400, (c) => post(c, { ...valid(), submittedAt: '2020-02-31T09:30:00+07:00' })],
  ['a tax code with a wrong check digit', 400, (c) => post(c, withApplicant({ taxCode: '4300123459' }))],
  ['a letter province code', 400, (c) => post(c, withApplicant({ provinceCode: 'ab' }))],
  ['a bad phone', 400, (c) => post(c, withApplicant({ phone: '12345' }))],
  ['applicant null', 400, (c) => post(c, { ...valid(), applicant: null })],
  ['no workers', 400, (c) => post(c, { ...valid(), workers: [] })],
  ['workers as an object', 400, (c) => post(c, { ...valid(), workers: { 0: valid().workers[0] } })],
  ['an 11-digit ID number', 400, (c) => post(c, withWorker({ idNumber: '05119000012' }))],
  ['a worker ending before starting', 400, (c) => post(c, withWorker({ from: '2020-06-30', to: '2020-04-01' }))],
  ['a worker ID number twice', 400, (c) => post(c, { ...valid(), workers: twice() })],
  // A supplement's workers pass the submission's checks, the cross-field ones too.
  ['a supplement with a worker ID number twice', 400, (c) => supplement(c, { workers: twice() })],
  ['a supplement with a worker ending before starting', 400, (c) => supplement(c, { workers: [{ ...valid().workers[0], from: '2020-06-30', to: '2020-04-01' }] })],
  ['a supplement with workers null', 400, (c) => supplement(c, { workers: null })],
  ['a supplement with an 11-digit ID number', 400, (c) => supplement(c, { workers: [{ ...valid().workers[0], idNumber: '05119000012' }] })],
  ['a supplement adding a loan to unpaid leave', 400, (c) => supplement(c, { loan: { amount: 1, months: 1, bankBranch: 'x' } })],
  ['a supplement with an unknown field', 400, (c) => supplement(c, { applicant: { name: 'x' } })],
  // Signed or not is fixed at receipt (it decides the paper rule): no supplement removes or changes it.
  ['a supplement removing the signature', 400, (c) => supplement(c, { signature: null })],
  ['a supplement replacing the signature', 400, (c) => supplement(c, { signature: valid().signature })],
  ['a negative wage', 400, (c) => post(c, withWorker({ wage: -1 }))],
  ['a date of 2020-13-01', 400, (c) => post(c, withWorker({ from: '2020-13-01' }))],
  ['an uppercase sha256', 400, (c) => post(c, { ...valid(), attachments: [{ name: 'a.pdf', sha256: 'A'.repeat(64) }] })],
  ['a wage loan without loan', 400, (c) => post(c, { ...submission({ procedureCode: 'wage-loan-support' }), loan: null })],
  ['a loan of 4 months', 400, (c) => post(c, { ...submission({ procedureCode: 'wage-loan-support' }), loan: { amount: 1, months: 4, bankBranch: 'x' } })],
  ['a __proto__ key', 400, (c) => c.t.http().post('/api/v1/dossiers').set(c.auth).set('Content-Type', 'application/json').send(`{"__proto__": {"admin": true}, ${JSON.stringify(valid()).slice(1)}`)],
  ['500 levels of nesting', 400, (c) => post(c, { ...valid(), applicant: nested(500) })],
  ['a 6 MB body', 413, (c) => post(c, { ...valid(), padding: 'x'.repeat(6 * 1024 * 1024) })],
  ['a non-uuid dossier id', 400, (c) => c.t.http().get('/api/v1/dossiers/not-a-uuid').set(c.auth)],
  ['an unknown dossier id', 404, (c) => c.t.http().get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000').set(c.auth)],
  ['page=0', 400, (c) => c.t.http().get('/api/v1/dossiers?page=0').set(c.auth)],
  ['pageSize=10000', 400, (c) => c.t.http().get('/api/v1/dossiers?pageSize=10000').set(c.auth)],
  ['page=abc', 400, (c) => c.t.http().get('/api/v1/dossiers?page=abc').set(c.auth)],
  ['an unknown status', 400, (c) => c.t.http().get('/api/v1/dossiers?status=lost').set(c.auth)],
  ['overdue=maybe', 400, (c) => c.t.http().get('/api/v1/dossiers?overdue=maybe').set(c.auth)],
  ['a repeated status', 400, (c) => c.t.http().get('/api/v1/dossiers?status=approved&status=rejected').set(c.auth)],
  ['an unknown query parameter', 400, (c) => c.t.http().get('/api/v1/dossiers?sort=name').set(c.auth)],
  ['an unknown action', 400, (c) => act(c, { action: 'fast-track' })],
  ['submit as an action', 400, (c) => act(c, { action: 'submit' })],
  ['expectedVersion as text', 400, (c) => act(c, { action: 'confirm', expectedVersion: 'abc' })],
  ['data as a string', 400, (c) => act(c, { action: 'confirm', data: 'x' })],
  ['a channel of fax', 400, (c) => act(c, { action: 'request-supplement', reason: 'x', channel: 'fax' })],
  ['an action on an unknown dossier', 404, (c) => act(c, { action: 'confirm' }, '00000000-0000-4000-8000-000000000000')],
  ['an Idempotency-Key with spaces', 400, (c) => act(c, { action: 'confirm' }).set('Idempotency-Key', 'a b')],
  ['an unknown route', 404, (c) => c.t.http().get('/api/v1/nothing-here').set(c.auth)],
  ['a history of a non-uuid', 400, (c) => c.t.http().get('/api/v1/dossiers/%00/history').set(c.auth)],
  // Dates outside the working calendar's 2000–2100 are refused before the calendar is asked.
  ['an apology newReturnDate of 2101-01-03', 400, (c) => apologise(c, '2101-01-03')],
  ['an apology newReturnDate of 1999-06-01', 400, (c) => apologise(c, '1999-06-01')],
  ['an apology newReturnDate of 0000-01-03', 400, (c) => apologise(c, '0000-01-03')],
  ['an apology newReturnDate in 2150 at 10:00', 400, (c) => apologise(c, '2150-01-01T10:00:00+07:00')],
  ['an apology newReturnDate in year 10000 in Vietnam', 400, (c) => apologise(c, '9999-12-31T23:00:00-12:00')],
  ['an apology newReturnDate at 03:00', 400, (c) => apologise(c, `${workingDayAhead(c)}T03:00:00+07:00`)],
  ['an apology newReturnDate at 17:30', 400, (c) => apologise(c, `${workingDayAhead(c)}T17:30:00+07:00`)],
  ['a report from year 0', 400, (c) => report(c, 'from=0000-01-01')],
  ['a report to year 10000 in Vietnam', 400, (c) => report(c, `to=${encodeURIComponent('9999-12-31T23:59:00-12:00')}`)],
];

describe('malformed requests (e2e)', () => {
  const ctx = {} as Ctx;

  beforeAll(async () => {
    ctx.t = await createTestApp();
    const s = await staff(ctx.t.db);
    ctx.auth = bearer(s.integration);
    ctx.official = bearer(s.byStep['insurance-confirmation']);
    ctx.admin = bearer(s.admin);
    ctx.id = (await post(ctx, valid()).expect(201)).body.id;
    ctx.waiting = (await post(ctx, valid()).expect(201)).body.id;
    await act(ctx, { action: 'request-supplement', reason: 'thiếu danh sách', channel: 'online' }, ctx.waiting).expect(200);
  });
  afterAll(() => ctx.t.close());

  it(`has at least 25 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(25));

  it.each(CASES)('%s → %i, never a 5xx, nothing written', async (_name, status, send) => {
    const counts = 'SELECT (SELECT count(*) FROM dossier)::int AS d, (SELECT count(*) FROM dossier_event)::int AS e, (SELECT count(*) FROM apology)::int AS a';
    const before = await ctx.t.db.query(counts);
    const res = await send(ctx);
    expectProblem(res, status);
    if (status === 400) expect(JSON.stringify(res.body.message).length).toBeGreaterThan(2);
    const after = await ctx.t.db.query(counts);
    expect(after).toEqual(before);
  });

  it.each([
    ['2101-01-03', 'APOLOGY_RETURN_DATE_TOO_FAR'],
    ['2150-01-01T10:00:00+07:00', 'APOLOGY_RETURN_DATE_TOO_FAR'],
    ['1999-06-01', 'APOLOGY_RETURN_DATE_IN_PAST'],
    ['0000-01-03', 'APOLOGY_RETURN_DATE_IN_PAST'],
  ])('an apology for %s is a 400 %s naming newReturnDate', async (date, code) => {
    const res = await apologise(ctx, date);
    expectProblem(res, 400, code);
    expect(res.body.message.join(' ')).toMatch(/newReturnDate/);
  });

  it('refuses an apology time outside office hours, naming newReturnDate', async () => {
    const res = await apologise(ctx, `${workingDayAhead(ctx)}T03:00:00+07:00`);
    expectProblem(res, 400, 'APOLOGY_RETURN_DATE_OUTSIDE_OFFICE_HOURS');
    expect(res.body.message.join(' ')).toMatch(/newReturnDate .* outside office hours/);
  });

  it('names every invalid field in one answer', async () => {
    const body = withApplicant({ taxCode: '1', provinceCode: 'x' });
    const res = await post(ctx, { ...body, submittedAt: 'yesterday' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    const text = res.body.message.join('\n');
    expect(text).toMatch(/applicant\.taxCode/);
    expect(text).toMatch(/applicant\.provinceCode/);
    expect(text).toMatch(/submittedAt/);
  });
});
