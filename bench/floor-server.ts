import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { PRINCIPAL_BY_TOKEN_HASH } from '../src/auth/principal-lookup.sql';
import { ACTION_STATEMENTS, type ActionConstants, GSET_PREFIX, positional, STATE_BY_ID } from './action-sql';

// `node dist/bench/floor-server.js` (env DATABASE_URL, PORT, DB_POOL_SIZE, FLOOR_CONSTANTS): the
// floor the service is judged against. What one `confirm` does, with no framework: node:http and
// one pg pool, the bearer token's SHA-256 looked up with the service's statement, JSON parsed, the
// state read and the ledger's one write statement (row + event + outbox + step record, the SQL of
// bench/action-sql.ts with the values the service wrote), the answer serialised. Named prepared
// statements: the least a lean server would send.

const ACTION_PATH = /^\/api\/v1\/dossiers\/([0-9a-f-]{36})\/actions$/;
const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/]{16,200}=*)$/;
const WRITE = positional(ACTION_STATEMENTS[1].sql);

const constants = JSON.parse(process.env.FLOOR_CONSTANTS ?? '{}') as ActionConstants;
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 16) });

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function confirm(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
  if (!token) return answer(res, 401, { code: 'AUTH_TOKEN_MISSING' });
  const hash = createHash('sha256').update(token).digest('hex');
  const principal = await pool.query({ name: 'floor-principal', text: PRINCIPAL_BY_TOKEN_HASH, values: [hash] });
  if (principal.rowCount !== 1) return answer(res, 401, { code: 'AUTH_TOKEN_INVALID' });
  const body = JSON.parse(await readBody(req)) as { action?: unknown };
  if (body.action !== 'confirm') return answer(res, 400, { code: 'VALIDATION_FAILED' });
  const { rows } = await pool.query({ name: 'floor-state', text: STATE_BY_ID, values: [id] });
  const before = rows[0] as Record<string, unknown> | undefined;
  if (!before) return answer(res, 404, { code: 'DOSSIER_NOT_FOUND' });
  const vars: Record<string, unknown> = { ...constants, next_version: Number(before.version) + 1 };
  for (const [column, value] of Object.entries(before)) vars[`${GSET_PREFIX}${column}`] = value;
  const written = await pool.query({ name: 'floor-write', text: WRITE.text, values: WRITE.names.map((n) => vars[n]) });
  if (written.rows[0].n !== 1) return answer(res, 409, { code: 'DOSSIER_VERSION_CONFLICT' });
  answer(res, 200, { ...before, state: constants.after_state, status: constants.after_status, currentStep: constants.after_current_step, version: vars.next_version });
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return answer(res, 200, { status: 'ok' });
  const id = req.method === 'POST' ? ACTION_PATH.exec(req.url ?? '')?.[1] : undefined;
  if (!id) return answer(res, 404, { code: 'NOT_FOUND' });
  confirm(req, res, id).catch((error: Error) => answer(res, 500, { code: 'INTERNAL', message: error.message }));
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
