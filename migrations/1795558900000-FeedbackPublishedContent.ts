import { MigrationInterface, QueryRunner } from "typeorm";

// The question as the public register shows it, when the office removed personal details from it.
export class FeedbackPublishedContent1795558900000 implements MigrationInterface {
    name = 'FeedbackPublishedContent1795558900000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "feedback" ADD "published_content" text`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "feedback" DROP COLUMN "published_content"`);
    }

}
