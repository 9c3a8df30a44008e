import { createHash } from 'node:crypto';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { migrate } from '../../src/database/migrate';
import { adminQuery, SERVER_URL_ENV, TEMPLATE_ENV, withDatabase } from './database';

/** The checkout's own port for its test cluster: EMBEDDED_PG_TEST_PORT, else one derived from the checkout's path. */
function testPort(root: string): number {
  if (process.env.EMBEDDED_PG_TEST_PORT) return Number(process.env.EMBEDDED_PG_TEST_PORT);
  return 55_000 + (createHash('sha256').update(root).digest().readUInt16BE(0) % 1_000);
}

/**
 * TEST_DATABASE_URL's server when set, else an embedded PostgreSQL of this checkout's own (.data/test,
 * its own port); never DATABASE_URL or EMBEDDED_PG_PORT, so a test run cannot reach a developer's
 * database. Migrates once into a template database that every test file copies.
 */
export default async function globalSetup(): Promise<void> {
  // Nothing a test starts in this process or its workers reads the developer's database settings.
  delete process.env.DATABASE_URL;
  delete process.env.DATABASE_READ_URL;
  delete process.env.EMBEDDED_PG_PORT;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const root = process.cwd();
    const embedded = await startEmbeddedPostgres('.data/test', testPort(root));
    (globalThis as Record<string, unknown>).__dvcEmbedded = embedded;
    serverUrl = embedded.url;
  }
  const template = `dvc_test_${process.pid}`;
  process.env[SERVER_URL_ENV] = serverUrl;
  process.env[TEMPLATE_ENV] = template;
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`, serverUrl);
  await adminQuery(`CREATE DATABASE "${template}"`, serverUrl);
  await migrate(withDatabase(serverUrl, template));
}
