// The dossier_step writes of one ledger statement: close the step that ended, open the one that
// started. Both read the changed dossier's CTE, so they happen only if the versioned write did.
import type { Statement } from '../database/statement';
import { holderUnitSql } from '../grants/responsible-unit.sql';
import type { WrittenWith } from '../ledger/ledger';
import type { DossierState } from './dossier.entity';
import type { NewEvent } from './dossier-change';
import type { StartedStep } from './step-log';

/** The writes of the ended step's row and of the started step's row, as the handover says. */
export function stepLogWrites(e: NewEvent, now: Date): WrittenWith<DossierState>[] {
  const writes: WrittenWith<DossierState>[] = [];
  const { ended, started } = e.handover ?? { ended: null, started: null };
  if (ended) {
    // The unit that held it is the acting official's; a withdrawal keeps the one it had.
    writes.push({ sql: (st, dossier, d) => `UPDATE "dossier_step" s
        SET "ended_at" = ${st.param(now)}::timestamptz, "ended_seq" = ${st.param(dossier.version)}::int, "end_action" = ${st.param(ended.action)}::varchar,
            "due_at" = ${st.param(ended.dueAt)}::timestamptz, "worked_ms" = ${st.param(ended.workedMs)}::bigint,
            "late" = ${st.param(ended.late)}::boolean,
            "unit_code" = coalesce(${st.param(e.actor.unitCode)}::varchar, s.unit_code),
            "official_id" = (SELECT p.official_id FROM principal p WHERE p.id = ${st.param(e.actor.principalId)}::uuid)
       FROM ${d} d WHERE s.dossier_id = d.id AND s.ended_at IS NULL` });
  }
  if (started) {
    writes.push({ sql: (st, dossier, d) => startStep(st, dossier, started, now, d) });
  }
  return writes;
}

function startStep(st: Statement, dossier: DossierState, started: StartedStep, now: Date, d: string): string {
  const text = (value: string) => `${st.param(value)}::varchar`;
  const procedureCode = text(dossier.procedureCode);
  const step = text(started.step);
  const unit = holderUnitSql({
    kind: text(started.actor),
    procedureCode,
    step,
    provinceCode: text(dossier.provinceCode),
    districtCode: text(dossier.districtCode),
  });
  return `INSERT INTO "dossier_step" ("dossier_id", "seq", "procedure_code", "procedure_version", "step", "unit_code", "started_at", "due_at", "received_late")
     SELECT d.id, ${st.param(dossier.version)}::int, ${procedureCode}, ${st.param(dossier.procedureVersion)}::int, ${step}, ${unit},
            ${st.param(now)}::timestamptz, ${st.param(started.dueAt)}::timestamptz, ${st.param(started.receivedLate)}::boolean FROM ${d} d`;
}
