import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/data-source';
import { migrate } from '../../src/database/migrate';
import { bearer, staff, submission } from '../support/factories';
import { adminQuery, SERVER_URL_ENV, withDatabase } from '../support/database';
import { type ServiceProcess, startService } from '../support/service-process';

jest.setTimeout(60_000);

/** docker/postgres/roles.sql with its psql variables (:"name" identifiers, :'name' literals) filled in, as psql would. */
function rolesSql(vars: Record<string, string>): string {
  const sql = readFileSync(resolve(__dirname, '../../docker/postgres/roles.sql'), 'utf8');
  return sql
    .replace(/:"(\w+)"/g, (_, name: string) => `"${vars[name].replace(/"/g, '""')}"`)
    .replace(/:'(\w+)'/g, (_, name: string) => `'${vars[name].replace(/'/g, "''")}'`);
}

/**
 * The docker-compose setup on this machine's PostgreSQL: the roles script, the migrations as the
 * owner, the service as the app role (which owns nothing), and what the app role cannot do.
 */
describe('database roles: the service runs as a role that cannot switch the history protection off (e2e)', () => {
  const suffix = randomBytes(4).toString('hex');
  const names = { db: `dvc_roles_${suffix}`, owner: `dvc_owner_${suffix}`, app: `dvc_app_${suffix}` };
  const passwords = { owner_password: `owner-${suffix}`, app_password: `app-${suffix}` };
  const urlAs = (role: string, password: string) => {
    const url = new URL(withDatabase(process.env[SERVER_URL_ENV]!, names.db));
    url.username = role;
    url.password = password;
    return url.toString();
  };
  const ownerUrl = urlAs(names.owner, passwords.owner_password);
  const appUrl = urlAs(names.app, passwords.app_password);
  let app: Client;
  let service: ServiceProcess | null = null;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${names.db}"`);
    await adminQuery(rolesSql({ ...names, ...passwords }), withDatabase(process.env[SERVER_URL_ENV]!, names.db));
  });
  afterAll(async () => {
    await app?.end();
    await service?.stop();
    await adminQuery(`DROP DATABASE IF EXISTS "${names.db}" WITH (FORCE)`);
    await adminQuery(`DROP ROLE IF EXISTS "${names.app}"`);
    await adminQuery(`DROP ROLE IF EXISTS "${names.owner}"`);
  });

  it('leaves the migrations to the owner: the app role is told who must run them', async () => {
    await expect(migrate(appUrl)).rejects.toThrow(/a migration is pending and this database role may not apply it .*run the migrations as the schema owner/);
    expect((await migrate(ownerUrl)).length).toBeGreaterThan(5);
    // Nothing pending: the app role starts without needing any right on the schema.
    expect(await migrate(appUrl)).toEqual([]);
  });

  it('runs the service as the app role: it receives a dossier and changes its state', async () => {
    service = await startService(appUrl, { LOG_LEVEL: 'warn' });
    const ds = await new DataSource(dataSourceOptions(appUrl, { extra: { max: 2 } })).initialize();
    try {
      const s = await staff(ds);
      const created = await fetch(`${service.url}/api/v1/dossiers`, {
        method: 'POST',
        headers: { ...bearer(s.integration), 'Content-Type': 'application/json' },
        body: JSON.stringify(submission()),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const acted = await fetch(`${service.url}/api/v1/dossiers/${id}/actions`, {
        method: 'POST',
        headers: { ...bearer(s.byStep['insurance-confirmation']), 'Content-Type': 'application/json' },
        body: JSON.stringify({ action: 'confirm' }),
      });
      expect(acted.status).toBe(200);
      expect(((await acted.json()) as { state: string }).state).toBe('district-appraisal');
      const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = $1', [id]);
      expect(n).toBe(2);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses the app role every way of changing or removing history rows', async () => {
    app = new Client({ connectionString: appUrl });
    await app.connect();
    const refused: [string, RegExp][] = [
      ['ALTER TABLE dossier_event DISABLE TRIGGER dossier_event_append_only', /must be owner of table dossier_event/],
      ['ALTER TABLE dossier_event DISABLE TRIGGER ALL', /must be owner of table dossier_event/],
      ['DROP TRIGGER dossier_event_append_only ON dossier_event', /must be owner of (table|relation) dossier_event/],
      ['CREATE OR REPLACE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$', /permission denied for schema public|must be owner of function refuse_history_change/],
      ['ALTER TABLE dossier_event RENAME TO dossier_event_old', /must be owner of table dossier_event/],
      ['DROP TABLE audit_event', /must be owner of table audit_event/],
      ['SET session_replication_role = replica', /permission denied to set parameter "session_replication_role"/],
      ['TRUNCATE dossier_event', /permission denied for table dossier_event/],
      ["UPDATE dossier_event SET comment = 'rewritten'", /dossier_event is append-only: UPDATE refused/],
      ['DELETE FROM dossier_event', /dossier_event is append-only: DELETE refused/],
      ['CREATE TABLE shadow (id int)', /permission denied for schema public/],
      [`ALTER TABLE dossier_event OWNER TO "${names.app}"`, /must be owner of table dossier_event/],
    ];
    for (const [sql, reason] of refused) await expect(app.query(sql)).rejects.toThrow(reason);
    const [{ n }] = (await app.query('SELECT count(*)::int AS n FROM dossier_event')).rows;
    expect(n).toBe(2);

    // The owner can, which is why the service never connects as the owner.
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE dossier_event DISABLE TRIGGER dossier_event_append_only');
      await owner.query('ROLLBACK');
    } finally {
      await owner.end();
    }
  });
});
