import { MigrationInterface, QueryRunner } from "typeorm";

// Feedback: the recorded reason of a closing (a refusal, or why an answer is not published) and
// the national portal's own code of a feedback it delivers (a repeat returns the same record).
export class FeedbackClosingAndPortalCode1795864788579 implements MigrationInterface {
    name = 'FeedbackClosingAndPortalCode1795864788579'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "feedback" ADD "close_reason" text`);
        await queryRunner.query(`ALTER TABLE "feedback" ADD "portal_code" character varying(64)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_feedback_portal_code" ON "feedback" ("portal_code") WHERE portal_code IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_feedback_portal_code"`);
        await queryRunner.query(`ALTER TABLE "feedback" DROP COLUMN "portal_code"`);
        await queryRunner.query(`ALTER TABLE "feedback" DROP COLUMN "close_reason"`);
    }

}
