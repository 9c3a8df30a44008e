import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/data-source';
import { createTestDatabase } from '../support/database';
import { staff, submission } from '../support/factories';
import { freePort, startService, type ServiceProcess } from '../support/service-process';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, done: () => boolean, withinMs = 20_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * A dossier submitted over a raw socket in two halves: the request is in flight (its headers read,
 * its body not yet) from the first half until `finish()` sends the second; resolves with the raw answer.
 */
function heldSubmission(service: ServiceProcess, token: string) {
  const body = JSON.stringify(submission());
  const { port } = new URL(service.url);
  const socket = connect(Number(port), '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => (answer += d));
  const answered = new Promise<string>((ok, fail) => {
    socket.once('close', () => ok(answer));
    socket.once('error', fail);
  });
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST /api/v1/dossiers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
  );
  // After a cut-off the service has ended the socket: there is nothing left to send the rest to.
  const finish = () => {
    if (socket.writable && !socket.writableEnded) socket.write(body.slice(half));
  };
  socket.on('end', () => socket.destroy());
  return { finish, answered };
}

/** Whether a new request reaches the service: it must be refused (no connection, or a 503) once shutdown began. */
async function newRequestStatus(service: ServiceProcess): Promise<number | 'refused'> {
  try {
    return (await fetch(`${service.url}/health/live`, { signal: AbortSignal.timeout(5000) })).status;
  } catch {
    return 'refused';
  }
}

/** SIGTERM with a submission in flight: it completes with 201, new requests are refused, then the process exits. */
async function stopWithRequestInFlight(service: ServiceProcess, token: string): Promise<{ status: string; exitCode: number | null }> {
  const held = heldSubmission(service, token);
  await sleep(300);
  const exited = new Promise<number | null>((ok) => service.child.once('exit', (code) => ok(code)));
  service.child.kill('SIGTERM');
  await until('the shutdown to begin', () => service.output().includes('shutting down'));
  await sleep(500);
  expect([503, 'refused']).toContain(await newRequestStatus(service));
  held.finish();
  const answer = await held.answered;
  return { status: answer.split('\r\n')[0], exitCode: await exited };
}

describe('SIGTERM with a request in flight (e2e, the built service)', () => {
  it('finishes the request with an external database, refuses new ones, logs the shutdown, exits 0', async () => {
    const database = await createTestDatabase();
    const db = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      const s = await staff(db);
      const service = await startService(database.url, { LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '15000' });
      const before = Number((await db.query('SELECT count(*) AS n FROM dossier'))[0].n);
      const { status, exitCode } = await stopWithRequestInFlight(service, s.integration.token);
      expect(status).toBe('HTTP/1.1 201 Created');
      expect(exitCode).toBe(0);
      expect(Number((await db.query('SELECT count(*) AS n FROM dossier'))[0].n)).toBe(before + 1);
      expect(service.output()).toMatch(/"msg":"stopped"/);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });

  it('cuts a request off when the grace period is over, and says so (exit 1)', async () => {
    const database = await createTestDatabase();
    const db = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      const s = await staff(db);
      const service = await startService(database.url, { LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '300' });
      const held = heldSubmission(service, s.integration.token);
      await sleep(300);
      const exited = new Promise<number | null>((ok) => service.child.once('exit', (code) => ok(code)));
      service.child.kill('SIGTERM');
      expect(await exited).toBe(1);
      held.finish();
      expect(await held.answered).toBe('');
      expect(service.output()).toMatch(/shutdown grace period over/);
    } finally {
      await db.destroy();
      await database.drop();
    }
  });

  it('finishes the request before the embedded PostgreSQL stops, then stops it', async () => {
    const dataDir = resolve(`.data/shutdown-${process.pid}`);
    const pgPort = await freePort();
    try {
      const service = await startService('', { LOG_LEVEL: 'info', DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), SHUTDOWN_GRACE_MS: '15000' });
      const url = `postgres://postgres:postgres@127.0.0.1:${pgPort}/dvc`;
      const db = await new DataSource(dataSourceOptions(url)).initialize();
      const s = await staff(db);
      await db.destroy();
      const { status, exitCode } = await stopWithRequestInFlight(service, s.integration.token);
      expect(status).toBe('HTTP/1.1 201 Created');
      expect(exitCode).toBe(0);
      expect(service.output()).toMatch(/"embeddedDatabaseStopped":true/);
      const probe = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      await expect(probe.connect()).rejects.toThrow();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
