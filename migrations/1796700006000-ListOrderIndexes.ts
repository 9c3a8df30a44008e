import { MigrationInterface, QueryRunner } from "typeorm";

// The lists page in their own order: dossiers newest first (created_at, id), the outbox in creation
// order (seq). Without an index on that order every page sorted the whole table, which grows by a
// row per dossier (per status change, for the outbox).
export class ListOrderIndexes1796700006000 implements MigrationInterface {
    name = 'ListOrderIndexes1796700006000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_dossier_created_id" ON "dossier" ("created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_outbox_seq" ON "outbox_message" ("seq") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_seq"`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_created_id"`);
    }
}
