import { MigrationInterface, QueryRunner } from "typeorm";

// The bank's loan of a wage-loan dossier: its contract, terms and the monthly payments to the workers.
export class DossierLoan1796700020000 implements MigrationInterface {
    name = 'DossierLoan1796700020000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "dossier" ADD "loan" jsonb`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "loan"`);
    }
}
