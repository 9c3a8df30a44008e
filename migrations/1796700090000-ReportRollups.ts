import { MigrationInterface, QueryRunner } from "typeorm";

// The processing report's day counters (docs/reports.md, "Day counters"): per Vietnam day ×
// jurisdiction × procedure × step × unit × official, what the dossiers that finished and the steps
// that ended or started that day counted. Kept by row triggers on dossier and dossier_step, so they
// change in the very statement (the ledger's one statement) that changes the rows they count, and
// whatever else writes those rows (a back-fill, a repair by hand) keeps them right as well: each
// trigger takes away the old row's share and adds the new one's. Only what is settled when it
// happens is counted; what depends on the clock (in progress, overdue) stays a query over the
// dossiers open at an instant.
export class ReportRollups1796700090000 implements MigrationInterface {
    name = 'ReportRollups1796700090000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_dossier_finished" ON "dossier" ("finished_at") WHERE finished_at IS NOT NULL`);
        await queryRunner.query(`CREATE FUNCTION report_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT (at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$`);
        // A finished dossier's outcome, judged against the legal appointed date (coalesce(appointed, due)).
        await queryRunner.query(`CREATE FUNCTION report_finished_outcome(status varchar, finished_at timestamptz, appointed timestamptz, due timestamptz)
            RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT CASE
                WHEN status = 'rejected' THEN
                  CASE WHEN appointed IS NULL OR finished_at <= appointed THEN 'rejected-on-time' ELSE 'rejected-late' END
                WHEN status = 'withdrawn' THEN 'withdrawn'
                WHEN finished_at <= appointed THEN
                  CASE WHEN report_day(finished_at) < report_day(appointed) THEN 'early' ELSE 'on-time' END
                WHEN finished_at <= due THEN 'late-with-apology'
                ELSE 'late'
              END $$`);
        // What a finished dossier's result gave: the workers supported, the support approved, the loan (VND).
        await queryRunner.query(`CREATE FUNCTION report_supported(loan jsonb, eligibility jsonb, worker_count int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT coalesce(jsonb_array_length(loan->'workers'), (eligibility->'totals'->>'eligibleWorkers')::int, worker_count) $$`);
        // a minus each element of b once (worked times are a multiset).
        await queryRunner.query(`CREATE FUNCTION report_ms_remove(a bigint[], b bigint[]) RETURNS bigint[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT coalesce(array_agg(x.v ORDER BY x.v), '{}') FROM (SELECT v, row_number() OVER (PARTITION BY v) AS n FROM unnest(a) v) x
               WHERE x.n > (SELECT count(*) FROM unnest(b) w WHERE w = x.v) $$`);

        // Leading with the jurisdiction serves a district's report as one range; the day index, a province's or everyone's.
        await queryRunner.query(`CREATE TABLE "report_received_day" (
            "province_code" varchar(2) NOT NULL, "district_code" varchar(3) NOT NULL, "day" date NOT NULL, "procedure_code" varchar(64) NOT NULL,
            "received" int NOT NULL DEFAULT 0,
            CONSTRAINT "pk_report_received_day" PRIMARY KEY ("province_code", "district_code", "day", "procedure_code"))`);
        await queryRunner.query(`CREATE INDEX "ix_report_received_day" ON "report_received_day" ("day")`);
        await queryRunner.query(`CREATE TABLE "report_dossier_day" (
            "province_code" varchar(2) NOT NULL, "district_code" varchar(3) NOT NULL, "day" date NOT NULL, "procedure_code" varchar(64) NOT NULL,
            "step" varchar(40), "unit_code" varchar(32), "official_id" uuid,
            "finished_early" int NOT NULL DEFAULT 0, "finished_on_time" int NOT NULL DEFAULT 0,
            "finished_late_with_apology" int NOT NULL DEFAULT 0, "finished_late" int NOT NULL DEFAULT 0,
            "withdrawn" int NOT NULL DEFAULT 0, "refused_on_time" int NOT NULL DEFAULT 0, "refused_late" int NOT NULL DEFAULT 0,
            "workers_supported" bigint NOT NULL DEFAULT 0, "funds_approved" bigint NOT NULL DEFAULT 0, "funds_lent" bigint NOT NULL DEFAULT 0,
            CONSTRAINT "uq_report_dossier_day" UNIQUE NULLS NOT DISTINCT ("province_code", "district_code", "day", "procedure_code", "step", "unit_code", "official_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_report_dossier_day" ON "report_dossier_day" ("day")`);
        await queryRunner.query(`CREATE TABLE "report_step_day" (
            "province_code" varchar(2) NOT NULL, "district_code" varchar(3) NOT NULL, "day" date NOT NULL, "procedure_code" varchar(64) NOT NULL,
            "step" varchar(40) NOT NULL, "unit_code" varchar(32), "official_id" uuid,
            "steps_ended" int NOT NULL DEFAULT 0, "steps_finished" int NOT NULL DEFAULT 0, "steps_finished_late" int NOT NULL DEFAULT 0,
            "handovers_received_late" int NOT NULL DEFAULT 0, "worked_ms" bigint[] NOT NULL DEFAULT '{}',
            CONSTRAINT "uq_report_step_day" UNIQUE NULLS NOT DISTINCT ("province_code", "district_code", "day", "procedure_code", "step", "unit_code", "official_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_report_step_day" ON "report_step_day" ("day")`);

