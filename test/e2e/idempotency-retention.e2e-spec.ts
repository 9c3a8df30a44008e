import { IdempotencyRetention } from '../../src/dossiers/idempotency-retention.service';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const DAY = 86_400_000;

describe('Idempotency-Key retention (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ IDEMPOTENCY_RETENTION_DAYS: '7' });
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (): Promise<number> => (await t.db.query('SELECT count(*)::int AS n FROM idempotency_key'))[0].n;

  it('deletes stored answers older than IDEMPOTENCY_RETENTION_DAYS, in batches, once across concurrent passes; keeps the recent ones', async () => {
    const s = await staff(t.db);
    const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201);
    const confirm = () =>
      t.http().post(`/api/v1/dossiers/${d.id}/actions`).set(bearer(s.byStep['insurance-confirmation'])).set('Idempotency-Key', 'confirm-1').send({ action: 'confirm' });
    const first = await confirm().expect(200);
    expect((await confirm().expect(200)).body).toEqual(first.body);

    const now = new Date();
    const insert = (n: number, daysAgo: number) =>
      t.db.query(
        `INSERT INTO idempotency_key (principal_id, key, dossier_id, request_hash, status_code, response, created_at)
         SELECT 'p-' || $3 || '-' || i, 'k', $1, repeat('0', 64), 200, '{"workers":"personal data"}', $2 FROM generate_series(1, $4) AS i`,
        [d.id, new Date(now.getTime() - daysAgo * DAY), daysAgo, n],
      );
    await insert(2_100, 8); // three batches' worth
    await insert(5, 6);
    expect(await count()).toBe(2_106);

    const retention = t.app.get(IdempotencyRetention);
    const pruned = await Promise.all([retention.prune(now), retention.prune(now)]);
    expect(pruned[0] + pruned[1]).toBe(2_100);
    expect(await count()).toBe(6);
    expect(await retention.prune(now)).toBe(0);

    // Past the retention the key is forgotten: the same request is a new one, refused as the step moved on.
    expect(await retention.prune(new Date(now.getTime() + 7 * DAY + 60_000))).toBe(6);
    expect(await count()).toBe(0);
    expectProblem(await confirm(), 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
  });
});
