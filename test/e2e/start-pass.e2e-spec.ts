import request from 'supertest';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/data-source';
import { consoleSignIn } from '../support/console';
import { createTestDatabase } from '../support/database';
import { bearer, staff, submission } from '../support/factories';
import { startService, type ServiceProcess } from '../support/service-process';
import type { TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/** The figure of an overview card (data-card), as a number. */
const card = (html: string, key: string) => Number(new RegExp(`data-card="${key}"[\\s\\S]*?<strong>([^<]*)</strong>`).exec(html)![1].replace(/\./g, ''));
/** The rows of the alerts page's table. */
const alertRows = (html: string) => (html.match(/<a href="\/console\/dossiers\/[0-9a-f-]{36}"/g) ?? []).length;

describe('the console agrees with itself from the first page after a start (e2e, real processes)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let s: Awaited<ReturnType<typeof staff>>;
  let svc: ServiceProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    s = await staff(db);
  });
  afterAll(async () => {
    await svc?.kill();
    await db.destroy();
    await database.drop();
  });

  /** The overview's two overdue figures and the alerts page's rows, read by an admin's console session right after a start. */
  async function afterStart(atStart: 'true' | 'false') {
    svc = await startService(database.url, { DEADLINE_CHECK_AT_START: atStart });
    const http = () => request(svc!.url);
    const { cookie } = await consoleSignIn({ http } as unknown as TestApp, s.admin.token);
    const overview = await http().get('/console/overview?period=year&from=2020').set('Cookie', cookie!);
    const alerts = await http().get('/console/alerts?kind=overdue').set('Cookie', cookie!).expect(200);
    await svc.stop();
    svc = undefined;
    return { overdueDossiers: card(overview.text, 'overdueNow'), openAlerts: card(overview.text, 'overdueSteps'), alertRows: alertRows(alerts.text) };
  }

  it('without the start pass the overview counts overdue dossiers but no alerts; with it, both and the alerts page agree', async () => {
    // Submitted in 2020 and never handled: on the real clock every step is long past its limit.
    const first = await startService(database.url);
    for (let i = 0; i < 2; i++) await request(first.url).post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201);
    await first.stop();

    expect(await afterStart('false')).toEqual({ overdueDossiers: 2, openAlerts: 0, alertRows: 0 });
    const agreed = await afterStart('true');
    // Each overdue dossier has its open alerts (one per step past its limit), and the card counts what the page lists.
    const [open] = await db.query(`SELECT count(*)::int AS alerts, count(DISTINCT subject_id)::int AS dossiers FROM deadline_alert WHERE closed_at IS NULL AND kind = 'overdue'`);
    expect(open.dossiers).toBe(2);
    expect(agreed).toEqual({ overdueDossiers: 2, openAlerts: open.alerts, alertRows: open.alerts });
  });
});