        // One dossier's share, times sign: +1 for a row as it is now, -1 for the row as it was.
        await queryRunner.query(`CREATE FUNCTION report_received_add(d dossier, sign int) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO report_received_day AS r (province_code, district_code, day, procedure_code, received)
              VALUES (d.province_code, d.district_code, report_day(d.received_at), d.procedure_code, sign)
              ON CONFLICT (province_code, district_code, day, procedure_code) DO UPDATE SET received = r.received + excluded.received;
            END $$`);
        // Counted under the dossier's last step, the one a report ending after the finish finds it at.
        await queryRunner.query(`CREATE FUNCTION report_finished_add(d dossier, sign int) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
              o text := report_finished_outcome(d.status, d.finished_at, coalesce(d.appointed_return_at, d.due_at), d.due_at);
              result int := CASE WHEN o IN ('early', 'on-time', 'late-with-apology', 'late') THEN sign ELSE 0 END;
              held_step varchar; held_unit varchar; held_official uuid;
            BEGIN
              IF d.finished_at IS NULL THEN RETURN; END IF;
              SELECT s.step, s.unit_code, s.official_id INTO held_step, held_unit, held_official
                FROM dossier_step s WHERE s.dossier_id = d.id ORDER BY s.seq DESC LIMIT 1;
              INSERT INTO report_dossier_day AS r (province_code, district_code, day, procedure_code, step, unit_code, official_id,
                  finished_early, finished_on_time, finished_late_with_apology, finished_late, withdrawn, refused_on_time, refused_late,
                  workers_supported, funds_approved, funds_lent)
              VALUES (d.province_code, d.district_code, report_day(d.finished_at), d.procedure_code, held_step, held_unit, held_official,
                  sign * (o = 'early')::int, sign * (o = 'on-time')::int, sign * (o = 'late-with-apology')::int, sign * (o = 'late')::int,
                  sign * (o = 'withdrawn')::int, sign * (o = 'rejected-on-time')::int, sign * (o = 'rejected-late')::int,
                  result * coalesce(report_supported(d.loan, d.eligibility, d.worker_count), 0),
                  result * coalesce((d.eligibility->'totals'->>'supportAmount')::bigint, 0),
                  result * coalesce((d.loan->>'amount')::bigint, 0))
              ON CONFLICT (province_code, district_code, day, procedure_code, step, unit_code, official_id) DO UPDATE SET
                finished_early = r.finished_early + excluded.finished_early, finished_on_time = r.finished_on_time + excluded.finished_on_time,
                finished_late_with_apology = r.finished_late_with_apology + excluded.finished_late_with_apology,
                finished_late = r.finished_late + excluded.finished_late, withdrawn = r.withdrawn + excluded.withdrawn,
                refused_on_time = r.refused_on_time + excluded.refused_on_time, refused_late = r.refused_late + excluded.refused_late,
                workers_supported = r.workers_supported + excluded.workers_supported,
                funds_approved = r.funds_approved + excluded.funds_approved, funds_lent = r.funds_lent + excluded.funds_lent;
            END $$`);
        // A step counts when it ends (on that day) and, if handed over late, when it starts (on that
        // day); one upsert either way, or none when it counts for nothing.
        await queryRunner.query(`CREATE FUNCTION report_step_add(s dossier_step, sign int) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
              finished boolean := s.ended_at IS NOT NULL AND coalesce(s.end_action <> 'withdraw', false);
              late_in boolean := coalesce(s.received_late, false);
              province varchar; district varchar;
            BEGIN
              IF s.ended_at IS NULL AND NOT late_in THEN RETURN; END IF;
              SELECT d.province_code, d.district_code INTO province, district FROM dossier d WHERE d.id = s.dossier_id;
              IF province IS NULL THEN RETURN; END IF;
              INSERT INTO report_step_day AS r (province_code, district_code, day, procedure_code, step, unit_code, official_id,
                  steps_ended, steps_finished, steps_finished_late, handovers_received_late, worked_ms)
              SELECT province, district, c.day, s.procedure_code, s.step, s.unit_code, s.official_id,
                     sign * sum(c.ended), sign * sum(c.finished), sign * sum(c.late), sign * sum(c.late_in),
                     coalesce(array_agg(c.ms) FILTER (WHERE c.ms IS NOT NULL), '{}')
                FROM (VALUES (report_day(s.ended_at), (s.ended_at IS NOT NULL)::int, finished::int, (finished AND coalesce(s.late, false))::int, 0,
                              CASE WHEN finished THEN s.worked_ms END),
                             (report_day(s.started_at), 0, 0, 0, late_in::int, NULL::bigint)) c(day, ended, finished, late, late_in, ms)
               WHERE c.ended + c.late_in > 0
               GROUP BY c.day ORDER BY c.day
              ON CONFLICT (province_code, district_code, day, procedure_code, step, unit_code, official_id) DO UPDATE SET
                steps_ended = r.steps_ended + excluded.steps_ended, steps_finished = r.steps_finished + excluded.steps_finished,
                steps_finished_late = r.steps_finished_late + excluded.steps_finished_late,
                handovers_received_late = r.handovers_received_late + excluded.handovers_received_late,
                worked_ms = CASE WHEN sign > 0 THEN r.worked_ms || excluded.worked_ms ELSE report_ms_remove(r.worked_ms, excluded.worked_ms) END;
            END $$`);

