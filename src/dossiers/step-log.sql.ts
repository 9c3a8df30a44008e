// The dossier_step writes of one ledger statement: close the step that ended, open the one that
// started. Both read `d` (the versioned dossier write), so they happen only if it did.
import type { Statement } from '../database/statement';
import { holderUnitSql } from '../deadlines/responsible-unit.sql';
import type { DossierState } from './dossier.entity';
import type { NewEvent } from './dossier-ledger';

/** CTEs `se` (the ended step's row) and `ss` (the started step's row), as the handover says. */
export function stepLogCtes(st: Statement, dossier: DossierState, e: NewEvent, now: Date): string[] {
  const ctes: string[] = [];
  const { ended, started } = e.handover ?? { ended: null, started: null };
  if (ended) {
    // The unit that held it is the acting official's; a withdrawal keeps the one it had.
    ctes.push(`se AS (UPDATE "dossier_step" s
        SET "ended_at" = ${st.param(now)}::timestamptz, "ended_seq" = ${st.param(dossier.version)}::int, "end_action" = ${st.param(ended.action)}::varchar,
            "due_at" = ${st.param(ended.dueAt)}::timestamptz, "worked_ms" = ${st.param(ended.workedMs)}::bigint,
            "late" = ${st.param(ended.late)}::boolean,
            "unit_code" = coalesce(${st.param(e.actor.unitCode)}::varchar, s.unit_code),
            "official_id" = (SELECT p.official_id FROM principal p WHERE p.id = ${st.param(e.actor.principalId)}::uuid)
       FROM d WHERE s.dossier_id = d.id AND s.ended_at IS NULL)`);
  }
  if (started) {
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
    ctes.push(`ss AS (INSERT INTO "dossier_step" ("dossier_id", "seq", "procedure_code", "procedure_version", "step", "unit_code", "started_at", "due_at", "received_late")
       SELECT d.id, ${st.param(dossier.version)}::int, ${procedureCode}, ${st.param(dossier.procedureVersion)}::int, ${step}, ${unit},
              ${st.param(now)}::timestamptz, ${st.param(started.dueAt)}::timestamptz, ${st.param(started.receivedLate)}::boolean FROM d)`);
  }
  return ctes;
}
