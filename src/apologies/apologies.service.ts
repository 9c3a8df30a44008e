import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { conflict, forbidden, notFound, ruleBroken } from '../common/domain-error';
import { actorOf } from '../common/event-actor';
import { isUniqueViolation } from '../common/postgres-errors';
import { DossierReadsService } from '../dossiers/dossier-reads.service';
import { procedureOf } from '../workflow/definitions';
import { DossierLedger } from '../dossiers/dossier-ledger';
import type { DossierState } from '../dossiers/dossier.entity';
import { stepHolderRefusals } from '../grants/access';
import type { Principal } from '../common/principal';
import { OfficialEntity } from '../directory/official.entity';
import { UnitEntity } from '../directory/unit.entity';
import { apologyView, type ApologyView } from './apology-letter';
import { ApologyEntity } from './apology.entity';
import { CalendarService } from '../calendar/calendar.service';
import { DeadlinePassService } from '../deadlines/deadline-pass.service';
import { apologyDeadline } from '../deadlines/near-due';
import type { CreateApologyDto } from './dto/create-apology.dto';
import { localDate } from '../calendar/core';
import { newReturnDate } from './return-date';

/** Apology letters with a new return date (form 04), at most one per dossier. */
@Injectable()
export class ApologiesService {
  private readonly logger = new Logger('Apologies');

  constructor(
    private readonly db: DataSource,
    private readonly dossiers: DossierReadsService,
    private readonly ledger: DossierLedger,
    private readonly calendars: CalendarService,
    private readonly deadlines: DeadlinePassService,
  ) {}

  async create(dossierId: string, dto: CreateApologyDto, principal: Principal, now: Date): Promise<ApologyView> {
    const calendar = await this.calendars.current();
    try {
      return await this.db.transaction(async (m) => {
        const before = await this.dossiers.load(dossierId, principal, m);
        const procedure = procedureOf(before);
        if (!before.currentStep || !before.stepDueAt || !before.dueAt) {
          throw conflict('APOLOGY_NO_RUNNING_STEP', `the dossier is ${before.status}; an apology needs a step whose clock is running`);
        }
        const reasons = stepHolderRefusals(principal, procedure, before, before.currentStep, 'send the apology letter');
        if (reasons.length > 0) throw forbidden('APOLOGY_FORBIDDEN', reasons.join('; '), { reasons });
        // Form 04 is signed for the unit: only an official the unit lets sign may send it.
        if (!(await m.existsBy(OfficialEntity, { id: principal.official!.officialId, maySign: true }))) {
          throw forbidden('APOLOGY_SIGNER_NOT_AUTHORISED', 'only an official who may sign for the unit (officials signer, or may_sign in officials import) sends the apology letter');
        }
        if (await m.existsBy(ApologyEntity, { dossierId })) throw alreadyGiven();
        // Form 04 goes out no later than one working day before the appointed return date: once
        // the delay is certain, not after it happened, so a late dossier stays late.
        const appointed = before.appointedReturnAt ?? before.dueAt;
        const deadline = apologyDeadline(calendar, appointed);
        if (now > deadline) {
          throw ruleBroken(
            'APOLOGY_TOO_LATE',
            `an apology letter must be sent at least one working day before the appointed return date ${appointed.toISOString()}; ` +
              `the last moment for this dossier was ${deadline.toISOString()}`,
            { appointedReturnDate: appointed.toISOString(), lastMoment: deadline.toISOString() },
          );
        }
        // The later of the step's and the dossier's due dates: the new one must come after both.
        const currentDue = before.stepDueAt > before.dueAt ? before.stepDueAt : before.dueAt;
        const newDue = newReturnDate(dto.newReturnDate, calendar, now, currentDue);

        const letter = await this.letter(m, before, procedure.name, principal, dto.reason, newDue, now);
        await m.insert(ApologyEntity, letter);
        // The new date becomes the date in force; the appointed date and the step's own time limit stay.
        await this.ledger.record(
          m,
          before,
          { dueAt: newDue },
          {
            type: 'apology',
            action: null,
            fromState: before.state,
            actor: actorOf(principal),
            reason: dto.reason,
            data: { apologyId: letter.id, number: letter.number, newReturnDate: newDue.toISOString() },
          },
          now,
        );
        // The dossier's alerts now, as the next pass would leave them (the apology prompt closes).
        await this.deadlines.settle(m, now, dossierId);
        this.logger.log({ dossierId, apologyId: letter.id, number: letter.number, newReturnDate: newDue.toISOString(), actor: principal.id }, 'apology');
        return apologyView(letter);
      });
    } catch (error) {
      // A concurrent apology on the same dossier won the race.
      if (isUniqueViolation(error, 'uq_apology_dossier')) throw alreadyGiven();
      throw error;
    }
  }

  async list(dossierId: string, principal: Principal): Promise<ApologyView[]> {
    await this.dossiers.load(dossierId, principal);
    const rows = await this.db.getRepository(ApologyEntity).find({ where: { dossierId }, order: { createdAt: 'ASC' } });
    return rows.map(apologyView);
  }

  async get(dossierId: string, apologyId: string, principal: Principal): Promise<ApologyView> {
    await this.dossiers.load(dossierId, principal);
    const row = await this.db.getRepository(ApologyEntity).findOneBy({ id: apologyId, dossierId });
    if (!row) throw notFound('APOLOGY_NOT_FOUND', `apology ${apologyId} of dossier ${dossierId} does not exist`);
    return apologyView(row);
  }

  private async letter(
    m: EntityManager,
    d: DossierState,
    procedureName: string,
    principal: Principal,
    reason: string,
    newDue: Date,
    now: Date,
  ): Promise<Omit<ApologyEntity, 'dossier'>> {
    const scope = principal.official!; // stepHolderRefusals admitted only officials with a unit
    const official = await m.findOneByOrFail(OfficialEntity, { id: scope.officialId });
    const unit = await m.findOneByOrFail(UnitEntity, { code: scope.unitCode });
    const year = Number(localDate(now).slice(0, 4));
    // Numbers run per unit and year; the lock serialises letters of one unit for the transaction.
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`apology:${unit.code}:${year}`]);
    const [{ seq }] = await m.query('SELECT coalesce(max(seq), 0) + 1 AS seq FROM apology WHERE unit_code = $1 AND year = $2', [unit.code, year]);
    return {
      id: randomUUID(),
      dossierId: d.id,
      unitCode: unit.code,
      year,
      seq,
      number: `${seq}/PXL`,
      addressee: d.applicant.name,
      portalCode: d.portalCode,
      procedureName,
      receivedAt: d.receivedAt,
      originalReturnDate: d.appointedReturnAt ?? d.dueAt!,
      reason,
      newReturnDate: newDue,
      signerOfficialId: official.id,
      signerName: official.fullName,
      unitName: unit.name,
      createdAt: now,
    };
  }
}

function alreadyGiven() {
  return conflict('APOLOGY_ALREADY_GIVEN', 'this dossier already has an apology letter; a new return date may be set only once');
}
