import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { AdministrativeUnits } from '../common/administrative-units';
import { assertUnreachable } from '../common/assert-unreachable';
import { canonicalJson, sha256 } from '../common/canonical-json';
import { conflict, DomainError, forbidden, invalidFields, ruleBroken } from '../common/domain-error';
import { actorOf } from '../common/event-actor';
import { isUniqueViolation } from '../common/postgres-errors';
import type { Principal } from '../common/principal';
import { validatedPart } from '../common/validation';
import { refusals, stepHolderRefusals } from '../grants/access';
import { approvedWorkers } from '../decisions/decision';
import { DecisionsService } from '../decisions/decisions.service';
import { Metrics } from '../metrics/metrics.service';
import { decideAction } from '../workflow/decide';
import { type Procedure, procedureOf } from '../workflow/definitions';
import { approvingAction, excluding, excludingActions, type ExclusionOutcome, type WorkersLeft } from '../workflow/exclusion';
import type { LegalEvent } from '../workflow/legal-rules';
import type { RuleViolation } from '../workflow/rules';
import type { ActionEvent, Worker } from '../workflow/types';
import { actionChange, type CheckedContent, checkedContent, type DossierChanges, type NewEvent } from './dossier-change';
import { contentProblems, documentProblems, procedureContentProblems } from './dossier-content';
import { DossierLedger, dossierVersionConflict, type RememberedAnswer } from './dossier-ledger';
import { DossierReadsService } from './dossier-reads.service';
import type { DossierView } from './dossier-view';
import type { DossierContent, DossierState } from './dossier.entity';
import type { DossierActionDto } from './dto/dossier-action.dto';
import { SupplementDataDto } from './dto/submit-dossier.dto';
import { IdempotencyKeyEntity } from './idempotency-key.entity';

/** The metrics' procedure label of a refusal that came before the dossier was read (no such dossier, not yours). */
const UNKNOWN_PROCEDURE = 'unknown';

interface ActionTally {
  procedure: string;
  outcome: 'ok' | 'replayed';
}

/** Actions on a dossier's current step, and the record that its result was returned. */
@Injectable()
export class DossierActionsService {
  private readonly logger = new Logger('Dossiers');

  constructor(
    private readonly db: DataSource,
    private readonly ledger: DossierLedger,
    private readonly reads: DossierReadsService,
    private readonly calendars: CalendarService,
    private readonly units: AdministrativeUnits,
    private readonly metrics: Metrics,
    private readonly decisions: DecisionsService,
  ) {}

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

