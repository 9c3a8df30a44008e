import { MigrationInterface, QueryRunner } from "typeorm";

// Stored Idempotency-Key answers are pruned oldest first after IDEMPOTENCY_RETENTION_DAYS.
export class IdempotencyKeyRetention1795867702541 implements MigrationInterface {
    name = 'IdempotencyKeyRetention1795867702541'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_idempotency_key_created" ON "idempotency_key" ("created_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_idempotency_key_created"`);
    }

}
