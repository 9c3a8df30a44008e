import { MigrationInterface, QueryRunner } from "typeorm";

// What the legal rules need on a dossier: the portal's submission time (the clock's start; for
// dossiers received before, the content's submittedAt), the receipt's 8-working-hour limit, the
// eligibility findings, BHXH's signature and the moment the result was returned.
export class DossierLegalFacts1795863660741 implements MigrationInterface {
    name = 'DossierLegalFacts1795863660741'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "dossier" ADD "submitted_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`UPDATE "dossier" SET "submitted_at" = coalesce(("content"->>'submittedAt')::timestamptz, "received_at")`);
        await queryRunner.query(`ALTER TABLE "dossier" ALTER COLUMN "submitted_at" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "receipt_due_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "eligibility" jsonb`);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "insurance_signature" jsonb`);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "result_returned_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "ix_dossier_open_receipt_due" ON "dossier" ("receipt_due_at") WHERE receipt_due_at IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_open_receipt_due"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "result_returned_at"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "insurance_signature"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "eligibility"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "receipt_due_at"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "submitted_at"`);
    }

}
