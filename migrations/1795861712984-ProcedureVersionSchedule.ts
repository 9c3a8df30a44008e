import { MigrationInterface, QueryRunner } from "typeorm";

// A procedure's published versions become a schedule: each applies to the dossiers submitted from
// its `published_from`. Versions published before keep applying from their legal text's effect
// (Decision 15/2020 from 24 Apr 2020, Decision 23/2021 from 7 Jul 2021), so dossiers received
// under them keep getting them. `intake_until` holds an amended last day of intake.
export class ProcedureVersionSchedule1795861712984 implements MigrationInterface {
    name = 'ProcedureVersionSchedule1795861712984'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_procedure_version_published"`);
        await queryRunner.query(`ALTER TABLE "procedure_version" ADD "published_from" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "procedure_version" ADD "intake_until" date`);
        await queryRunner.query(`UPDATE "procedure_version" SET "published_from" = CASE WHEN "version" = 1 THEN TIMESTAMPTZ '2020-04-24 00:00:00+07' ELSE TIMESTAMPTZ '2021-07-07 00:00:00+07' END WHERE "published"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_procedure_version_published_from" ON "procedure_version" ("code", "published_from") WHERE published`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_procedure_version_published_from"`);
        // Only one published version per code fits the old shape: the latest scheduled one.
        await queryRunner.query(`UPDATE "procedure_version" p SET "published" = false WHERE "published" AND EXISTS (SELECT 1 FROM "procedure_version" q WHERE q."code" = p."code" AND q."published" AND q."published_from" > p."published_from")`);
        await queryRunner.query(`ALTER TABLE "procedure_version" DROP COLUMN "intake_until"`);
        await queryRunner.query(`ALTER TABLE "procedure_version" DROP COLUMN "published_from"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_procedure_version_published" ON "procedure_version" ("code") WHERE published`);
    }

}
