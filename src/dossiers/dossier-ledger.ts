import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { JsonObject } from '../common/canonical-json';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { conflict } from '../common/domain-error';
import { OutboxMessageEntity } from '../portal/outbox-message.entity';
import { portalStatusCode } from '../portal/portal-status';
import { findProcedure } from '../workflow/procedures';
import { DossierEventEntity, type EventActor } from './dossier-event.entity';
import { DossierEntity } from './dossier.entity';
import { dataHash, eventHash } from './history-hash';

export interface NewEvent {
  type: 'submitted' | 'action' | 'apology';
  action: string | null;
  fromState: string | null;
  actor: EventActor;
  comment?: string | null;
  reason?: string | null;
  data?: JsonObject | null;
}

/**
 * The one write path of a dossier's state: the row (conditional on its version), the
 * hash-chained history event and the portal's outbox message, in the caller's transaction.
 */
@Injectable()
export class DossierLedger {
  async create(manager: EntityManager, dossier: DossierEntity, event: NewEvent, now: Date): Promise<DossierEntity> {
    await manager.insert(DossierEntity, row({ ...dossier, createdAt: now, updatedAt: now }));
    await this.append(manager, dossier, event, null, now);
    return { ...dossier, createdAt: now, updatedAt: now };
  }

  /** Applies `changes` if nobody changed the dossier since `before` was read; else 409. */
  async record(
    manager: EntityManager,
    before: DossierEntity,
    changes: Partial<DossierEntity>,
    event: NewEvent,
    now: Date,
  ): Promise<DossierEntity> {
    const after: DossierEntity = { ...before, ...changes, version: before.version + 1, updatedAt: now };
    // Only the changed columns: rewriting the unchanged jsonb (content lists every worker) costs
    // a serialization here and a new TOAST copy in PostgreSQL (docs/benchmarks.md).
    const { createdAt: _c, id: _i, ...changed } = { ...changes, version: after.version, updatedAt: now };
    const result = await manager
      .createQueryBuilder()
      .update(DossierEntity)
      .set(row(changed))
      .where('id = :id AND version = :version', { id: before.id, version: before.version })
      // The head of the history in the same round trip; the row lock keeps it the head.
      .returning('(SELECT e.hash FROM dossier_event e WHERE e.dossier_id = dossier.id AND e.seq = dossier.version - 1) AS prev_hash')
      .execute();
    if (result.affected !== 1) {
      throw conflict('DOSSIER_VERSION_CONFLICT', 'the dossier was changed by another request; read it again');
    }
    const [{ prev_hash: prevHash }] = result.raw as { prev_hash: string | null }[];
    await this.append(manager, after, event, prevHash, now);
    return after;
  }

  private async append(manager: EntityManager, dossier: DossierEntity, e: NewEvent, prevHash: string | null, now: Date) {
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
    await manager.insert(
      DossierEventEntity,
      row<DossierEventEntity>({ ...columns, data: e.data ?? null, at: now, prevHash, hash: eventHash(prevHash, content) }),
    );
    await manager.insert(OutboxMessageEntity, row<OutboxMessageEntity>(this.message(dossier, e, now)));
  }

  private message(dossier: DossierEntity, e: NewEvent, now: Date) {
    const id = randomUUID();
    const procedure = findProcedure(dossier.procedureCode, dossier.procedureVersion);
    const firstStep = procedure?.steps[1]?.key ?? '';
    return {
      id,
      dossierId: dossier.id,
      payload: {
        messageId: id,
        portalCode: dossier.portalCode,
        status: dossier.status,
        state: dossier.state,
        step: dossier.currentStep,
        at: now.toISOString(),
        comment: e.comment ?? e.reason ?? null,
        dueAt: dossier.dueAt?.toISOString() ?? null,
        event: e.type === 'action' ? e.action : e.type,
        MaHoSo: dossier.portalCode,
        TrangThaiHoSo: portalStatusCode(dossier.status, dossier.state, firstStep),
        NgayHenTra: dossier.dueAt?.toISOString() ?? null,
        NgayKetThucXuLy: dossier.finishedAt?.toISOString() ?? null,
      },
      state: 'pending' as const,
      nextAttemptAt: now,
    };
  }
}

/** TypeORM's deep-partial types cannot follow jsonb columns typed as plain objects. */
function row<T>(value: Partial<T>): QueryDeepPartialEntity<T> {
  return value as QueryDeepPartialEntity<T>;
}
