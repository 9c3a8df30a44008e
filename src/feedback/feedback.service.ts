import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { JsonObject } from '../common/canonical-json';
import { conflict, DomainError, forbidden, invalid, notFound } from '../common/domain-error';
import { validatedPart } from '../common/validation';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { CalendarService } from '../calendar/calendar.service';
import { localDate, type WorkingCalendar } from '../calendar/core';
import { DossierEntity } from '../dossiers/dossier.entity';
import { OutboxMessageEntity } from '../dossiers/outbox-message.entity';
import { actorOf, type EventActor, PUBLIC_ACTOR } from '../common/event-actor';
import { Ledger, type WrittenWith } from '../ledger/ledger';
import { emptyPage, type Keyset, type PageQuery, readPage } from '../ledger/pages';
import { UnitEntity } from '../directory/unit.entity';
import type { Principal } from '../common/principal';
import { AnswerDataDto, AssignDataDto, CloseDataDto, type FeedbackActionDto, PublishDataDto, ReturnDataDto } from './dto/feedback-action.dto';
import type { ListFeedbackQuery } from './dto/list-feedback.query';
import type { PortalFeedbackDto, SubmitFeedbackDto } from './dto/submit-feedback.dto';
import { feedbackAvailableActions, feedbackRefusals, type FeedbackScope, mayReadFeedback } from './feedback-access';
import { FEEDBACK_BOOK } from './feedback-ledger';
import { feedbackPublishedMessage } from './feedback-portal-message';
import { type FeedbackEvent, decideFeedback, startFeedback } from './feedback.machine';
import { FeedbackEntity } from './feedback.entity';
import { feedbackView, type FeedbackView, isSenderContact, publishedView, senderView } from './feedback-view';

/** Decree 20/2008 / Decision 31/2021: forwarded to the competent unit within 5 working days of receipt. */
export const FORWARDING_WORKING_DAYS = 5;

/** The lists' orders (their cursors' keysets): newest received, and latest published, first. */
const NEWEST_FIRST: Keyset = { columns: [{ expr: 'f.received_at', type: 'timestamptz' }, { expr: 'f.id', type: 'uuid' }], direction: 'DESC' };
const LATEST_PUBLISHED: Keyset = { columns: [{ expr: 'f.published_at', type: 'timestamptz' }, { expr: 'f.tracking_code', type: 'text' }], direction: 'DESC' };

@Injectable()
export class FeedbackService {
  private readonly logger = new Logger('Feedback');

  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Records a feedback in the register under the day's next tracking code. */
  async submit(dto: SubmitFeedbackDto, now: Date): Promise<{ id: string; trackingCode: string }> {
    return this.db.transaction((m) => this.record(m, dto, now, now, null, PUBLIC_ACTOR));
  }

  /**
   * A feedback the national portal received and delivers (integration token), idempotent by the
   * portal's own code: the same code again answers the record made the first time (`created` false).
   */
  async submitFromPortal(dto: PortalFeedbackDto, principal: Principal, now: Date): Promise<{ created: boolean; id: string; trackingCode: string }> {
    if (principal.kind !== 'integration') throw forbidden('FEEDBACK_SUBMIT_FORBIDDEN', 'only the portal integration delivers feedback here; citizens use /public/feedback');
    const receivedAt = new Date(dto.receivedAt);
    if (receivedAt.getTime() > now.getTime() + 5 * 60_000) throw invalid('VALIDATION_FAILED', [`receivedAt ${dto.receivedAt} is in the future`]);
    const existing = async () => this.db.getRepository(FeedbackEntity).findOne({ where: { portalCode: dto.portalCode }, select: { id: true, trackingCode: true } });
    const found = await existing();
    if (found) return { created: false, id: found.id, trackingCode: found.trackingCode };
    const { portalCode, receivedAt: _r, ...content } = dto;
    try {
      return { created: true, ...(await this.db.transaction((m) => this.record(m, content, receivedAt, now, portalCode, actorOf(principal)))) };
    } catch (error) {
      // The same code delivered twice at once: the other request recorded it.
      const winner = await existing();
      if (winner) return { created: false, id: winner.id, trackingCode: winner.trackingCode };
      throw error;
    }
  }

  private async record(m: EntityManager, dto: SubmitFeedbackDto, receivedAt: Date, now: Date, portalCode: string | null, actor: EventActor) {
    const cal = await this.calendars.current();
    const snapshot = startFeedback();
    const { name, phone, email, address } = dto.contact;
    const contact = { name, ...(phone ? { phone } : {}), ...(email ? { email } : {}), ...(address ? { address } : {}) };
    const trackingCode = await nextTrackingCode(m, receivedAt);
    const f = await Ledger.create(
      m,
      FEEDBACK_BOOK,
      {
        id: randomUUID(), trackingCode, title: dto.title, content: dto.content, contact, dossierPortalCode: dto.dossierPortalCode ?? null,
        unitCode: null, state: snapshot.value, snapshot, version: 1, answer: null, publishedContent: null, closeReason: null, returnedAt: null, returnReason: null, portalCode, receivedAt,
        dueAt: cal.addWorkingDays(receivedAt, FORWARDING_WORKING_DAYS), answeredAt: null, publishedAt: null,
      },
      { action: 'receive', fromState: null, actor, data: portalCode ? { portalCode } : null },
      now,
    );
    return { id: f.id, trackingCode };
  }

