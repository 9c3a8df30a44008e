import { MigrationInterface, QueryRunner } from "typeorm";

// Feedback is kept by the same ledger as dossiers: the row holds the hash of its newest register
// entry, so an action writes the row and the next entry in one statement. Existing rows take it
// from the entry whose seq is their version (every feedback has at least its `receive` entry).
export class FeedbackHeadHash1795863224012 implements MigrationInterface {
    name = 'FeedbackHeadHash1795863224012'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "feedback" ADD "head_hash" character(64)`);
        await queryRunner.query(`UPDATE "feedback" f SET "head_hash" = e."hash" FROM "feedback_event" e WHERE e."feedback_id" = f."id" AND e."seq" = f."version"`);
        await queryRunner.query(`ALTER TABLE "feedback" ALTER COLUMN "head_hash" SET NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "feedback" DROP COLUMN "head_hash"`);
    }

}
