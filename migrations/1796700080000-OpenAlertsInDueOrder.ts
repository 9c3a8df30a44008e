import { MigrationInterface, QueryRunner } from "typeorm";

// The open alerts of a kind, in the order their list pages (due_at, id): an admin's page by cursor
// walks this index from the cursor on, so the thousandth page costs what the first does.
export class OpenAlertsInDueOrder1796700080000 implements MigrationInterface {
    name = 'OpenAlertsInDueOrder1796700080000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_deadline_alert_open_due" ON "deadline_alert" ("kind", "due_at", "id") WHERE closed_at IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_deadline_alert_open_due"`);
    }
}
