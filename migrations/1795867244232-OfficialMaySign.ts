import { MigrationInterface, QueryRunner } from "typeorm";

// Which officials may sign documents for their unit (the apology letter, form 04): none until an
// administrator says so (officials signer, or the may_sign column of officials import).
export class OfficialMaySign1795867244232 implements MigrationInterface {
    name = 'OfficialMaySign1795867244232'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "official" ADD "may_sign" boolean NOT NULL DEFAULT false`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "official" DROP COLUMN "may_sign"`);
    }

}
