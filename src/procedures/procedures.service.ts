import { Injectable } from '@nestjs/common';
import { recordAudit } from '../audit/audit';
import { preparedQuery } from '../database/prepared';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound, ruleBroken } from '../common/domain-error';
import { localDate } from '../calendar/core';
import { findProcedure, INITIALLY_PUBLISHED, type Procedure, PROCEDURES } from '../workflow/definitions';
import { ProcedureDefinitionsService } from './procedure-definitions.service';
import { ProcedureVersionEntity } from './procedure-version.entity';
import { effectiveInstant, inForce, inIntake, type ScheduledVersion } from './schedule';

export interface PublishResult {
  code: string;
  version: number;
  from: string;
  intake: { from: string; until: string | null };
  /** The version new dossiers got before (at `from`, or now if later). */
  previous: number | null;
}

@Injectable()
export class ProceduresService {
  constructor(
    private readonly db: DataSource,
    private readonly definitions: ProcedureDefinitionsService,
  ) {}

  /**
   * Records the shipped documents and every version known (shipped or deployed); publishes the
   * initial ones, from their legal effect, where none is published yet.
   */
  async seed(): Promise<void> {
    await this.db.transaction(async (m) => {
      await this.definitions.storeShipped(m);
      await this.definitions.load(m);
      for (const p of PROCEDURES) {
        await m
          .createQueryBuilder()
          .insert()
          .into(ProcedureVersionEntity)
          .values({ code: p.code, version: p.version, name: p.name, steps: p.steps })
          .orUpdate(['name', 'steps'], ['code', 'version'])
          .execute();
      }
      for (const [code, version] of Object.entries(INITIALLY_PUBLISHED)) {
        await m.query(
          `UPDATE procedure_version SET published = true, published_at = now(), published_from = $3
            WHERE code = $1 AND version = $2 AND NOT EXISTS (SELECT 1 FROM procedure_version WHERE code = $1 AND published)`,
          [code, version, effectiveInstant(findProcedure(code, version)!)],
        );
      }
    });
  }

  /** Every code's (or one code's) published versions in order of application. */
  async schedules(manager: EntityManager = this.db.manager, code?: string): Promise<Map<string, ScheduledVersion[]>> {
    // Read at every intake: a prepared statement, not a query builder per call.
    const rows = await preparedQuery<{ code: string; version: number; published_from: Date | null; intake_until: string | null }>(
      manager,
      `SELECT code, version, published_from, intake_until::text AS intake_until FROM procedure_version
        WHERE published AND ($1::varchar IS NULL OR code = $1) ORDER BY code, published_from`,
      [code ?? null],
    );
    // A version published by another instance may be one deployed after this one started.
    await this.definitions.ensureRegistered(manager, rows.map((r) => ({ procedureCode: r.code, procedureVersion: r.version })));
    const schedules = new Map<string, ScheduledVersion[]>();
    for (const row of rows) {
      const procedure = findProcedure(row.code, row.version);
      if (!procedure || !row.published_from) continue;
      const entry = { procedure, from: row.published_from, intake: { from: procedure.intake.from, until: row.intake_until ?? procedure.intake.until } };
      schedules.set(row.code, [...(schedules.get(row.code) ?? []), entry]);
    }
    return schedules;
  }

  /**
   * The version a dossier submitted at `submittedAt` is received under (the one published for
   * that time: a dossier keeps it for life), refused when that time is outside its intake window.
   */
  async forSubmission(code: string, submittedAt: Date): Promise<Procedure> {
    const schedule = (await this.schedules(this.db.manager, code)).get(code);
    if (!schedule?.length) throw notFound('PROCEDURE_NOT_PUBLISHED', `procedure ${code} has no published version`);
    const entry = inForce(schedule, submittedAt);
    const day = localDate(submittedAt);
    if (!entry) {
      throw ruleBroken('DOSSIER_OUTSIDE_INTAKE_WINDOW', `no version of ${code} applies to dossiers submitted on ${day}: the first applies from ${localDate(schedule[0].from)}`, {
        procedureCode: code,
        submittedOn: day,
      });
    }
    if (!inIntake(entry.intake, submittedAt)) {
      const until = entry.intake.until ?? 'open';
      throw ruleBroken(
        'DOSSIER_OUTSIDE_INTAKE_WINDOW',
        `${code} version ${entry.procedure.version} (${entry.procedure.legalBasis}) takes dossiers submitted ${entry.intake.from} – ${until}; this one was submitted on ${day}`,
        { procedureCode: code, version: entry.procedure.version, intake: entry.intake, submittedOn: day },
      );
    }
    return entry.procedure;
  }

  /**
   * Schedules `version` for the dossiers submitted from `from` (default: the day its legal text
   * takes effect); versions scheduled from then on are withdrawn from the schedule. Dossiers
   * already received keep their version.
   */
  async publish(code: string, version: number, options: { from?: Date; intakeUntil?: string; now: Date; actor?: string }): Promise<PublishResult> {
    await this.definitions.ensureRegistered(this.db.manager, [{ procedureCode: code, procedureVersion: version }]);
    const procedure = findProcedure(code, version);
    if (!procedure) throw notFound('PROCEDURE_VERSION_NOT_FOUND', `procedure ${code} has no version ${version}`);
    const from = options.from ?? effectiveInstant(procedure);
    if (from < effectiveInstant(procedure)) {
      throw ruleBroken(
        'PROCEDURE_PUBLISH_BEFORE_EFFECT',
        `version ${version} of ${code} cannot apply before ${procedure.effectiveFrom}, the day ${procedure.legalBasis} takes effect`,
      );
    }
    if (options.intakeUntil !== undefined && options.intakeUntil < procedure.intake.from) {
      throw ruleBroken('PROCEDURE_INTAKE_INVALID', `the intake of version ${version} of ${code} starts on ${procedure.intake.from}; --intake-until cannot be before it`);
    }
    return this.db.transaction(async (m) => {
      // One publisher of a code at a time: the schedule is read and rewritten as a whole.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procedure-schedule:${code}`]);
      const before = (await this.schedules(m, code)).get(code) ?? [];
      const reference = from > options.now ? from : options.now;
      const previous = inForce(before, reference)?.procedure.version ?? null;
      await m.query('UPDATE procedure_version SET published = false, published_from = NULL WHERE code = $1 AND published AND (published_from >= $2 OR version = $3)', [
        code, from, version,
      ]);
      await m.query(
        `UPDATE procedure_version SET published = true, published_at = $3, published_from = $4, intake_until = coalesce($5::date, intake_until)
          WHERE code = $1 AND version = $2`,
        [code, version, options.now, from, options.intakeUntil ?? null],
      );
      const [row] = await m.query('SELECT intake_until::text AS until FROM procedure_version WHERE code = $1 AND version = $2', [code, version]);
      const result = { code, version, from: from.toISOString(), intake: { from: procedure.intake.from, until: row.until ?? procedure.intake.until }, previous };
      if (options.actor) await recordAudit(m, options.actor, 'procedure.publish', result);
      return result;
    });
  }
}
