import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  const webhook = { PORTAL_WEBHOOK_URL: 'https://portal.example/status' };
  const SECRET = 'k'.repeat(40);

  it('has defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      portalWebhookUrl: undefined, portalDispatchIntervalMs: 500, portalDispatchBatch: 50, portalOutboxRetentionDays: 30,
      deadlineCheckCron: '0 */15 * * * *',
    });
  });

  it('reads the district check, the submission age bound and an operator\'s administrative units file', () => {
    expect(loadConfig({})).toMatchObject({ districtCheck: 'listed', submissionMaxAgeDays: 30, administrativeUnits: undefined });
    expect(loadConfig({ DISTRICT_CHECK: 'all', SUBMISSION_MAX_AGE_DAYS: '7' })).toMatchObject({ districtCheck: 'all', submissionMaxAgeDays: 7 });
    expect(() => loadConfig({ DISTRICT_CHECK: 'strict' })).toThrow(/DISTRICT_CHECK must be listed, all or off/);
    expect(() => loadConfig({ SUBMISSION_MAX_AGE_DAYS: '0' })).toThrow(/SUBMISSION_MAX_AGE_DAYS must be an integer >= 1/);
    const dir = mkdtempSync(join(tmpdir(), 'units-'));
    const file = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const good = { districts: { '48': [{ code: '490', name: 'Quận Liên Chiểu', shortName: 'Liên Chiểu', wageRegion: 1 }] } };
    expect(loadConfig({ ADMINISTRATIVE_UNITS_FILE: file('good.json', JSON.stringify(good)) }).administrativeUnits).toEqual(good);
    expect(() => loadConfig({ ADMINISTRATIVE_UNITS_FILE: file('bad.json', '{ "districts": { "48": [{ "code": "49" }] } }') })).toThrow(
      /ADMINISTRATIVE_UNITS_FILE .*bad.json: districts.48.0 must be/,
    );
    expect(() => loadConfig({ ADMINISTRATIVE_UNITS_FILE: file('broken.json', '{') })).toThrow(/cannot be read as JSON/);
    expect(() => loadConfig({ ADMINISTRATIVE_UNITS_FILE: join(dir, 'missing.json') })).toThrow(/cannot be read as JSON/);
  });

  it('refuses a webhook URL without a secret: the portal cannot verify unsigned messages', () => {
    expect(() => loadConfig(webhook)).toThrow(ConfigError);
    expect(() => loadConfig({ ...webhook, PORTAL_WEBHOOK_SECRET: '' })).toThrow(/PORTAL_WEBHOOK_SECRET must be set when PORTAL_WEBHOOK_URL is/);
    expect(loadConfig({ ...webhook, PORTAL_WEBHOOK_SECRET: SECRET })).toMatchObject({ portalWebhookUrl: webhook.PORTAL_WEBHOOK_URL, portalWebhookSecret: SECRET });
    // A secret alone is harmless: nothing is sent.
    expect(loadConfig({ PORTAL_WEBHOOK_SECRET: SECRET }).portalWebhookUrl).toBeUndefined();
  });

  it('refuses a webhook secret or a metrics token shorter than 32 bytes, counting UTF-8 bytes', () => {
    expect(() => loadConfig({ ...webhook, PORTAL_WEBHOOK_SECRET: 's3cret' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...webhook, PORTAL_WEBHOOK_SECRET: 'x'.repeat(31) })).toThrow(/PORTAL_WEBHOOK_SECRET must be at least 32 bytes .*got 31/);
    expect(loadConfig({ ...webhook, PORTAL_WEBHOOK_SECRET: 'x'.repeat(32) }).portalWebhookSecret).toHaveLength(32);
    // 16 characters of two bytes each.
    expect(loadConfig({ ...webhook, PORTAL_WEBHOOK_SECRET: 'đ'.repeat(16) }).portalWebhookSecret).toBe('đ'.repeat(16));
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 32 bytes/);
    expect(loadConfig({ METRICS_TOKEN: SECRET }).metricsToken).toBe(SECRET);
    expect(loadConfig({}).metricsToken).toBeUndefined();
  });

  it('keeps Idempotency-Key answers 7 days unless told otherwise', () => {
    expect(loadConfig({}).idempotencyRetentionDays).toBe(7);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_DAYS: '2' }).idempotencyRetentionDays).toBe(2);
    for (const bad of ['0', '-3', '1.5', 'week']) expect(() => loadConfig({ IDEMPOTENCY_RETENTION_DAYS: bad })).toThrow(/IDEMPOTENCY_RETENTION_DAYS must be an integer >= 1/);
  });

  it('refuses a DEADLINE_CHECK_CRON the scheduler could not run, at load', () => {
    for (const bad of ['every 15 minutes', '* * *', '61 * * * * *', '0 0 25 * * *']) {
      expect(() => loadConfig({ DEADLINE_CHECK_CRON: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ DEADLINE_CHECK_CRON: bad })).toThrow(/DEADLINE_CHECK_CRON must be a cron expression/);
    }
    // Well-formed but never due: the cron package would only throw when the job starts.
    expect(() => loadConfig({ DEADLINE_CHECK_CRON: '0 0 0 31 2 *' })).toThrow(/DEADLINE_CHECK_CRON "0 0 0 31 2 \*" never fires/);
    expect(loadConfig({ DEADLINE_CHECK_CRON: '0 0 0 1 1 *' }).deadlineCheckCron).toBe('0 0 0 1 1 *');
    expect(loadConfig({ DEADLINE_CHECK_CRON: '*/5 * * * *' }).deadlineCheckCron).toBe('*/5 * * * *');
  });

  it('runs a deadline pass at start unless DEADLINE_CHECK_AT_START is off, and refuses a value that is not a switch', () => {
    expect(loadConfig({}).deadlineCheckAtStart).toBe(true);
    expect(loadConfig({ DEADLINE_CHECK_AT_START: '' }).deadlineCheckAtStart).toBe(true);
    expect(loadConfig({ DEADLINE_CHECK_AT_START: 'false' }).deadlineCheckAtStart).toBe(false);
    expect(loadConfig({ DEADLINE_CHECK_AT_START: '1' }).deadlineCheckAtStart).toBe(true);
    expect(() => loadConfig({ DEADLINE_CHECK_AT_START: 'sometimes' })).toThrow(/DEADLINE_CHECK_AT_START must be one of/);
  });

  it('reads the dispatch batch and the retention as positive integers', () => {
    expect(loadConfig({ PORTAL_DISPATCH_BATCH: '200', PORTAL_OUTBOX_RETENTION_DAYS: '7' })).toMatchObject({ portalDispatchBatch: 200, portalOutboxRetentionDays: 7 });
    for (const bad of ['0', '-1', '2.5', 'many']) {
      expect(() => loadConfig({ PORTAL_DISPATCH_BATCH: bad })).toThrow(/PORTAL_DISPATCH_BATCH must be an integer >= 1/);
      expect(() => loadConfig({ PORTAL_OUTBOX_RETENTION_DAYS: bad })).toThrow(/PORTAL_OUTBOX_RETENTION_DAYS must be an integer >= 1/);
    }
  });

  it('reads TRUST_PROXY: off by default, a hop count, or addresses and subnets', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.168.1.7, fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
  });

  it('refuses TRUST_PROXY=true, which would let any client pick the address it is counted under', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true .* give the number of proxies .* or their addresses/);
  });

  it.each(['yes', '10.0.0.0/33', '10.0.0/8', 'fd00::/129', 'loopback, balancer.local', '1.2.3.4/8/8', '-1'])('refuses TRUST_PROXY=%s', (bad) => {
    expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be a hop count or addresses and subnets/);
  });

  it('reads PUBLIC_URL as a URL', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://dvc.example.gov.vn' }).publicUrl).toBe('https://dvc.example.gov.vn');
    expect(() => loadConfig({ PUBLIC_URL: 'dvc.example.gov.vn' })).toThrow(/PUBLIC_URL must be a URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://dvc.example.gov.vn' })).toThrow(/PUBLIC_URL must be an http/);
  });

  it('refuses NODE_ENV=production without a DATABASE_URL: no embedded database, no demo admin token', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL must be set when NODE_ENV=production: the embedded PostgreSQL \(and its demo admin token\) is for development only/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: '' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://dvc_app@db/dvc' })).toMatchObject({ nodeEnv: 'production', databaseUrl: 'postgres://dvc_app@db/dvc' });
    expect(loadConfig({}).nodeEnv).toBe('development');
    expect(() => loadConfig({ NODE_ENV: 'prod' })).toThrow(/NODE_ENV must be production, development or test, got "prod"/);
  });

  it('reads DB_POOL_SIZE and the debugging switches, refusing a bad value by name instead of a NaN', () => {
    expect(loadConfig({})).toMatchObject({ dbPoolSize: 20, sqlLog: false, cliDebug: false });
    expect(loadConfig({ DB_POOL_SIZE: '5', DVC_SQL_LOG: '1', DVC_CLI_DEBUG: 'yes' })).toMatchObject({ dbPoolSize: 5, sqlLog: true, cliDebug: true });
    for (const bad of ['0', 'twenty', '2.5', '-3']) expect(() => loadConfig({ DB_POOL_SIZE: bad })).toThrow(`DB_POOL_SIZE must be an integer >= 1, got "${bad}"`);
    expect(() => loadConfig({ DVC_SQL_LOG: 'maybe' })).toThrow(/DVC_SQL_LOG must be one of 1, true, yes, on, 0, false, no, off, got "maybe"/);
  });
});
