import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { conflict, notFound } from '../common/domain-error';
import { type Keyset, readPage } from '../ledger/pages';
import type { ListOutboxQuery } from './dto/list-outbox.query';
import { OutboxMessageEntity } from '../dossiers/outbox-message.entity';

/** What a message is about: a dossier's status, or a feedback's published answer (its payload's `type`). */
const DOSSIER_STATUS = 'dossier.status';
const FEEDBACK_PUBLISHED = 'feedback.published';

/** In the order the dispatcher sends them (a cursor's keyset). */
const OLDEST_FIRST: Keyset = { columns: [{ expr: 'm.seq', type: 'bigint' }], direction: 'ASC' };

function view(m: OutboxMessageEntity) {
  return {
    id: m.id,
    seq: m.seq,
    type: m.feedbackId ? FEEDBACK_PUBLISHED : DOSSIER_STATUS,
    dossierId: m.dossierId,
    feedbackId: m.feedbackId,
    state: m.state,
    attempts: m.attempts,
    nextAttemptAt: m.state === 'pending' ? m.nextAttemptAt.toISOString() : null,
    lastError: m.lastError,
    createdAt: m.createdAt.toISOString(),
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    payload: m.payload,
  };
}

/** The admins' view of the portal outbox, and the retry that unblocks a failed message's dossier (or feedback). */
@Injectable()
export class OutboxService {
  constructor(private readonly db: DataSource) {}

  async list(q: ListOutboxQuery) {
    const qb = this.db.getRepository(OutboxMessageEntity).createQueryBuilder('m');
    if (q.state) qb.where('m.state = :state', { state: q.state });
    return readPage(qb, q, OLDEST_FIRST, view);
  }

  /** failed → pending, due now, attempts reset: the dispatcher sends it (then its dossier's or feedback's later messages) again. */
  async retry(id: string, now: Date, actor: string) {
    return this.db.transaction(async (m) => {
      const [rows]: [{ id: string }[], number] = await m.query(
        `UPDATE outbox_message SET state = 'pending', attempts = 0, next_attempt_at = $2 WHERE id = $1 AND state = 'failed' RETURNING id`,
        [id, now],
      );
      const message = await m.getRepository(OutboxMessageEntity).findOneBy({ id });
      if (!message) throw notFound('OUTBOX_MESSAGE_NOT_FOUND', `outbox message ${id} does not exist`);
      if (rows.length === 0) throw conflict('OUTBOX_MESSAGE_NOT_FAILED', `outbox message ${id} is ${message.state}; only a failed message can be retried`, { state: message.state });
      await recordAudit(m, actor, 'outbox.retry', { messageId: id, ...(message.feedbackId ? { feedbackId: message.feedbackId } : { dossierId: message.dossierId }), seq: message.seq });
      return view(message);
    });
  }
}
