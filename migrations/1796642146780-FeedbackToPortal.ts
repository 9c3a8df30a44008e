import { MigrationInterface, QueryRunner } from "typeorm";

// A feedback's published answer goes to the national portal through the outbox, like a dossier's
// status: an outbox row now belongs to a dossier or to a feedback (exactly one, a CHECK), and the
// dispatcher keeps each feedback's messages in order through ix_outbox_feedback_seq, partial so that
// a dossier's message never writes to it. The office may send an unsuitable answer back to the unit
// before publication: the feedback keeps when and why it last did.
// Reviewed: the generator also dropped and rebuilt ix_outbox_dossier_seq and the dossier foreign key
// around DROP NOT NULL, which needs neither; they are left as they are.
export class FeedbackToPortal1796642146780 implements MigrationInterface {
    name = 'FeedbackToPortal1796642146780'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "feedback" ADD "returned_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "feedback" ADD "return_reason" text`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ADD "feedback_id" uuid`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ALTER COLUMN "dossier_id" DROP NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_feedback_seq" ON "outbox_message"  ("feedback_id", "seq") WHERE feedback_id IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_one_owner" CHECK ((dossier_id IS NULL) <> (feedback_id IS NULL))`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ADD CONSTRAINT "FK_be2f91485e0a857d967f1e9fb94" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "outbox_message" WHERE "feedback_id" IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "FK_be2f91485e0a857d967f1e9fb94"`);
        await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_one_owner"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_feedback_seq"`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ALTER COLUMN "dossier_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "feedback_id"`);
        await queryRunner.query(`ALTER TABLE "feedback" DROP COLUMN "return_reason"`);
        await queryRunner.query(`ALTER TABLE "feedback" DROP COLUMN "returned_at"`);
    }

}
