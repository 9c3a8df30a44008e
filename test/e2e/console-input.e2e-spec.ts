import { AppLogger } from '../../src/common/app-logger';
import { consoleSignIn } from '../support/console';
import { bearer, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// The console's request parsing: crafted input is a 4xx (or the overview as the return address),
// never a 500, and never an error line a client could fill the log with.
jest.setTimeout(30_000);

describe('supervision console: bad input (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let dossierId: string;
  const errors = jest.spyOn(AppLogger.prototype, 'error');

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    dossierId = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body.id;
  });
  beforeEach(() => errors.mockClear());
  afterEach(() => expect(errors).not.toHaveBeenCalled());
  afterAll(() => t.close());

  /** The sign-in form's cookie and token, then a sign-in posted with `next` as given (raw, url-encoded). */
  async function signInWith(nextEncoded: string) {
    const form = await t.http().get('/console/sign-in').expect(200);
    const cookie = String(form.headers['set-cookie']?.[0]).split(';')[0];
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)![1];
    return t.http().post('/console/sign-in').set('Cookie', cookie).type('form').send(`csrf=${csrf}&token=${s.admin.token}&next=${nextEncoded}`);
  }

  it.each([
    ['a non-ASCII character', '%2Fconsole%2Fdossiers%2F%C3%A9'],
    ['%00', '%2Fconsole%2F%00'],
    ['%7F', '%2Fconsole%2F%7F'],
    ['a space', '%2Fconsole%2Fa%20b'],
    ['CR LF', '%2Fconsole%2F%0D%0ASet-Cookie%3A%20x%3D1'],
    ['another site', '%2F%2Fevil.example'],
  ])('sends a signed-in official to the overview when the return address carries %s', async (_what, next) => {
    const res = await signInWith(next);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/console/overview');
  });

  it('keeps a return address that a header carries', async () => {
    const res = await signInWith(encodeURIComponent('/console/alerts?kind=overdue&unit=%C3%A9'));
    expect(res.headers.location).toBe('/console/alerts?kind=overdue&unit=%C3%A9');
  });

  it('takes a repeated return address as none, on the sign-in page and the language switch', async () => {
    const page = await t.http().get('/console/sign-in?next=/console/alerts&next=/console/overview').expect(200);
    expect(page.text).toContain('name="next" value="/console/overview"');
    const lang = await t.http().get('/console/language?to=en&next=/console/alerts&next=x').expect(303);
    expect(lang.headers.location).toBe('/console/overview');
  });

  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf'])('answers 404 for the static asset %s', async (name) => {
    await t.http().get(`/console/static/${name}`).expect(404);
  });

  it.each([
    ['an array', ['a', 'b']],
    ['an object', { a: 1 }],
    ['a number', 1],
    ['null', null],
  ])('refuses a sign-in whose token is %s with 400 naming the field', async (_what, token) => {
    const form = await t.http().get('/console/sign-in');
    const cookie = String(form.headers['set-cookie']?.[0]).split(';')[0];
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)![1];
    const res = await t.http().post('/console/sign-in').set('Cookie', cookie).send({ csrf, token, next: '/console/overview' }).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ pointer: '/token' })] });
  });

  it.each([
    ['an array', { comment: ['a', 'b'] }],
    ['an object', { reason: { $gt: '' } }],
    ['a number', { expectedVersion: 1 }],
    ['a boolean', { action: true }],
  ])('refuses an action whose form field is %s (400) and changes nothing', async (_what, field) => {
    const { cookie } = await consoleSignIn(t, s.byStep['insurance-confirmation'].token);
    const page = await t.http().get(`/console/dossiers/${dossierId}`).set('Cookie', cookie!).expect(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await t.http().post(`/console/dossiers/${dossierId}/actions`).set('Cookie', cookie!).send({ csrf, action: 'confirm', ...field });
    expect(res.status).toBe(400);
    expect(res.text).toContain('VALIDATION_FAILED');
    const { body } = await t.http().get(`/api/v1/dossiers/${dossierId}`).set(bearer(s.admin)).expect(200);
    expect(body.state).toBe('insurance-confirmation');
  });

  it('refuses a body that is not an object, signed in or not', async () => {
    await t.http().post('/console/sign-in').send([1, 2]).expect(400);
    await t.http().post('/console/sign-in').send('"text"').set('Content-Type', 'application/json').expect(400);
  });
});
