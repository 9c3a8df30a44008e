import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JsonObject } from '../common/canonical-json';
import { conflict } from '../common/domain-error';
import { Statement } from '../database/statement';
import { OutboxMessageEntity } from '../portal/outbox-message.entity';
import { portalStatusCode } from '../portal/portal-status';
import { findProcedure } from '../workflow/procedures';
import { DossierEventEntity, type EventActor } from './dossier-event.entity';
import { DossierEntity, type DossierState } from './dossier.entity';
import { dataHash, eventHash } from './history-hash';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { stepLogCtes } from './step-log.sql';
import type { StepHandover } from './step-log';

export interface NewEvent {
  type: 'submitted' | 'action' | 'apology';
  action: string | null;
  fromState: string | null;
  actor: EventActor;
  comment?: string | null;
  reason?: string | null;
  data?: JsonObject | null;
  /** The step this change ends and the one it starts, recorded in dossier_step (stepHandover). */
  handover?: StepHandover | null;
}

/** The answer to remember for a repeated Idempotency-Key, written with the change it answers. */
export interface RememberedAnswer {
  principalId: string;
  key: string;
  requestHash: string;
  response: (after: DossierState) => unknown;
}

export type NewDossier = Omit<DossierEntity, 'headHash' | 'createdAt' | 'updatedAt'>;
/** What an action may change: never the identity, nor what the ledger itself keeps (version, chain head, times). */
export type DossierChanges = Partial<Omit<DossierEntity, 'id' | 'portalCode' | 'version' | 'headHash' | 'createdAt' | 'updatedAt'>>;

/**
 * The one write path of a dossier's state: the row (conditional on its version), the
 * hash-chained history event and the portal's outbox message, as ONE statement (data-modifying
 * CTEs), so it is atomic without BEGIN/COMMIT round trips and works inside a caller's transaction too.
 */
@Injectable()
export class DossierLedger {
  async create(manager: EntityManager, dossier: NewDossier, event: NewEvent, now: Date): Promise<DossierEntity> {
    const first = eventRow(dossier, event, null, now);
    const created: DossierEntity = { ...dossier, headHash: first.hash, createdAt: now, updatedAt: now };
    const st = new Statement(manager);
    const d = `d AS (${st.insert(DossierEntity, created)} RETURNING id)`;
    await manager.query(`WITH ${[d, ...follow(st, created, first, event, now)].join(', ')} SELECT 1`, st.params);
    return created;
  }

  /** Applies `changes` if nobody changed the dossier since `before` was read; else 409. */
  async record(
    manager: EntityManager,
    before: DossierState,
    changes: DossierChanges,
    event: NewEvent,
    now: Date,
    remember?: RememberedAnswer,
  ): Promise<DossierState> {
    const version = before.version + 1;
    const next = eventRow({ ...before, ...changes, version }, event, before.headHash, now);
    const set = { ...changes, version, updatedAt: now, headHash: next.hash };
    const after: DossierState = { ...before, ...set };
    const st = new Statement(manager);
    const d = `d AS (UPDATE "dossier" SET ${st.assignments(DossierEntity, set)} WHERE id = ${st.param(before.id)} AND version = ${st.param(before.version)} RETURNING id)`;
    const ctes = [d, ...follow(st, after, next, event, now)];
    if (remember) {
      const { response, ...key } = remember;
      ctes.push(`k AS (${st.insert(IdempotencyKeyEntity, { ...key, dossierId: before.id, statusCode: 200, response: response(after) }, 'd')})`);
    }
    const [{ n }]: { n: number }[] = await manager.query(`WITH ${ctes.join(', ')} SELECT count(*)::int AS n FROM d`, st.params);
    if (n !== 1) throw conflict('DOSSIER_VERSION_CONFLICT', 'the dossier was changed by another request; read it again');
    return after;
  }
}

/** The event, the portal message and the step record that go with the row change `d`; written only if `d` wrote. */
function follow(st: Statement, dossier: DossierState, event: DossierEventEntity, e: NewEvent, now: Date): string[] {
  return [
    `e AS (${st.insert(DossierEventEntity, event, 'd')})`,
    `o AS (${st.insert(OutboxMessageEntity, message(dossier, e, event.seq, now), 'd')})`,
    ...stepLogCtes(st, dossier, e, now),
  ];
}

/** The history row, its hash chained to `prevHash` over its canonical content. */
function eventRow(dossier: Pick<DossierEntity, 'id' | 'version' | 'state'>, e: NewEvent, prevHash: string | null, now: Date): DossierEventEntity {
  const content = {
    dossierId: dossier.id,
    seq: dossier.version,
    type: e.type,
    action: e.action,
    fromState: e.fromState,
    toState: dossier.state,
    actor: e.actor,
    comment: e.comment ?? null,
    reason: e.reason ?? null,
    dataHash: dataHash(e.data),
    at: now.toISOString(),
  };
  const { dataHash: _h, ...columns } = content;
  return { ...columns, data: e.data ?? null, at: now, prevHash, hash: eventHash(prevHash, content) };
}

function message(dossier: DossierState, e: NewEvent, sequence: number, now: Date): Partial<OutboxMessageEntity> {
  const id = randomUUID();
  const procedure = findProcedure(dossier.procedureCode, dossier.procedureVersion);
  const firstStep = procedure?.steps[1]?.key ?? '';
  return {
    id,
    dossierId: dossier.id,
    payload: {
      messageId: id,
      // The history event's seq: it grows with every change of the dossier, so the portal can drop a message older than one it has.
      sequence,
      portalCode: dossier.portalCode,
      status: dossier.status,
      state: dossier.state,
      step: dossier.currentStep,
      at: now.toISOString(),
      comment: e.comment ?? e.reason ?? null,
      dueAt: dossier.dueAt?.toISOString() ?? null,
      appointedReturnDate: dossier.appointedReturnAt?.toISOString() ?? null,
      event: e.type === 'action' ? e.action : e.type,
      MaHoSo: dossier.portalCode,
      TrangThaiHoSo: portalStatusCode(dossier.status, dossier.state, firstStep),
      // The date in force; the legal appointed date beside it, so an apology cannot pass for on time.
      NgayHenTra: dossier.dueAt?.toISOString() ?? null,
      NgayHenTraBanDau: dossier.appointedReturnAt?.toISOString() ?? null,
      NgayKetThucXuLy: dossier.finishedAt?.toISOString() ?? null,
    },
    state: 'pending',
    nextAttemptAt: now,
  };
}
