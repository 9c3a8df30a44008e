import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/data-source';
import { consoleSignIn } from '../support/console';
import { createTestDatabase } from '../support/database';
import { bearer, staff, submission } from '../support/factories';
import { startService, type ServiceProcess } from '../support/service-process';
import type { TestApp } from '../support/test-app';

jest.setTimeout(120_000);

describe('no personal data or secret in the logs, at trace level (e2e, a real process)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let svc: ServiceProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
  });
  afterAll(async () => {
    await svc?.kill();
    await db.destroy();
    await database.drop();
  });

  it('runs intake, refusals, the public lookups, feedback and the console, and logs none of the values sent', async () => {
    const s = await staff(db);
    svc = await startService(database.url, { LOG_LEVEL: 'trace' });
    const http = () => request(svc.url);
    const body = submission({}, { phone: '0912345678', email: 'ke.toan@maynhanh.vn' });
    const secrets: Record<string, string> = {
      integrationToken: s.integration.token,
      adminToken: s.admin.token,
      officialToken: s.byStep['insurance-confirmation'].token,
      idNumber: body.workers[0].idNumber,
      otherIdNumber: body.workers[1].idNumber,
      taxCode: body.applicant.taxCode,
      applicantPhone: body.applicant.phone,
      applicantEmail: body.applicant.email,
      socialInsuranceCode: body.workers[0].socialInsuranceCode,
      senderPhone: '0987654321',
      senderEmail: 'nguoi.gui@example.vn',
      wrongToken: 'dvc_0123456789abcdefghijklmnopqrstuvwxyz0123456789AB',
    };
    const dossier = await http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201);
    // A conflict (the same portal code, another body) and refusals that quote what they refuse.
    await http().post('/api/v1/dossiers').set(bearer(s.integration)).send({ ...body, workers: body.workers.slice(1) }).expect(409);
    await http().post('/api/v1/dossiers').set(bearer(s.integration))
      .send({ ...submission(), workers: [{ ...body.workers[0], socialInsuranceCode: 'x' }, body.workers[0]] }).expect(400);
    await http().get(`/api/v1/dossiers?limit=1&${new URLSearchParams({ taxCode: secrets.taxCode })}`).set(bearer(s.admin)).expect(400);
    await http().get('/api/v1/dossiers').set({ Authorization: `Bearer ${secrets.wrongToken}` }).expect(401);
    await http().get(`/api/v1/public/dossiers/${body.portalCode}?taxCode=${secrets.taxCode}`).expect(200);
    const feedback = await http().post('/api/v1/public/feedback').send({
      title: 'Chậm chi trả', content: 'Chưa nhận được hỗ trợ.', contact: { name: 'Lê Văn Gửi', phone: secrets.senderPhone, email: secrets.senderEmail },
    }).expect(201);
    await http().get(`/api/v1/public/feedback/${feedback.body.trackingCode}?contact=${secrets.senderPhone}`).expect(200);
    await http().get(`/api/v1/public/feedback/${feedback.body.trackingCode}?contact=${encodeURIComponent(secrets.senderEmail)}`).expect(200);
    const signedIn = await consoleSignIn({ http } as unknown as TestApp, secrets.officialToken);
    expect(signedIn.cookie).toMatch(/^dvc_console=/);
    secrets.sessionCookie = signedIn.cookie!.split('=')[1];
    await http().get(`/console/dossiers/${dossier.body.id}`).set('Cookie', signedIn.cookie!).expect(200);
    await consoleSignIn({ http } as unknown as TestApp, secrets.wrongToken);

    // Every request was logged (one line each at info), so the check below reads a full log.
    await new Promise((r) => setTimeout(r, 300));
    const log = svc.output();
    expect(log.match(/"msg":"request"/g)?.length ?? 0).toBeGreaterThanOrEqual(12);
    // As sent and as a URL carries it (an e-mail's @ is %40 there).
    const found = Object.entries(secrets).filter(([, value]) => log.includes(value) || log.includes(encodeURIComponent(value))).map(([name]) => name);
    expect(found).toEqual([]);
  });
});
