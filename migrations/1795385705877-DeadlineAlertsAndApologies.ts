import { MigrationInterface, QueryRunner } from "typeorm";

export class DeadlineAlertsAndApologies1795385705877 implements MigrationInterface {
    name = 'DeadlineAlertsAndApologies1795385705877'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "apology" ("id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "unit_code" character varying(32) NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "number" character varying(20) NOT NULL, "addressee" character varying(300) NOT NULL, "portal_code" character varying(64) NOT NULL, "procedure_name" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "original_return_date" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "new_return_date" TIMESTAMP WITH TIME ZONE NOT NULL, "signer_official_id" uuid NOT NULL, "signer_name" character varying(200) NOT NULL, "unit_name" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4b99c5ab70728a3c3596aacc591" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_apology_dossier" ON "apology"  ("dossier_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_apology_number" ON "apology"  ("unit_code", "year", "seq") `);
        await queryRunner.query(`CREATE TABLE "deadline_alert" ("id" uuid NOT NULL, "subject_type" character varying(10) NOT NULL, "subject_id" uuid NOT NULL, "kind" character varying(10) NOT NULL, "step" character varying(40) NOT NULL, "unit_code" character varying(32), "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_da6cabdd4a0f32d9266264ad902" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_deadline_alert_open_unit" ON "deadline_alert"  ("unit_code", "due_at") WHERE closed_at IS NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_alert_open" ON "deadline_alert"  ("subject_type", "subject_id", "step", "kind") WHERE closed_at IS NULL`);
        await queryRunner.query(`ALTER TABLE "apology" ADD CONSTRAINT "FK_665a67bc6d95345c10567740b3c" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "apology" DROP CONSTRAINT "FK_665a67bc6d95345c10567740b3c"`);
        await queryRunner.query(`DROP INDEX "public"."uq_deadline_alert_open"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deadline_alert_open_unit"`);
        await queryRunner.query(`DROP TABLE "deadline_alert"`);
        await queryRunner.query(`DROP INDEX "public"."uq_apology_number"`);
        await queryRunner.query(`DROP INDEX "public"."uq_apology_dossier"`);
        await queryRunner.query(`DROP TABLE "apology"`);
    }

}
