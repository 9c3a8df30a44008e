import { MigrationInterface, QueryRunner } from "typeorm";

// The dossier row keeps the hash of its newest event, so an action writes the next event in the
// same statement as the row instead of reading the chain's head inside a transaction first.
export class DossierHeadHash1795472400000 implements MigrationInterface {
    name = 'DossierHeadHash1795472400000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "dossier" ADD "head_hash" character(64)`);
        await queryRunner.query(`UPDATE "dossier" d SET "head_hash" = e."hash" FROM "dossier_event" e WHERE e."dossier_id" = d."id" AND e."seq" = d."version"`);
        await queryRunner.query(`ALTER TABLE "dossier" ALTER COLUMN "head_hash" SET NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "head_hash"`);
    }

}
