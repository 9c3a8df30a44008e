import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { localDate } from '../calendar/core';
import { CalendarService } from '../calendar/calendar.service';
import { AdministrativeUnits } from '../common/administrative-units';
import { canonicalJson, sha256 } from '../common/canonical-json';
import { conflict, forbidden, invalidFields } from '../common/domain-error';
import { actorOf } from '../common/event-actor';
import { isUniqueViolation } from '../common/postgres-errors';
import type { Principal } from '../common/principal';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Metrics } from '../metrics/metrics.service';
import { ProceduresService } from '../procedures/procedures.service';
import { decideAction, startDossier } from '../workflow/decide';
import { checkedContent, receivedDossier } from './dossier-change';
import { contentProblems, documentProblems, procedureContentProblems } from './dossier-content';
import { DossierLedger } from './dossier-ledger';
import { DossierReadsService } from './dossier-reads.service';
import type { DossierView } from './dossier-view';
import type { DossierState } from './dossier.entity';
import type { SubmitDossierDto } from './dto/submit-dossier.dto';
import { submittedAtRefusal } from './intake';

/** Step 1: dossiers received from the portal, idempotent by portalCode. */
@Injectable()
export class DossierIntakeService {
  private readonly logger = new Logger('Dossiers');

  constructor(
    private readonly db: DataSource,
    private readonly ledger: DossierLedger,
    private readonly reads: DossierReadsService,
    private readonly procedures: ProceduresService,
    private readonly calendars: CalendarService,
    private readonly units: AdministrativeUnits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

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
    const existing = await this.reads.findState(this.db.manager, 'portal_code', dto.portalCode);
    if (existing) return { created: false, dossier: this.sameSubmission(existing, submissionHash, principal, now) };

    const submittedAt = new Date(dto.submittedAt);
    const refusal = submittedAtRefusal(submittedAt, now, this.config.submissionMaxAgeDays);
    if (refusal) throw refusal;
    // The version in force when the employer submitted, for the dossier's whole life.
    const procedure = await this.procedures.forSubmission(dto.procedureCode, submittedAt);
    const cal = await this.calendars.current();
    const signed = Boolean(dto.signature);
    const decision = decideAction(procedure, startDossier(procedure, { signed, channel: 'online' }), { type: 'submit' });
    // Every procedure's machine starts in `submission`, whose `submit` has no rule.
    if (decision.kind !== 'decision') throw new Error(`${procedure.code}@${procedure.version} cannot be submitted: ${JSON.stringify(decision)}`);
    const specific = [...procedureContentProblems(procedure, dto.content), ...documentProblems(procedure, dto.attachments ?? [])];
    if (specific.length) throw invalidFields('VALIDATION_FAILED', specific);
    const content = {
      signature: dto.signature ?? null,
      workers: dto.workers ?? [],
      loan: dto.loan ?? null,
      attachments: dto.attachments ?? [],
      ...(dto.content !== undefined && { content: dto.content }),
      submittedAt: dto.submittedAt,
    };
    const submission = {
      id: randomUUID(),
      portalCode: dto.portalCode,
      submittedAt,
      submissionHash,
      applicant: dto.applicant,
      signed,
      ...checkedContent(procedure, content, this.units.wageRegion(dto.applicant.provinceCode, dto.applicant.districtCode)),
    };
    const { dossier, entry } = receivedDossier(procedure, submission, decision, actorOf(principal), cal, now);
    try {
      const saved = await this.ledger.create(this.db.manager, dossier, entry, now);
      this.logger.log({ dossierId: saved.id, from: 'submission', to: saved.state, action: 'submit', actor: principal.id, actorKind: principal.kind }, 'dossier state change');
      return { created: true, dossier: this.reads.view(saved, principal, now) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent submission of the same portalCode won the race.
      const winner = await this.reads.findState(this.db.manager, 'portal_code', dto.portalCode);
      if (!winner) throw error;
      return { created: false, dossier: this.sameSubmission(winner, submissionHash, principal, now) };
    }
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
    return this.reads.view(existing, principal, now);
  }
}
