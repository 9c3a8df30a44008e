import { Client } from 'pg';
import { SERVER_URL_ENV, TEMPLATE_ENV } from './database';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[SERVER_URL_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (serverUrl && template) {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${template}%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await client.end();
  }
  const embedded = (globalThis as Record<string, unknown>).__dvcEmbedded as { stop(): Promise<void> } | undefined;
  await embedded?.stop();
}
