import { MigrationInterface, QueryRunner } from "typeorm";
import { backfillSteps } from "./frozen/1795862000000/step-history";

// The legal appointed return date beside the date in force (an apology no longer overwrites it),
// the running step's worked time, and dossier_step: one row per step a dossier was held at, with
// the unit that held it and the office time it took (form 05). Dossiers already received are
// back-filled by replaying their history with the functions the service used then, frozen beside
// this file (./frozen/1795862000000), on the working calendar and office hours of the deployment
// (the stored dates are kept where the service has them).
// ix_dossier_active serves the processing report: the dossiers open at some time in a period.
export class StepRecordAndAppointedDate1795862000000 implements MigrationInterface {
    name = 'StepRecordAndAppointedDate1795862000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "dossier_step" ("dossier_id" uuid NOT NULL, "seq" integer NOT NULL, "procedure_code" character varying(64) NOT NULL, "procedure_version" integer NOT NULL, "step" character varying(40) NOT NULL, "unit_code" character varying(32), "official_id" uuid, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "received_late" boolean, "ended_at" TIMESTAMP WITH TIME ZONE, "ended_seq" integer, "end_action" character varying(40), "worked_ms" bigint, "late" boolean, CONSTRAINT "PK_8fab2ff8b8e3b6b91b137f6c898" PRIMARY KEY ("dossier_id", "seq"))`);
        await queryRunner.query(`CREATE INDEX "ix_dossier_step_started" ON "dossier_step"  ("started_at") `);
        await queryRunner.query(`CREATE INDEX "ix_dossier_step_ended" ON "dossier_step"  ("ended_at") WHERE ended_at IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "step_worked_ms" bigint`);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "step_running_since" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "appointed_return_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "appointed_remaining_ms" bigint`);
        await queryRunner.query(`CREATE INDEX "ix_dossier_open_appointed" ON "dossier"  ("appointed_return_at") WHERE step_due_at IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "dossier_step" ADD CONSTRAINT "FK_a2acf86b149be1912fa68ffca74" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`CREATE INDEX "ix_dossier_active" ON "dossier" USING gist (tstzrange("received_at", "finished_at", '[]'))`);
        await backfillSteps((sql, params) => queryRunner.query(sql, params), officeHours());
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_active"`);
        await queryRunner.query(`ALTER TABLE "dossier_step" DROP CONSTRAINT "FK_a2acf86b149be1912fa68ffca74"`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_open_appointed"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "appointed_remaining_ms"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "appointed_return_at"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "step_running_since"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "step_worked_ms"`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_step_ended"`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_step_started"`);
        await queryRunner.query(`DROP TABLE "dossier_step"`);
    }

}

/** OFFICE_START_HOUR and OFFICE_END_HOUR as the service read them when this migration was written (8 and 17 by default). */
function officeHours(): { startHour: number; endHour: number } {
    const hour = (name: string, fallback: number) => {
        const raw = process.env[name];
        const value = raw === undefined || raw === '' ? fallback : Number(raw);
        if (!Number.isInteger(value) || value < 0 || value > 24) throw new Error(`${name} must be a whole hour from 0 to 24, got "${raw}"`);
        return value;
    };
    const hours = { startHour: hour('OFFICE_START_HOUR', 8), endHour: hour('OFFICE_END_HOUR', 17) };
    if (hours.startHour >= hours.endHour) throw new Error('OFFICE_START_HOUR must be before OFFICE_END_HOUR');
    return hours;
}
