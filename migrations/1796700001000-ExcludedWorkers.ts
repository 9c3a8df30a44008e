import { MigrationInterface, QueryRunner } from "typeorm";

// The workers the appraisal and the approval leave out of a dossier, with their ground, reason and step.
export class ExcludedWorkers1796700001000 implements MigrationInterface {
    name = 'ExcludedWorkers1796700001000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "dossier" ADD "excluded_workers" jsonb NOT NULL DEFAULT '[]'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "excluded_workers"`);
    }
}
