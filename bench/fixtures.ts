import { createHash, randomInt, randomUUID } from 'node:crypto';
import { canonicalJson } from '../src/common/canonical-json';
import { dataHash, eventHash } from '../src/common/history-hash';
import { newToken } from '../src/auth/tokens';
import { query } from './bench-database';

export const PROCEDURE = 'unpaid-leave-support';

/** The same id the SQL function bench_dossier_id(n) computes. */
export function benchDossierId(n: number): string {
  const h = createHash('md5').update(`dvc-bench-${n}`).digest('hex').split('');
  h[12] = '4';
  h[16] = '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export interface Tokens {
  integration: string;
  official: string;
}

/** An integration principal and a BHXH official of Quảng Ngãi / 522 granted the confirmation step, as the test factories make them. */
export async function insertPrincipals(url: string): Promise<Tokens> {
  const integration = newToken();
  const official = newToken();
  const officialId = randomUUID();
  await query(url, `INSERT INTO principal (id, kind, name, token_hash) VALUES ($1, 'integration', 'bench-portal', $2)`, [randomUUID(), integration.hash]);
  await query(url, `INSERT INTO unit (code, name, kind, province_code, district_code) VALUES ('bench-bhxh-522', 'BHXH huyện 522', 'social-insurance', '51', '522')`);
  await query(url, `INSERT INTO official (id, full_name, id_number, phone, unit_code, active) VALUES ($1, 'Cán bộ bench', '051012345678', '0905123456', 'bench-bhxh-522', true)`, [officialId]);
  await query(url, `INSERT INTO "grant" (official_id, procedure_code, step) VALUES ($1, $2, 'insurance-confirmation')`, [officialId, PROCEDURE]);
  await query(url, `INSERT INTO principal (id, kind, name, official_id, token_hash) VALUES ($1, 'official', 'bench-bhxh', $2, $3)`, [randomUUID(), officialId, official.hash]);
  return { integration: integration.token, official: official.token };
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

function taxCode(): string {
  for (;;) {
    const digits = Array.from({ length: 9 }, () => randomInt(10));
    const check = 10 - (digits.reduce((a, d, i) => a + d * TAX_WEIGHTS[i], 0) % 11);
    if (check < 10) return digits.join('') + check;
  }
}

/** A valid submission; the workers' CCCD numbers are distinct within it. */
export function submission(portalCode: string, workerCount: number) {
  const base = randomInt(1e7);
  return {
    portalCode,
    procedureCode: PROCEDURE,
    submittedAt: '2020-05-12T09:30:00+07:00',
    applicant: {
      name: 'Công ty TNHH May Quảng Ngãi',
      taxCode: taxCode(),
      address: '12 Quang Trung, TP Quảng Ngãi',
      provinceCode: '51',
      districtCode: '522',
      phone: '02553822123',
      email: 'nhansu@maysquangngai.vn',
    },
    signature: { signer: 'employer', certificateSerial: '5402A1B2C3D4', signedAt: '2020-05-12T09:00:00+07:00' },
    workers: Array.from({ length: workerCount }, (_, i) => ({
      fullName: `Nguyễn Thị Ánh ${i + 1}`,
      idNumber: `0511${String(base * 100 + i).padStart(8, '0').slice(-8)}`,
      socialInsuranceCode: String(5_100_000_000 + i),
      from: '2020-04-01',
      to: '2020-06-30',
      wage: 3_920_000,
    })),
    loan: null,
    attachments: [{ name: 'danh-sach.pdf', sha256: 'a'.repeat(64) }],
  };
}

export interface EventRow {
  dossier_id: string;
  seq: number;
  type: string;
  action: string | null;
  from_state: string | null;
  to_state: string;
  actor: object;
  comment: string | null;
  reason: string | null;
  data: object | null;
  at: Date;
  hash: string;
  prev_hash: string | null;
}

/** What a dossier event's hash covers (dossierHistoryEntry in src/dossiers/dossier-ledger.ts), from its row. */
export function hashedContent(e: EventRow) {
  return {
    dossierId: e.dossier_id, seq: e.seq, type: e.type, action: e.action, fromState: e.from_state, toState: e.to_state,
    actor: e.actor, comment: e.comment, reason: e.reason, dataHash: dataHash(e.data), at: e.at.toISOString(),
  };
}

/**
 * Copies the dossier `templateId` (received by the service, so at insurance-confirmation)
 * to ids bench_dossier_id(from .. to-1), set-based: the same row, its open step record, its
 * `submitted` event with the hash recomputed for the new id (also the row's head_hash), and its
 * outbox message. Only id and portalCode differ.
 */
export async function cloneDossiers(url: string, templateId: string, from: number, to: number): Promise<void> {
  const [e] = await query<EventRow>(url, 'SELECT * FROM dossier_event WHERE dossier_id = $1 AND seq = 1', [templateId]);
  const content = hashedContent(e);
  if (eventHash(null, content) !== e.hash) throw new Error('hashedContent() no longer matches dossierHistoryEntry(); update bench/fixtures.ts');
  const canonical = canonicalJson(content);
  const BATCH = 20_000;
  for (let lo = from; lo < to; lo += BATCH) {
    const hi = Math.min(to, lo + BATCH) - 1;
    await query(
      url,
      `WITH g AS (SELECT g AS n, bench_dossier_id(g) AS id, 'BENCH-' || g AS code FROM generate_series($2::bigint, $3::bigint) g),
       n AS (SELECT g.*, encode(sha256(convert_to(E'\\n' || replace($4, $1::uuid::text, g.id::text), 'UTF8')), 'hex') AS hash FROM g),
       d AS (
         INSERT INTO dossier (id, portal_code, procedure_code, procedure_version, state, status, current_step, step_started_at, step_due_at,
                              step_remaining_ms, step_worked_ms, step_running_since, due_at, due_remaining_ms, appointed_return_at,
                              appointed_remaining_ms, received_at, submitted_at, receipt_due_at, eligibility, applicant, tax_code, province_code, district_code,
                              worker_count, signed, content, submission_hash, snapshot, version, head_hash, finished_at, created_at, updated_at)
         SELECT n.id, n.code, t.procedure_code, t.procedure_version, t.state, t.status, t.current_step, t.step_started_at, t.step_due_at,
                t.step_remaining_ms, t.step_worked_ms, t.step_running_since, t.due_at, t.due_remaining_ms, t.appointed_return_at,
                t.appointed_remaining_ms, t.received_at, t.submitted_at, t.receipt_due_at, t.eligibility, t.applicant, t.tax_code, t.province_code, t.district_code,
                t.worker_count, t.signed, t.content, t.submission_hash, t.snapshot, t.version, n.hash, t.finished_at, t.created_at, t.updated_at
           FROM n, dossier t WHERE t.id = $1
         RETURNING id),
       st AS (
         INSERT INTO dossier_step (dossier_id, seq, procedure_code, procedure_version, step, unit_code, started_at, due_at, received_late)
         SELECT d.id, s.seq, s.procedure_code, s.procedure_version, s.step, s.unit_code, s.started_at, s.due_at, s.received_late
           FROM d, dossier_step s WHERE s.dossier_id = $1),
       ev AS (
         INSERT INTO dossier_event (dossier_id, seq, type, action, from_state, to_state, actor, comment, reason, data, at, hash, prev_hash)
         SELECT n.id, 1, e.type, e.action, e.from_state, e.to_state, e.actor, e.comment, e.reason, e.data, e.at, n.hash, NULL
           FROM n, dossier_event e WHERE e.dossier_id = $1 AND e.seq = 1 AND n.id IN (SELECT id FROM d)
         RETURNING dossier_id)
       INSERT INTO outbox_message (id, dossier_id, payload, state, attempts, next_attempt_at, created_at)
       SELECT m.mid, n.id,
              o.payload || jsonb_build_object('messageId', m.mid, 'portalCode', n.code, 'MaHoSo', n.code),
              o.state, o.attempts, o.next_attempt_at, o.created_at
         FROM n CROSS JOIN LATERAL (SELECT gen_random_uuid() AS mid, n.n) m, outbox_message o
        WHERE o.dossier_id = $1 AND n.id IN (SELECT dossier_id FROM ev)`,
      [templateId, lo, hi, canonical],
    );
  }
}
