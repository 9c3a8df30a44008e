import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { validatedPart } from '../common/validation';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared';
import { RowReader } from '../database/row-reader';
import { AdministrativeUnits } from '../common/administrative-units';
import { canonicalJson, sha256 } from '../common/canonical-json';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { localDate } from '../calendar/core';
import { assertUnreachable } from '../common/assert-unreachable';
import { actorOf } from '../common/event-actor';
import { isUniqueViolation } from '../common/postgres-errors';
import { conflict, DomainError, forbidden, invalidFields, notFound, ruleBroken } from '../common/domain-error';
import { CalendarService } from '../calendar/calendar.service';
import { Metrics } from '../metrics/metrics.service';
import { maySee, refusals, stepHolderRefusals } from '../grants/access';
import type { Principal } from '../common/principal';
import { ProceduresService } from '../procedures/procedures.service';
import { decideAction, startDossier } from '../workflow/decide';
import type { RuleViolation } from '../workflow/rules';
import { type Procedure, procedureOf } from '../workflow/definitions';
import type { ActionEvent } from '../workflow/types';
import { type LegalEvent, supplementItems } from '../workflow/legal-rules';
import type { JsonObject } from '../common/canonical-json';
import { type EligibilityFindings, type EligibilityInput, eligibilityFindings, type EligibilitySummary, summarize } from '../workflow/eligibility';
import { type ContentToCheck, contentProblems } from './dossier-content';
import { DossierEventEntity } from './dossier-event.entity';
import { type DossierChanges, DossierLedger, dossierHistoryEntry, dossierVersionConflict, type NewDossier, type RememberedAnswer } from './dossier-ledger';
import { dossierView, type DossierView } from './dossier-view';
import { type DossierContent, DossierEntity, type DossierState } from './dossier.entity';
import type { DossierActionDto } from './dto/dossier-action.dto';
import type { ListDossiersQuery } from './dto/list-dossiers.query';
import { SupplementDataDto, type SubmitDossierDto } from './dto/submit-dossier.dto';
import { nextClock, NO_CLOCK } from './due-dates';
import { submittedAtRefusal } from './intake';
import { stepHandover } from './step-log';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** Decree 45/2020/NĐ-CP: an online dossier is accepted or sent back for a supplement within 8 working hours. */
const RECEIPT_WORKING_MS = 8 * 3_600_000;

/** The metrics' procedure label of a refusal that came before the dossier was read (no such dossier, not yours). */
const UNKNOWN_PROCEDURE = 'unknown';

interface ActionTally {
  procedure: string;
  outcome: 'ok' | 'replayed';
}

@Injectable()
export class DossiersService {
  private readonly logger = new Logger('Dossiers');
  private stateReader?: RowReader<DossierState>;

