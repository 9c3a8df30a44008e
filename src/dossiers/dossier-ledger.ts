import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JsonObject } from '../common/canonical-json';
import { conflict, type ErrorDetails } from '../common/domain-error';
import { dataHash } from '../common/history-hash';
import { type EventColumns, Ledger, type LedgerBook, type WrittenWith } from '../ledger/ledger';
import { procedureOf } from '../workflow/definitions';
import { dossierPortalStatus } from '../workflow/portal-status';
import { DossierEventEntity } from './dossier-event.entity';
import { DossierEntity, type DossierState } from './dossier.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import type { DossierChanges, NewDossier, NewEvent } from './dossier-change';
import { stepLogWrites } from './step-log.sql';

/** The answer to remember for a repeated Idempotency-Key, written with the change it answers. */
export interface RememberedAnswer {
  principalId: string;
  key: string;
  requestHash: string;
  response: (after: DossierState) => unknown;
}

/** 409: the dossier is not at the version the caller acted on. */
export function dossierVersionConflict(message = 'the dossier was changed by another request; read it again', details?: ErrorDetails) {
  return conflict('DOSSIER_VERSION_CONFLICT', message, details);
}

/**
 * An event as the history API shows it, which is what its hash covers: its data only by hash,
 * so the history can be checked without showing personal numbers.
 */
export function dossierHistoryEntry(e: EventColumns<DossierEventEntity>) {
  const { data, at, dossier: _dossier, ...shown } = e;
  return { ...shown, dataHash: dataHash(data), at: at.toISOString() };
}

export type DossierHistoryEntry = ReturnType<typeof dossierHistoryEntry>;

/** A dossier's tables for the ledger. */
export const DOSSIER_BOOK: LedgerBook<DossierEntity, DossierEventEntity, NewEvent, DossierHistoryEntry> = {
  rows: DossierEntity,
  events: DossierEventEntity,
  owner: 'dossierId',
  relation: 'dossier',
  columns(after, e, now) {
    return {
      dossierId: after.id,
      seq: after.version,
      type: e.type,
      action: e.action,
      fromState: e.fromState,
      toState: after.state,
      actor: e.actor,
      comment: e.comment ?? null,
      reason: e.reason ?? null,
      data: e.data ?? null,
      at: now,
    };
  },
  entry: dossierHistoryEntry,
  conflict: () => dossierVersionConflict(),
};

/**
 * The one write path of a dossier's state: the ledger's statement with, in it, the portal's
 * outbox message, the step record (dossier_step) and, for an action sent with an Idempotency-Key,
 * the answer to replay.
 */
@Injectable()
export class DossierLedger {
  create(manager: EntityManager, dossier: NewDossier, event: NewEvent, now: Date): Promise<DossierEntity> {
    return Ledger.create<DossierEntity, DossierEventEntity, NewEvent>(manager, DOSSIER_BOOK, dossier, event, now, [
      outboxMessage(event, now),
      ...stepLogWrites(event, now),
    ]);
  }

  /**
   * Applies `changes` if nobody changed the dossier since `before` was read; else 409. `also`: the
   * rows another capability writes with the change (a decision, a notice), unknown to the ledger.
   */
  record(
    manager: EntityManager,
    before: DossierState,
    changes: DossierChanges,
    event: NewEvent,
    now: Date,
    remember?: RememberedAnswer,
    also: WrittenWith<DossierState>[] = [],
  ): Promise<DossierState> {
    const withIt: WrittenWith<DossierState>[] = [...(toldToPortal(event) ? [outboxMessage(event, now)] : []), ...stepLogWrites(event, now), ...also];
    if (remember) {
      const { response, ...key } = remember;
      withIt.push({ into: IdempotencyKeyEntity, values: (after) => ({ ...key, dossierId: after.id, statusCode: 200, response: response(after) }) });
    }
    return Ledger.record(manager, DOSSIER_BOOK, before, changes, event, now, withIt);
  }
}

/** The portal hears of the loan when it is signed, not of each payment that follows (its status stays 10). */
function toldToPortal(e: NewEvent): boolean {
  return e.action !== 'record-payment';
}

/** The portal's status message about the dossier as it is after the change. */
function outboxMessage(e: NewEvent, now: Date): WrittenWith<DossierState> {
  return { into: OutboxMessageEntity, values: (dossier) => portalMessage(dossier, e, now) };
}

/**
 * The document a result message names: the refusal (form 03 before acceptance, a notice after), the
 * decision of an approval, the loan's contract. Its number is null where the service numbers none yet.
 */
function resultDocument(dossier: DossierState, e: NewEvent, now: Date): { document?: JsonObject } {
  const data = e.data ?? {};
  const numbered = (form: string, number: unknown, issuedAt: unknown = now.toISOString()) => ({
    document: { form, number: typeof number === 'string' ? number : null, issuedAt: typeof issuedAt === 'string' ? issuedAt : now.toISOString() },
  });
  const decision = (data.decision ?? {}) as JsonObject;
  switch (e.action) {
    case 'reject':
      return numbered(dossier.snapshot.context.accepted === false ? '03' : 'notice', (data.notice as JsonObject | undefined)?.number);
    case 'approve':
      // With the total approved: what the employer learns it was granted.
      return { document: { ...numbered('decision', decision.number, decision.issuedAt).document, total: typeof decision.total === 'number' ? decision.total : null } };
    case 'disburse':
      return numbered('loan', data.contractNumber);
    default:
      return {};
  }
}

function portalMessage(dossier: DossierState, e: NewEvent, now: Date): Partial<OutboxMessageEntity> {
  const id = randomUUID();
  return {
    id,
    dossierId: dossier.id,
    payload: {
      messageId: id,
      // The history event's seq (the version after the change): it grows with every change of the
      // dossier, so the portal can drop a message older than one it has.
      sequence: dossier.version,
      portalCode: dossier.portalCode,
      status: dossier.status,
      state: dossier.state,
      step: dossier.currentStep,
      at: now.toISOString(),
      comment: e.comment ?? e.reason ?? null,
      dueAt: dossier.dueAt?.toISOString() ?? null,
      appointedReturnDate: dossier.appointedReturnAt?.toISOString() ?? null,
      event: e.type === 'action' ? e.action : e.type,
      // What a supplement request asks for (form 02), and the document a result is given in.
      ...(e.action === 'request-supplement' ? { items: e.data?.items ?? [] } : {}),
      ...resultDocument(dossier, e, now),
      MaHoSo: dossier.portalCode,
      TrangThaiHoSo: dossierPortalStatus(procedureOf(dossier), dossier),
      // The date in force; the legal appointed date beside it, so an apology cannot pass for on time.
      NgayHenTra: dossier.dueAt?.toISOString() ?? null,
      NgayHenTraBanDau: dossier.appointedReturnAt?.toISOString() ?? null,
      NgayKetThucXuLy: dossier.finishedAt?.toISOString() ?? null,
    },
    state: 'pending',
    nextAttemptAt: now,
  };
}
