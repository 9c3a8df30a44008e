// The scale bench's generated year is as good as a served one: every history chain verifies
// through the API, every state is there, and the rows agree with their histories.
import { generateScale, PROVINCES } from '../../bench/scale-data';
import { verifyChain } from '../../src/common/history-hash';
import { bearer, token } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const COUNT = 3000;

describe('bench:scale generator', () => {
  let t: TestApp;
  let admin: { token: string };

  beforeAll(async () => {
    t = await createTestApp();
    await generateScale(t.databaseUrl, COUNT);
    admin = await token(t.db, 'admin');
  }, 120_000);
  afterAll(() => t.close());

  it('generates every state, supplements, apologies and a spread over the provinces and two years', async () => {
    const [counts] = await t.db.query(`SELECT count(*)::int AS dossiers, count(DISTINCT province_code)::int AS provinces,
                                              min(received_at) AS first, max(received_at) AS last FROM dossier`);
    expect(counts.dossiers).toBe(COUNT);
    expect(counts.provinces).toBeGreaterThan(PROVINCES.length * 0.8);
    expect(counts.last.getTime() - counts.first.getTime()).toBeGreaterThan(600 * 86_400_000);
    const states = (await t.db.query(`SELECT DISTINCT state FROM dossier`)).map((r: { state: string }) => r.state).sort();
    expect(states).toEqual(['approved', 'awaiting-supplement', 'bank-lending', 'disbursed', 'district-appraisal', 'insurance-confirmation', 'provincial-approval', 'rejected', 'withdrawn']);
    const [{ supplements }] = await t.db.query(`SELECT count(*)::int AS supplements FROM dossier_event WHERE action = 'supplement'`);
    expect(supplements).toBeGreaterThan(0);
    const [{ apologies }] = await t.db.query(`SELECT count(*)::int AS apologies FROM apology`);
    expect(apologies).toBeGreaterThan(0);
  });

  it('keeps each row at its history: version = last seq, head_hash = last hash, one outbox message per event', async () => {
    const [bad] = await t.db.query(`
      SELECT count(*) FILTER (WHERE d.version <> l.seq OR d.head_hash <> l.hash OR d.state <> l.to_state)::int AS rows,
             (SELECT count(*) FROM dossier_event)::int - (SELECT count(*) FROM outbox_message)::int AS outbox
        FROM dossier d JOIN LATERAL (SELECT * FROM dossier_event e WHERE e.dossier_id = d.id ORDER BY seq DESC LIMIT 1) l ON true`);
    expect(bad).toEqual({ rows: 0, outbox: 0 });
  });

  it('answers a history that verifies for dossiers of every state, through the API', async () => {
    const sample: { id: string; state: string }[] = await t.db.query(`SELECT DISTINCT ON (state, version) id, state FROM dossier ORDER BY state, version, id`);
    expect(sample.length).toBeGreaterThan(9);
    for (const { id, state } of sample) {
      const res = await t.http().get(`/api/v1/dossiers/${id}/history`).set(bearer(admin));
      expect(res.status).toBe(200);
      const events = res.body.items ?? res.body;
      expect(verifyChain(events)).toBeNull();
      expect(events.at(-1).toState).toBe(state);
      const view = await t.http().get(`/api/v1/dossiers/${id}`).set(bearer(admin));
      expect(view.status).toBe(200);
    }
  });
});