  private async actOnce(id: string, dto: DossierActionDto, principal: Principal, now: Date, tally: ActionTally, idempotencyKey?: string): Promise<DossierView> {
    const requestHash = sha256(canonicalJson({ id, dto }));
    const replayed = async () => {
      const replay = idempotencyKey ? await this.replay(principal, idempotencyKey, requestHash) : null;
      if (replay) tally.outcome = 'replayed';
      return replay;
    };
    const first = await replayed();
    if (first) return first;
    const remember = idempotencyKey ? { principalId: principal.id, key: idempotencyKey, requestHash } : undefined;
    try {
      return await this.apply(id, dto, principal, now, tally, remember);
    } catch (error) {
      // A repeat racing the first request (e.g. a retry sent to another instance) loses on the
      // key's unique index or on the dossier's version; once the first has committed it gets its answer.
      const lostRace = isUniqueViolation(error) || (error instanceof DomainError && error.kind === 'conflict');
      const replay = lostRace ? await replayed() : null;
      if (replay) return replay;
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

  /** Reads the dossier, decides, and writes the change in one statement on the version it read. */
  private async apply(
    id: string,
    dto: DossierActionDto,
    principal: Principal,
    now: Date,
    tally: ActionTally,
    remember?: Omit<RememberedAnswer, 'response'>,
  ): Promise<DossierView> {
    const before = await this.reads.load(id, principal);
    tally.procedure = before.procedureCode;
    const procedure = procedureOf(before);
    const answer = (d: DossierState) => this.reads.view(d, principal, now);
    if (dto.expectedVersion !== undefined && dto.expectedVersion !== before.version) {
      throw dossierVersionConflict(`expectedVersion ${dto.expectedVersion} is stale; the dossier is at version ${before.version}`, {
        version: before.version,
        availableActions: answer(before).availableActions,
      });
    }
    const { workers, listed } = await this.workersLeft(procedure, before, dto);
    const event = actionEvent(dto, before, workers);
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
    const supplemented = dto.action === 'supplement' && dto.data ? await this.supplemented(procedure, before, dto.data) : null;
    const cal = await this.calendars.current();
    const left = workers?.kind === 'left' ? workers : null;
    const { changes, entry } = actionChange(procedure, before, decision, event, actorOf(principal), cal, now, supplemented, left);
    // The answer stored for an Idempotency-Key is the one returned: computed once.
    let remembered: DossierView | undefined;
    const remembering = remember && { ...remember, response: (d: DossierState) => (remembered = answer(d)) };
    const after = issuesDecision(procedure, before.state, dto.action)
      ? await this.approveWithDecision(procedure, before, changes, entry, { principal, signer: dto.data?.signer, left, listed }, now, remembering)
      : issuesNotice(dto.action, decision.snapshot.context.accepted)
        ? await this.rejectWithNotice(procedure, before, changes, entry, { principal, ground: dto.ground!, reason: dto.reason! }, now, remembering)
        : await this.ledger.record(this.db.manager, before, changes, entry, now, remembering);
    this.logChange(after, decision.fromState, dto.action, principal);
    return remembered ?? answer(after);
  }

  /**
   * The provincial approval: its decision's number drawn in the approval's transaction, its row and
   * its summary written in the approval's one statement, so a refused approval issues nothing.
   */
  private approveWithDecision(
    procedure: Procedure,
    before: DossierState,
    changes: DossierChanges,
    entry: NewEvent,
    by: { principal: Principal; signer: unknown; left: WorkersLeft | null; listed: Worker[] },
    now: Date,
    remember?: RememberedAnswer,
  ): Promise<DossierState> {
    return this.db.transaction(async (m) => {
      const issued = await this.decisions.issue(m, {
        dossierId: before.id,
        seq: before.version + 1,
        procedureCode: procedure.code,
        step: before.state,
        provinceCode: before.provinceCode,
        programme: procedure.legalBasis,
        approver: by.principal.official!,
        signer: by.signer,
        workers: approvedWorkers(by.left?.findings.workers ?? [], by.listed),
        now,
      });
      const { documentId, number, issuedAt, total } = issued.summary;
      const decided = { ...entry, data: { ...entry.data, decision: { documentId, number, issuedAt, total } } };
      return this.ledger.record(m, before, { ...changes, decision: issued.summary }, decided, now, remember, [issued.write]);
    });
  }

  /**
   * A refusal after acceptance is a written notice stating its reason: numbered
   * in the refusal's transaction, its row written in the refusal's statement.
   */
  private rejectWithNotice(
    procedure: Procedure,
    before: DossierState,
    changes: DossierChanges,
    entry: NewEvent,
    by: { principal: Principal; ground: string; reason: string },
    now: Date,
    remember?: RememberedAnswer,
  ): Promise<DossierState> {
    const ground = procedure.rejectGrounds.find((g) => g.key === by.ground)!;
    return this.db.transaction(async (m) => {
      const issued = await this.decisions.notice(m, {
        dossierId: before.id,
        seq: before.version + 1,
        by: by.principal.official!,
        ground: { key: ground.key, label: ground.label, legalBasis: ground.legalBasis },
        reason: by.reason.trim(),
        now,
      });
      const noticed = { ...entry, data: { ...entry.data, notice: issued.summary } };
      return this.ledger.record(m, before, changes, noticed, now, remember, [issued.write]);
    });
  }

  /**
   * For a step that decides on the list of workers: its exclusions applied to the dossier's workers
   * (approval always, as it leaves out the ineligible). Undefined for other actions and for a
   * dossier that lists no workers.
   */
  private async workersLeft(procedure: Procedure, before: DossierState, dto: DossierActionDto): Promise<{ workers?: ExclusionOutcome; listed: Worker[] }> {
    const approves = dto.action === approvingAction(procedure);
    if (!excludingActions(procedure).includes(dto.action) || (!approves && dto.data?.exclude === undefined)) return { listed: [] };
    const content = await this.reads.content(before.id);
    if (!content.workers?.length) return { listed: [] };
    const input = { ...content, wageRegion: this.units.wageRegion(before.provinceCode, before.districtCode) };
    const workers = excluding(procedure, input, before.excludedWorkers, { step: before.state, approves, requests: dto.data?.exclude });
    return { workers, listed: content.workers };
  }

  /**
   * The content after a supplement: the fields given in `data` replace the dossier's, checked with
   * the submission's rules, field by field (the DTO) and across fields (contentProblems, on the
   * result, so a supplement cannot leave a wage loan without its loan either).
   */
  private async supplemented(procedure: Procedure, before: DossierState, data: Record<string, unknown>): Promise<CheckedContent> {
    const dto = await validatedPart(SupplementDataDto, data, 'data');
    // Only the fields sent: the instance also has the others, as undefined, which would erase them.
    const given = Object.fromEntries(Object.entries(dto).filter(([key, value]) => value !== undefined && key in data));
    const content: DossierContent = { ...(await this.reads.content(before.id)), ...given };
    const inData = (path: string) => `data.${path}`;
    const problems = [
      ...contentProblems({ procedureCode: before.procedureCode, procedure, workers: content.workers, loan: content.loan }, inData),
      ...('content' in given ? procedureContentProblems(procedure, content.content, 'data.content') : []),
      ...('attachments' in given ? documentProblems(procedure, content.attachments, inData) : []),
    ];
    if (problems.length) throw invalidFields('VALIDATION_FAILED', problems);
    return checkedContent(procedure, content, this.units.wageRegion(before.provinceCode, before.districtCode));
  }

  /**
   * The result of an approved dossier was returned to the applicant (portal code 10): the portal's
   * acknowledgement (integration) or the approving unit's record (an official of the last step).
   * Not a move of the machine: the dossier stays approved; the history and the portal learn it.
   */
  async returnResult(id: string, dto: { comment?: string }, principal: Principal, now: Date): Promise<DossierView> {
    const before = await this.reads.load(id, principal);
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
    return this.reads.view(after, principal, now);
  }

  private logChange(d: DossierState, from: string, action: string, principal: Principal): void {
    this.logger.log({ dossierId: d.id, from, to: d.state, action, actor: principal.id, actorKind: principal.kind }, 'dossier state change');
  }
}

/** Whether `action` in `state` is the provincial People's Committee's approval, which issues its decision. */
function issuesDecision(procedure: Procedure, state: string, action: string): boolean {
  return action === 'approve' && procedure.steps.find((s) => s.key === state)?.actor === 'provincial-pc';
}

/**
 * Whether `action` is a refusal written as a numbered notice stating its reason: every refusal once
 * the receiving unit accepted the dossier (a People's Committee's, the bank's, or the receiving
 * unit's own after acceptance). Before acceptance it is the refusal of receipt, form 03.
 */
function issuesNotice(action: string, accepted: boolean | undefined): boolean {
  return action === 'reject' && accepted !== false;
}

/** The machine's event for an action, with what the row knows that the machine's context does not. */
function actionEvent(dto: DossierActionDto, before: DossierState, workers: ExclusionOutcome | undefined): ActionEvent & LegalEvent {
  return {
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
      loanCap: workers?.kind === 'left' ? workers.findings.totals.loanCap : (before.eligibility?.totals.loanCap ?? null),
      workers,
      loanWorkers: loanWorkers(dto, before, workers),
    },
  };
}

/**
 * The workers a loan is for, by n: once signed, those it names; at disbursal, those left after the
 * step's list (or, where an earlier step approved it, every worker no step left out).
 */
function loanWorkers(dto: DossierActionDto, before: DossierState, workers: ExclusionOutcome | undefined): number[] | null {
  if (dto.action === 'record-payment') return before.loan?.workers ?? null;
  if (dto.action !== 'disburse') return null;
  if (workers?.kind === 'left') return workers.findings.workers.map((w) => w.n);
  const out = new Set(before.excludedWorkers.map((e) => e.n));
  return Array.from({ length: before.workerCount }, (_, i) => i + 1).filter((n) => !out.has(n));
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
