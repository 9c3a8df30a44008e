import { migrate } from '../../src/database/migrate';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { adminQuery, SERVER_URL_ENV, TEMPLATE_ENV, withDatabase } from './database';

/**
 * Uses DATABASE_URL's server when set, else an embedded PostgreSQL under .data/test;
 * migrates once into a template database that every test file copies.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres('.data/test', Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54330));
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
