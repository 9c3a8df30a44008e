import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

// Shared between global setup and the test files through the environment.
export const SERVER_URL_ENV = 'DVC_TEST_SERVER_URL';
export const TEMPLATE_ENV = 'DVC_TEST_TEMPLATE';

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string, serverUrl = process.env[SERVER_URL_ENV]!): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, copied from the migrated template in milliseconds. */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const template = process.env[TEMPLATE_ENV]!;
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    name,
    url: withDatabase(process.env[SERVER_URL_ENV]!, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