  constructor(
    private readonly db: DataSource,
    private readonly ledger: DossierLedger,
    private readonly procedures: ProceduresService,
    private readonly calendars: CalendarService,
    private readonly units: AdministrativeUnits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /** A dossier's state where `where` (one condition on $1) holds: every column but `content` (the worker list, most of a row). */
  private async findState(manager: EntityManager, where: 'id' | 'portal_code', value: string): Promise<DossierState | null> {
    const [row] = await preparedQuery(manager, `SELECT ${this.state().columns} FROM "dossier" WHERE ${where} = $1`, [value]);
    return row ? this.state().hydrate(row) : null;
  }

  private state(): RowReader<DossierState> {
    return (this.stateReader ??= new RowReader<DossierState>(this.db, DossierEntity, ['content']));
  }

  view(d: DossierState, principal: Principal, now: Date): DossierView {
    return dossierView(d, procedureOf(d), principal, now);
  }

  /** Step 1: receives a dossier from the portal; idempotent by portalCode. */
  async submit(dto: SubmitDossierDto, principal: Principal, now: Date): Promise<{ created: boolean; dossier: DossierView }> {
    try {
      const answer = await this.receive(dto, principal, now);
      this.metrics.action(dto.procedureCode, 'submit', answer.created ? 'ok' : 'replayed');
      return answer;
    } catch (error) {
      this.metrics.actionFailed(dto.procedureCode, 'submit', error);
      throw error;
    }
  }

  private async receive(dto: SubmitDossierDto, principal: Principal, now: Date): Promise<{ created: boolean; dossier: DossierView }> {
    if (principal.kind !== 'integration') throw forbidden('DOSSIER_SUBMIT_FORBIDDEN', 'only the portal integration may submit dossiers');
    this.checkSubmission(dto);
    const submissionHash = sha256(canonicalJson(dto));
    const existing = await this.findState(this.db.manager, 'portal_code', dto.portalCode);
    if (existing) return { created: false, dossier: this.sameSubmission(existing, submissionHash, principal, now) };

    const submittedAt = new Date(dto.submittedAt);
    const refusal = submittedAtRefusal(submittedAt, now, this.config.submissionMaxAgeDays);
    if (refusal) throw refusal;
    // The version in force when the employer submitted, for the dossier's whole life.
    const procedure = await this.procedures.forSubmission(dto.procedureCode, submittedAt);
    const cal = await this.calendars.current();
    const signed = Boolean(dto.signature);
    const d = decideAction(procedure, startDossier(procedure, { signed, channel: 'online' }), { type: 'submit' });
    // Every procedure's machine starts in `submission`, whose `submit` has no rule.
    if (d.kind !== 'decision') throw new Error(`${procedure.code}@${procedure.version} cannot be submitted: ${JSON.stringify(d)}`);
    const base = {
      id: randomUUID(),
      portalCode: dto.portalCode,
      procedureCode: procedure.code,
      procedureVersion: procedure.version,
      state: d.toState,
      status: d.status,
      ...NO_CLOCK,
      receivedAt: now,
      submittedAt,
      // The receiving unit accepts the dossier or asks for a supplement within 8 working hours (Decree 45/2020).
      receiptDueAt: cal.addWorkingMs(submittedAt, RECEIPT_WORKING_MS),
      eligibility: this.eligibilityOf(procedure, dto.applicant, dto),
      insuranceSignature: null,
      resultReturnedAt: null,
      applicant: dto.applicant,
      taxCode: dto.applicant.taxCode,
      provinceCode: dto.applicant.provinceCode,
      districtCode: dto.applicant.districtCode,
      workerCount: dto.workers.length,
      signed,
      content: { signature: dto.signature ?? null, workers: dto.workers, loan: dto.loan ?? null, attachments: dto.attachments ?? [], submittedAt: dto.submittedAt },
      submissionHash,
      snapshot: d.snapshot,
      version: 1,
    } as unknown as NewDossier;
    // The legal clock starts when the portal received the dossier, not when it reached this service.
    const dossier = { ...base, ...nextClock(procedure, base, d, cal, submittedAt) };
    try {
      const saved = await this.ledger.create(
        this.db.manager,
        dossier,
        {
          type: 'submitted',
          action: 'submit',
          fromState: 'submission',
          actor: actorOf(principal),
          // What the receipt (form 01) states, fixed at this moment.
          data: {
            submittedAt: submittedAt.toISOString(),
            appointedReturnAt: dossier.dueAt?.toISOString() ?? null,
            workerCount: dto.workers.length,
            attachments: (dto.attachments ?? []).map((a) => a.name),
          },
          handover: stepHandover(d, 'submit', base, dossier, cal, now),
        },
        now,
      );
      this.logChange(saved, 'submission', 'submit', principal);
      return { created: true, dossier: this.view(saved, principal, now) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent submission of the same portalCode won the race.
      const winner = await this.findState(this.db.manager, 'portal_code', dto.portalCode);
      if (!winner) throw error;
      return { created: false, dossier: this.sameSubmission(winner, submissionHash, principal, now) };
    }
  }

  /** The eligibility findings of a dossier's content under its version's rules, as the row keeps them. */
  eligibilityOf(procedure: Procedure, applicant: { provinceCode: string; districtCode: string }, content: Omit<EligibilityInput, 'wageRegion'>): EligibilitySummary {
    return summarize(eligibilityFindings(procedure.eligibility, { ...content, wageRegion: this.units.wageRegion(applicant.provinceCode, applicant.districtCode) }));
  }

  /** The cross-field checks on a submission (contentProblems, the applicant's district); every failure names its field. */
  private checkSubmission(dto: SubmitDossierDto): void {
    const errors = contentProblems(dto);
    const { provinceCode, districtCode } = dto.applicant;
    const district = this.units.districtProblem(provinceCode, districtCode, localDate(new Date(dto.submittedAt)), this.config.districtCheck);
    if (district) errors.push({ field: 'applicant.districtCode', constraint: 'isDistrictOfProvince', message: `applicant.districtCode: ${district}` });
    if (errors.length) throw invalidFields('VALIDATION_FAILED', errors);
  }

  private sameSubmission(existing: DossierState, hash: string, principal: Principal, now: Date): DossierView {
    if (existing.submissionHash !== hash) {
      throw conflict('DOSSIER_PORTAL_CODE_CONFLICT', `portalCode ${existing.portalCode} was already submitted with a different body`, {
        dossierId: existing.id,
      });
    }
    return this.view(existing, principal, now);
  }

  async get(id: string, principal: Principal, now: Date): Promise<DossierView> {
    return this.view(await this.load(id, principal), principal, now);
  }

  /** The dossier's state (not its content) if the principal may see it: 404 unknown, 403 outside its jurisdiction. */
  async load(id: string, principal: Principal, manager: EntityManager = this.db.manager): Promise<DossierState> {
    const d = await this.findState(manager, 'id', id);
    if (!d) throw notFound('DOSSIER_NOT_FOUND', `dossier ${id} does not exist`);
    if (!maySee(principal, d)) throw forbidden('DOSSIER_OUT_OF_JURISDICTION', 'the dossier is outside your unit\'s jurisdiction');
    return d;
  }

  async list(q: ListDossiersQuery, principal: Principal, now: Date) {
    const qb = this.db.getRepository(DossierEntity).createQueryBuilder('d').select(this.state().properties.map((p) => `d.${p}`));
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.procedure) qb.andWhere('d.procedure_code = :procedure', { procedure: q.procedure });
    if (q.state) qb.andWhere('d.state = :state', { state: q.state });
    if (q.overdue === 'true') qb.andWhere('d.step_due_at < :now', { now });
    if (q.overdue === 'false') qb.andWhere('(d.step_due_at IS NULL OR d.step_due_at >= :now)', { now });
    const official = principal.kind === 'official' ? principal.official : null;
    if (principal.kind === 'official') {
      if (!official) return { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
      qb.andWhere('d.province_code = :province', { province: official.provinceCode });
      if (official.districtCode) qb.andWhere('d.district_code = :district', { district: official.districtCode });
    }
    const [rows, total] = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: rows.map((d) => this.view(d, principal, now)), page: q.page, pageSize: q.pageSize, total };
  }

  /**
   * The result of an approved dossier was returned to the applicant (portal code 10): the portal's
   * acknowledgement (integration) or the approving unit's record (an official of the last step).
   * Not a move of the machine: the dossier stays approved; the history and the portal learn it.
   */
  async returnResult(id: string, dto: { comment?: string }, principal: Principal, now: Date): Promise<DossierView> {
    const before = await this.load(id, principal);
    const procedure = procedureOf(before);
    if (principal.kind !== 'integration') {
      const last = procedure.steps.at(-1)!;
      const reasons = stepHolderRefusals(principal, procedure, before, last.key, 'record the result as returned');
      if (reasons.length) throw forbidden('DOSSIER_ACTION_FORBIDDEN', reasons.join('; '), { reasons });
    }
    if (before.status !== 'approved') {
      throw conflict('DOSSIER_RESULT_NOT_RETURNABLE', `the dossier is ${before.status}; only an approved dossier's result is returned this way (a disbursal returns a loan's)`);
    }
    if (before.resultReturnedAt) throw conflict('DOSSIER_RESULT_ALREADY_RETURNED', `the result was returned at ${before.resultReturnedAt.toISOString()}`);
    const after = await this.ledger.record(
      this.db.manager,
      before,
      { resultReturnedAt: now },
      { type: 'result-returned', action: null, fromState: before.state, actor: actorOf(principal), comment: dto.comment ?? null },
      now,
    );
    this.logChange(after, before.state, 'result-returned', principal);
    return this.view(after, principal, now);
  }

  /** The eligibility findings of every worker, computed now from the dossier's content under its version's rules. */
  async eligibility(id: string, principal: Principal): Promise<EligibilityFindings & { procedureCode: string; procedureVersion: number; legalBasis: string }> {
    const d = await this.load(id, principal);
    const procedure = procedureOf(d);
    const content = (await this.contentOf(id)) as unknown as Omit<EligibilityInput, 'wageRegion'>;
    const findings = eligibilityFindings(procedure.eligibility, { ...content, wageRegion: this.units.wageRegion(d.provinceCode, d.districtCode) });
    return { procedureCode: procedure.code, procedureVersion: procedure.version, legalBasis: procedure.legalBasis, ...findings };
  }

  async history(id: string, principal: Principal) {
    await this.load(id, principal);
    const events = await this.db.getRepository(DossierEventEntity).find({ where: { dossierId: id }, order: { seq: 'ASC' } });
    return events.map(({ dossier: _d, hash, prevHash, ...e }) => ({ ...dossierHistoryEntry(e), hash, prevHash }));
  }

  /** Takes one action on a dossier: one write statement, replayed for a repeated Idempotency-Key. */
  async act(id: string, dto: DossierActionDto, principal: Principal, now: Date, idempotencyKey?: string): Promise<DossierView> {
    // The metrics' labels, filled in as the action goes: the procedure once the dossier is read.
    const tally: ActionTally = { procedure: UNKNOWN_PROCEDURE, outcome: 'ok' };
    try {
      const answer = await this.actOnce(id, dto, principal, now, tally, idempotencyKey);
      this.metrics.action(answer.procedureCode, dto.action, tally.outcome);
      return answer;
    } catch (error) {
      this.metrics.actionFailed(tally.procedure, dto.action, error);
      throw error;
    }
  }

  private async actOnce(
    id: string,
    dto: DossierActionDto,
    principal: Principal,
    now: Date,
    tally: ActionTally,
    idempotencyKey?: string,
  ): Promise<DossierView> {
    const requestHash = sha256(canonicalJson({ id, dto }));
    if (idempotencyKey) {
      const replay = await this.replay(principal, idempotencyKey, requestHash);
      if (replay) {
        tally.outcome = 'replayed';
        return replay;
      }
    }
    const remember = idempotencyKey ? { principalId: principal.id, key: idempotencyKey, requestHash } : undefined;
    try {
      return await this.applyAction(id, dto, principal, now, tally, remember);
    } catch (error) {
      // A repeat racing the first request (e.g. a retry sent to another instance) loses on the
      // key's unique index or on the dossier's version; once the first has committed it gets its answer.
      const lostRace = isUniqueViolation(error) || (error instanceof DomainError && error.kind === 'conflict');
      if (idempotencyKey && lostRace) {
        const replay = await this.replay(principal, idempotencyKey, requestHash);
        if (replay) {
          tally.outcome = 'replayed';
          return replay;
        }
      }
      throw error;
    }
  }

  private async replay(principal: Principal, key: string, requestHash: string): Promise<DossierView | null> {
    const stored = await this.db.getRepository(IdempotencyKeyEntity).findOneBy({ principalId: principal.id, key });
    if (!stored) return null;
    if (stored.requestHash !== requestHash) {
      throw ruleBroken('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different request');
    }
    return stored.response as DossierView;
  }

  private async contentOf(id: string): Promise<DossierContent> {
    return (await this.db.getRepository(DossierEntity).findOneOrFail({ where: { id }, select: { id: true, content: true } })).content;
  }

  /** Reads the dossier, decides, and writes the change in one statement on the version it read. */
  private async applyAction(
    id: string,
    dto: DossierActionDto,
    principal: Principal,
    now: Date,
    tally: ActionTally,
    remember?: Omit<RememberedAnswer, 'response'>,
  ): Promise<DossierView> {
    const before = await this.load(id, principal);
    tally.procedure = before.procedureCode;
    const procedure = procedureOf(before);
    const answer = (d: DossierState) => this.view(d, principal, now);
    // The answer stored for an Idempotency-Key is the one returned: computed once.
    let remembered: DossierView | undefined;
    if (dto.expectedVersion !== undefined && dto.expectedVersion !== before.version) {
      throw dossierVersionConflict(`expectedVersion ${dto.expectedVersion} is stale; the dossier is at version ${before.version}`, {
        version: before.version,
        availableActions: answer(before).availableActions,
      });
    }
    const event: ActionEvent & LegalEvent = {
      type: dto.action,
      reason: dto.reason,
      comment: dto.comment,
      channel: dto.channel,
      data: dto.data,
      items: dto.items,
      ground: dto.ground,
      signature: dto.signature,
      facts: {
        insuranceSigned: before.insuranceSignature !== null,
        eligibilityBlocking: before.eligibility?.blocking === true,
        loanCap: before.eligibility?.totals.loanCap ?? null,
      },
    };
    const decision = decideAction(procedure, before.snapshot, event);
    // Order of refusals: not valid in this state (409), not yours (403), against a rule (400/422).
    if (decision.kind === 'not-available') {
      throw conflict('DOSSIER_ACTION_NOT_AVAILABLE', `action "${dto.action}" is not available in state "${before.state}"`, {
        state: before.state,
        availableActions: answer(before).availableActions,
      });
    }
    const reasons = refusals(principal, procedure, before, dto.action);
    if (reasons.length > 0) throw forbidden('DOSSIER_ACTION_FORBIDDEN', reasons.join('; '), { reasons });
    if (decision.kind === 'rule') throw refusedByRule(decision.violation);
    // The content a supplement merges into, read after `before`: had the dossier changed in between,
    // the write on before.version is refused.
    const content =
      dto.action === 'supplement' && dto.data ? await supplementedContent(before.procedureCode, await this.contentOf(id), dto.data) : null;

    const cal = await this.calendars.current();
    const clock = nextClock(procedure, before, decision, cal, now);
    const changes: DossierChanges = {
      state: decision.toState,
      status: decision.status,
      snapshot: decision.snapshot,
      ...clock,
      ...(dto.action === 'confirm' && dto.signature ? { insuranceSignature: { ...dto.signature, unitCode: actorOf(principal).unitCode } } : {}),
      ...(content
        ? {
            content,
            workerCount: content.workers.length,
            eligibility: this.eligibilityOf(procedure, before.applicant, content as unknown as Omit<EligibilityInput, 'wageRegion'>),
          }
        : {}),
    };
    const after = await this.ledger.record(
      this.db.manager,
      before,
      changes,
      {
        type: 'action',
        action: dto.action,
        fromState: decision.fromState,
        actor: actorOf(principal),
        comment: dto.comment,
        reason: dto.reason,
        data: eventData(procedure, event),
        handover: stepHandover(decision, dto.action, before, clock, cal, now),
      },
      now,
      remember && { ...remember, response: (d) => (remembered = answer(d)) },
    );
    this.logChange(after, decision.fromState, dto.action, principal);
    return remembered ?? answer(after);
  }

  private logChange(d: DossierState, from: string, action: string, principal: Principal): void {
    this.logger.log({ dossierId: d.id, from, to: d.state, action, actor: principal.id, actorKind: principal.kind }, 'dossier state change');
  }
}

/** A broken business rule, answered with the status the rule declares. */
function refusedByRule(v: RuleViolation): DomainError {
  switch (v.status) {
    case 400:
      return new DomainError('invalid', v.code, [v.message], { field: v.field }, [{ field: v.field, message: v.message }]);
    case 422:
      return ruleBroken(v.code, v.message);
    default:
      return assertUnreachable(v);
  }
}


/**
 * What the history keeps of an action: its data, the items a supplement request asks for (form 02),
 * the refusal's ground with the law's wording (form 03), BHXH's signature.
 */
function eventData(procedure: Procedure, event: ActionEvent & LegalEvent): JsonObject | null {
  const extra: JsonObject = {};
  if (event.type === 'request-supplement') extra.items = supplementItems(event) as unknown as JsonObject[];
  if (event.type === 'reject' && event.ground) {
    extra.ground = event.ground;
    extra.groundText = procedure.rejectGrounds.find((g) => g.key === event.ground)?.label ?? null;
  }
  if (event.type === 'confirm' && event.signature) extra.signature = { ...event.signature };
  const data = { ...(event.data ?? {}), ...extra } as JsonObject;
  return Object.keys(data).length ? data : null;
}

/**
 * The content after a supplement: the fields given in `data` replace the dossier's, checked with
 * the submission's rules, field by field (the DTO) and across fields (contentProblems, on the
 * result, so a supplement cannot leave a wage loan without its loan either).
 */
async function supplementedContent(procedureCode: string, current: DossierContent, data: Record<string, unknown>): Promise<DossierContent> {
  const dto = await validatedPart(SupplementDataDto, data, 'data');
  // Only the fields sent: the instance also has the others, as undefined, which would erase them.
  const given = Object.fromEntries(Object.entries(dto).filter(([key, value]) => value !== undefined && key in data));
  const content = { ...current, ...given } as DossierContent;
  const problems = contentProblems(
    { procedureCode, workers: content.workers as unknown as ContentToCheck['workers'], loan: content.loan },
    (path) => `data.${path}`,
  );
  if (problems.length) throw invalidFields('VALIDATION_FAILED', problems);
  return content;
}

