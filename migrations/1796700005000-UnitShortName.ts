import { MigrationInterface, QueryRunner } from "typeorm";

// A unit's short name ("BHXH TP Quảng Ngãi") for the console's chart labels, where the full name
// does not fit; optional, imported with the units spreadsheet.
export class UnitShortName1796700005000 implements MigrationInterface {
    name = 'UnitShortName1796700005000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "unit" ADD "short_name" character varying(60)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "unit" DROP COLUMN "short_name"`);
    }
}