        for (const [name, add] of [['report_received', 'report_received_add'], ['report_finished', 'report_finished_add'], ['report_step', 'report_step_add']]) {
            await queryRunner.query(`CREATE FUNCTION ${name}_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP <> 'INSERT' THEN PERFORM ${add}(OLD, -1); END IF;
                  IF TG_OP <> 'DELETE' THEN PERFORM ${add}(NEW, 1); END IF;
                  RETURN NULL;
                END $$`);
        }
        // The counters recounted from the rows, set-based: the back-fill below, and after a bulk load
        // made without triggers (the scale bench's generator).
        await queryRunner.query(`CREATE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              TRUNCATE report_received_day, report_dossier_day, report_step_day;
              INSERT INTO report_received_day (province_code, district_code, day, procedure_code, received)
            SELECT province_code, district_code, report_day(received_at), procedure_code, count(*) FROM dossier GROUP BY 1, 2, 3, 4;
              INSERT INTO report_dossier_day (province_code, district_code, day, procedure_code, step, unit_code, official_id,
              finished_early, finished_on_time, finished_late_with_apology, finished_late, withdrawn, refused_on_time, refused_late,
              workers_supported, funds_approved, funds_lent)
            SELECT d.province_code, d.district_code, report_day(d.finished_at), d.procedure_code, h.step, h.unit_code, h.official_id,
                   count(*) FILTER (WHERE o = 'early'), count(*) FILTER (WHERE o = 'on-time'), count(*) FILTER (WHERE o = 'late-with-apology'),
                   count(*) FILTER (WHERE o = 'late'), count(*) FILTER (WHERE o = 'withdrawn'),
                   count(*) FILTER (WHERE o = 'rejected-on-time'), count(*) FILTER (WHERE o = 'rejected-late'),
                   coalesce(sum(report_supported(d.loan, d.eligibility, d.worker_count)) FILTER (WHERE o IN ('early', 'on-time', 'late-with-apology', 'late')), 0),
                   coalesce(sum((d.eligibility->'totals'->>'supportAmount')::bigint) FILTER (WHERE o IN ('early', 'on-time', 'late-with-apology', 'late')), 0),
                   coalesce(sum((d.loan->>'amount')::bigint) FILTER (WHERE o IN ('early', 'on-time', 'late-with-apology', 'late')), 0)
              FROM (SELECT d.*, report_finished_outcome(d.status, d.finished_at, coalesce(d.appointed_return_at, d.due_at), d.due_at) AS o
                      FROM dossier d WHERE d.finished_at IS NOT NULL) d
              LEFT JOIN LATERAL (SELECT s.step, s.unit_code, s.official_id FROM dossier_step s WHERE s.dossier_id = d.id ORDER BY s.seq DESC LIMIT 1) h ON true
             GROUP BY 1, 2, 3, 4, 5, 6, 7;
              INSERT INTO report_step_day (province_code, district_code, day, procedure_code, step, unit_code, official_id,
              steps_ended, steps_finished, steps_finished_late, handovers_received_late, worked_ms)
            SELECT d.province_code, d.district_code, c.day, s.procedure_code, s.step, s.unit_code, s.official_id,
                   sum(c.ended), sum(c.finished), sum(c.late), sum(c.late_in), coalesce(array_agg(c.ms) FILTER (WHERE c.ms IS NOT NULL), '{}')
              FROM dossier_step s JOIN dossier d ON d.id = s.dossier_id
              CROSS JOIN LATERAL (
                SELECT report_day(s.ended_at) AS day, 1 AS ended, f::int AS finished, (f AND coalesce(s.late, false))::int AS late, 0 AS late_in,
                       CASE WHEN f THEN s.worked_ms END AS ms
                  FROM (SELECT coalesce(s.end_action <> 'withdraw', false) AS f) x WHERE s.ended_at IS NOT NULL
                UNION ALL
                SELECT report_day(s.started_at), 0, 0, 0, 1, NULL WHERE s.received_late) c
             GROUP BY 1, 2, 3, 4, 5, 6, 7;
            END $$`);
        await queryRunner.query(`LOCK TABLE dossier, dossier_step IN SHARE MODE`);
        await queryRunner.query(`SELECT report_rollups_rebuild()`);
        await queryRunner.query(`CREATE TRIGGER report_received_rollup AFTER INSERT OR DELETE ON dossier FOR EACH ROW EXECUTE FUNCTION report_received_rollup()`);
        await queryRunner.query(`CREATE TRIGGER report_received_rollup_update AFTER UPDATE ON dossier FOR EACH ROW
            WHEN ((OLD.received_at, OLD.province_code, OLD.district_code, OLD.procedure_code) IS DISTINCT FROM (NEW.received_at, NEW.province_code, NEW.district_code, NEW.procedure_code))
            EXECUTE FUNCTION report_received_rollup()`);
        await queryRunner.query(`CREATE TRIGGER report_finished_rollup AFTER INSERT OR DELETE ON dossier FOR EACH ROW EXECUTE FUNCTION report_finished_rollup()`);
        // A dossier in progress changes often (its return date with every pause) and counts for nothing here until it finishes.
        await queryRunner.query(`CREATE TRIGGER report_finished_rollup_update AFTER UPDATE ON dossier FOR EACH ROW
            WHEN (OLD.finished_at IS DISTINCT FROM NEW.finished_at OR (NEW.finished_at IS NOT NULL AND
                  (OLD.status, OLD.appointed_return_at, OLD.due_at, OLD.loan, OLD.eligibility, OLD.worker_count, OLD.province_code, OLD.district_code, OLD.procedure_code)
                  IS DISTINCT FROM (NEW.status, NEW.appointed_return_at, NEW.due_at, NEW.loan, NEW.eligibility, NEW.worker_count, NEW.province_code, NEW.district_code, NEW.procedure_code)))
            EXECUTE FUNCTION report_finished_rollup()`);
        await queryRunner.query(`CREATE TRIGGER report_step_rollup AFTER INSERT OR DELETE ON dossier_step FOR EACH ROW EXECUTE FUNCTION report_step_rollup()`);
        // Not for a running step's time limit moving with a pause.
        await queryRunner.query(`CREATE TRIGGER report_step_rollup_update AFTER UPDATE ON dossier_step FOR EACH ROW
            WHEN ((OLD.dossier_id, OLD.procedure_code, OLD.step, OLD.unit_code, OLD.official_id, OLD.started_at, OLD.received_late, OLD.ended_at, OLD.end_action, OLD.late, OLD.worked_ms)
                  IS DISTINCT FROM (NEW.dossier_id, NEW.procedure_code, NEW.step, NEW.unit_code, NEW.official_id, NEW.started_at, NEW.received_late, NEW.ended_at, NEW.end_action, NEW.late, NEW.worked_ms))
            EXECUTE FUNCTION report_step_rollup()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const [trigger, table] of [['report_step_rollup_update', 'dossier_step'], ['report_step_rollup', 'dossier_step'], ['report_finished_rollup_update', 'dossier'],
            ['report_finished_rollup', 'dossier'], ['report_received_rollup_update', 'dossier'], ['report_received_rollup', 'dossier']]) {
            await queryRunner.query(`DROP TRIGGER "${trigger}" ON "${table}"`);
        }
        for (const name of ['report_step', 'report_finished', 'report_received']) await queryRunner.query(`DROP FUNCTION ${name}_rollup()`);
        await queryRunner.query(`DROP FUNCTION report_rollups_rebuild()`);
        await queryRunner.query(`DROP FUNCTION report_step_add(dossier_step, int)`);
        await queryRunner.query(`DROP FUNCTION report_finished_add(dossier, int)`);
        await queryRunner.query(`DROP FUNCTION report_received_add(dossier, int)`);
        await queryRunner.query(`DROP TABLE "report_step_day"`);
        await queryRunner.query(`DROP TABLE "report_dossier_day"`);
        await queryRunner.query(`DROP TABLE "report_received_day"`);
        await queryRunner.query(`DROP FUNCTION report_ms_remove(bigint[], bigint[])`);
        await queryRunner.query(`DROP FUNCTION report_supported(jsonb, jsonb, int)`);
        await queryRunner.query(`DROP FUNCTION report_finished_outcome(varchar, timestamptz, timestamptz, timestamptz)`);
        await queryRunner.query(`DROP FUNCTION report_day(timestamptz)`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_finished"`);
    }
}