  /** By tracking code; with the sender's phone or email (`contact`), also the answer not published and the closing reason. */
  async track(trackingCode: string, contact?: string) {
    const f = await this.db.getRepository(FeedbackEntity).findOneBy({ trackingCode });
    if (!f) throw notFound('FEEDBACK_NOT_FOUND', `no feedback has tracking code ${trackingCode}`);
    if (contact === undefined) return senderView(f);
    // A wrong contact answers like an unknown code: the answer never tells which part was wrong.
    if (!isSenderContact(f, contact)) throw notFound('FEEDBACK_NOT_FOUND', `no feedback has tracking code ${trackingCode}`);
    return senderView(f, true);
  }

  async published(q: PageQuery) {
    const qb = this.db.getRepository(FeedbackEntity).createQueryBuilder('f').where("f.state = 'published'");
    return readPage(qb, q, LATEST_PUBLISHED, publishedView);
  }

  /** Admins: all; officials: forwarded to their unit, or about a dossier in their jurisdiction. */
  async list(q: ListFeedbackQuery, principal: Principal, now: Date) {
    const qb = this.db.getRepository(FeedbackEntity).createQueryBuilder('f');
    if (q.state) qb.andWhere('f.state = :state', { state: q.state });
    if (q.overdue === 'true') qb.andWhere('f.due_at < :now', { now });
    if (q.overdue === 'false') qb.andWhere('(f.due_at IS NULL OR f.due_at >= :now)', { now });
    if (principal.kind === 'official') {
      const o = principal.official;
      if (!o) return emptyPage<FeedbackView>(q);
      const district = o.districtCode ? 'AND d.district_code = :district' : '';
      qb.andWhere(
        `(f.unit_code = :unit OR EXISTS (SELECT 1 FROM dossier d WHERE d.portal_code = f.dossier_portal_code AND d.province_code = :province ${district}))`,
        { unit: o.unitCode, province: o.provinceCode, district: o.districtCode },
      );
    }
    return readPage(qb, q, NEWEST_FIRST, (f) => feedbackView(f, principal, null, now));
  }

  async get(id: string, principal: Principal, now: Date) {
    const { feedback, scope } = await this.load(this.db.manager, id, principal);
    return feedbackView(feedback, principal, scope.linkedDossier, now);
  }

  /** The register entries, oldest first; each hash covers the entry's other fields and the previous hash. */
  async history(id: string, principal: Principal) {
    await this.load(this.db.manager, id, principal);
    return Ledger.history(this.db.manager, FEEDBACK_BOOK, id);
  }

  /** One action: checked, decided, and written by the ledger in one statement on the version read. */
  async act(id: string, dto: FeedbackActionDto, principal: Principal, now: Date) {
    const m = this.db.manager;
    const { feedback: before, scope } = await this.load(m, id, principal);
    // The data is checked first but refused last: a refusal says first what is wrong in this state (409), then whose it is (403).
    const parsed = await this.eventOf(m, dto).then(
      (event) => ({ event, invalid: null }),
      (error: unknown) => {
        if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
        return { event: { type: dto.action } as FeedbackEvent, invalid: error };
      },
    );
    const decision = decideFeedback(before.snapshot, parsed.event);
    if (decision.kind === 'not-available') {
      throw conflict('FEEDBACK_ACTION_NOT_AVAILABLE', `action "${dto.action}" is not available in state "${before.state}"`, {
        state: before.state,
        availableActions: feedbackAvailableActions(principal, scope),
      });
    }
    const reasons = feedbackRefusals(principal, scope, dto.action);
    if (reasons.length) throw forbidden('FEEDBACK_ACTION_FORBIDDEN', reasons.join('; '), { reasons });
    if (parsed.invalid) throw parsed.invalid;
    const event = parsed.event;
    const cal = await this.calendars.current();
    const withIt = event.type === 'publish' ? [await this.portalMessage(m, before, now)] : [];
    const after = await Ledger.record(
      m,
      FEEDBACK_BOOK,
      before,
      {
        state: decision.toState,
        snapshot: decision.snapshot,
        unitCode: decision.snapshot.context.unitCode,
        // A returned answer is no answer: the unit's new one replaces it (the register keeps both).
        answer: event.type === 'answer' ? event.answer : event.type === 'return' ? null : before.answer,
        answeredAt: event.type === 'answer' ? now : event.type === 'return' ? null : before.answeredAt,
        returnedAt: event.type === 'return' ? now : before.returnedAt,
        returnReason: event.type === 'return' ? event.reason : before.returnReason,
        publishedAt: event.type === 'publish' ? now : before.publishedAt,
        publishedContent: event.type === 'publish' ? event.content ?? null : before.publishedContent,
        closeReason: event.type === 'close' ? event.reason : before.closeReason,
        dueAt: this.dueAfter(event, cal, now),
      },
      { action: dto.action, fromState: before.state, actor: actorOf(principal), data: eventData(event) },
      now,
      withIt,
    );
    this.logger.log({ feedbackId: id, from: before.state, to: after.state, action: dto.action, actor: principal.id }, 'feedback state change');
    return feedbackView(after, principal, scope.linkedDossier, now);
  }

