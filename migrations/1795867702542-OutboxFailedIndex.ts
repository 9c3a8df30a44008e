import { MigrationInterface, QueryRunner } from "typeorm";

// The metrics count failed messages at every scrape; without an index that is a scan of the whole
// outbox. Partial, so writing a pending or delivered message never touches it.
export class OutboxFailedIndex1795867702542 implements MigrationInterface {
    name = 'OutboxFailedIndex1795867702542'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_outbox_failed" ON "outbox_message" ("seq") WHERE state = 'failed'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_failed"`);
    }

}
