import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/data-source';
import { createTestDatabase } from '../support/database';
import { staff, submission } from '../support/factories';
import { startService, type ServiceProcess } from '../support/service-process';
import { expectConsistentHistories } from '../support/verify';

jest.setTimeout(120_000);

describe('kill -9 of the service (e2e, real process)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let s: Awaited<ReturnType<typeof staff>>;
  let service: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    s = await staff(db);
    service = await startService(database.url);
  });
  afterAll(async () => {
    await service?.kill();
    await db.destroy();
    await database.drop();
  });

  const call = async (method: string, path: string, who: { token: string }, body?: object) => {
    const res = await fetch(`${service.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('resumes a dossier from its stored snapshot after kill -9', async () => {
    const created = await call('POST', '/dossiers', s.integration, submission({ procedureCode: 'wage-loan-support' }));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await call('POST', `/dossiers/${id}/actions`, s.byStep['insurance-confirmation'], { action: 'confirm' })).status).toBe(200);

    await service.kill();
    service = await startService(database.url);

    const after = await call('GET', `/dossiers/${id}`, s.byStep['district-appraisal']);
    expect(after.body).toMatchObject({ state: 'district-appraisal', version: 2, availableActions: ['appraise', 'reject', 'request-supplement'] });
    expect((await call('POST', `/dossiers/${id}/actions`, s.byStep['district-appraisal'], { action: 'appraise' })).body.state).toBe('provincial-approval');
  });

  it('loses no answered action and half-applies nothing when killed mid-stream', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await call('POST', '/dossiers', s.integration, submission())).body.id);
    const answered: string[] = [];
    const stream = ids.map(async (id) => {
      for (const [step, action] of [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']]) {
        try {
          const res = await call('POST', `/dossiers/${id}/actions`, s.byStep[step], { action });
          if (res.status !== 200) return;
          answered.push(`${id}:${action}`);
        } catch {
          return; // the connection died with the service
        }
      }
    });
    await new Promise((r) => setTimeout(r, 150));
    await service.kill();
    await Promise.all(stream);

    const events: { dossier_id: string; action: string }[] = await db.query(
      `SELECT dossier_id, action FROM dossier_event WHERE dossier_id = ANY($1) AND type = 'action'`, [ids],
    );
    const stored = new Set(events.map((e) => `${e.dossier_id}:${e.action}`));
    for (const a of answered) expect(stored.has(a)).toBe(true);
    await expectConsistentHistories(db);
    service = await startService(database.url);
  });
});