  /**
   * The published answer for the national portal, queued in the publishing statement itself (so it
   * goes if and only if the feedback is published), then delivered, signed and retried like a
   * dossier's status, in order per feedback.
   */
  private async portalMessage(m: EntityManager, before: FeedbackEntity, now: Date): Promise<WrittenWith<FeedbackEntity>> {
    const unit = before.unitCode ? await m.findOne(UnitEntity, { where: { code: before.unitCode }, select: { code: true, name: true } }) : null;
    const answering = { code: before.unitCode ?? '', name: unit?.name ?? before.unitCode ?? '' };
    const id = randomUUID();
    return {
      into: OutboxMessageEntity,
      values: (after) => ({ id, feedbackId: after.id, payload: feedbackPublishedMessage(id, after, answering), state: 'pending', nextAttemptAt: now }),
    };
  }

  /** Forwarded, or an answer sent back: the unit's answering time starts (again); answered or ended: nothing more is due. */
  private dueAfter(event: FeedbackEvent, cal: WorkingCalendar, now: Date): Date | null {
    return event.type === 'assign' || event.type === 'return' ? cal.addWorkingDays(now, this.config.feedbackAnswerWorkingDays) : null;
  }

  private async eventOf(m: EntityManager, dto: FeedbackActionDto): Promise<FeedbackEvent> {
    switch (dto.action) {
      case 'assign': {
        const { unitCode } = await validatedPart(AssignDataDto, dto.data, 'data');
        if (!(await m.existsBy(UnitEntity, { code: unitCode }))) throw invalid('FEEDBACK_UNIT_UNKNOWN', [`data.unitCode ${unitCode} is not a known unit`]);
        return { type: 'assign', unitCode };
      }
      case 'answer':
        return { type: 'answer', answer: (await validatedPart(AnswerDataDto, dto.data, 'data')).answer };
      case 'return':
        return { type: 'return', reason: (await validatedPart(ReturnDataDto, dto.data, 'data')).reason };
      case 'publish':
        return { type: 'publish', content: (await validatedPart(PublishDataDto, dto.data, 'data')).content };
      case 'close':
        return { type: 'close', reason: (await validatedPart(CloseDataDto, dto.data, 'data')).reason };
      default:
        if (dto.data && Object.keys(dto.data).length) throw invalid('VALIDATION_FAILED', [`data must be empty for ${dto.action}`]);
        return { type: dto.action };
    }
  }

  /** The feedback if the principal may read it: 404 unknown, 403 outside their unit and jurisdiction. */
  private async load(m: EntityManager, id: string, principal: Principal): Promise<{ feedback: FeedbackEntity; scope: FeedbackScope }> {
    const feedback = await m.findOneBy(FeedbackEntity, { id });
    if (!feedback) throw notFound('FEEDBACK_NOT_FOUND', `feedback ${id} does not exist`);
    const scope = await this.scopeOf(m, feedback);
    if (!mayReadFeedback(principal, scope)) {
      throw forbidden('FEEDBACK_OUT_OF_SCOPE', 'the feedback is neither assigned to your unit nor about a dossier in your jurisdiction');
    }
    return { feedback, scope };
  }

  private async scopeOf(m: EntityManager, f: FeedbackEntity): Promise<FeedbackScope> {
    const dossier = f.dossierPortalCode
      ? await m.findOne(DossierEntity, { where: { portalCode: f.dossierPortalCode }, select: { provinceCode: true, districtCode: true } })
      : null;
    return { unitCode: f.unitCode, snapshot: f.snapshot, linkedDossier: dossier };
  }

}

/** `PAKN.YYYYMMDD.NNNN` for the day of `now` in Vietnam; one transaction at a time per day takes a number. */
async function nextTrackingCode(m: EntityManager, now: Date): Promise<string> {
  const day = `PAKN.${localDate(now).replaceAll('-', '')}`;
  await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [day]);
  const [{ n }] = await m.query(
    `SELECT coalesce(max(split_part(tracking_code, '.', 3)::int), 0) + 1 AS n FROM feedback WHERE tracking_code LIKE $1 || '.%'`,
    [day],
  );
  return `${day}.${String(n).padStart(4, '0')}`;
}

/** What the register entry records of an action. */
function eventData(event: FeedbackEvent): JsonObject | null {
  if (event.type === 'assign') return { unitCode: event.unitCode };
  if (event.type === 'answer') return { answer: event.answer };
  if (event.type === 'publish' && event.content !== undefined) return { content: event.content };
  if (event.type === 'close' || event.type === 'return') return { reason: event.reason };
  return null;
}
