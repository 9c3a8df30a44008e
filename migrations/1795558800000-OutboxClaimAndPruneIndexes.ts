import { MigrationInterface, QueryRunner } from "typeorm";

// The dispatcher's claim walks pending messages in due order and stops at its batch (the old
// (next_attempt_at) index made PostgreSQL anti-join and sort the whole backlog); delivered
// messages past their retention are pruned oldest first.
export class OutboxClaimAndPruneIndexes1795558800000 implements MigrationInterface {
    name = 'OutboxClaimAndPruneIndexes1795558800000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_due"`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_delivered" ON "outbox_message"  ("delivered_at") WHERE state = 'delivered'`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_pending_due" ON "outbox_message"  ("next_attempt_at", "seq") WHERE state = 'pending'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_pending_due"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_delivered"`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_due" ON "outbox_message" USING btree ("next_attempt_at") WHERE ((state)::text = 'pending'::text)`);
    }

}
