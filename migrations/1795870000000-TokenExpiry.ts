import { MigrationInterface, QueryRunner } from "typeorm";

// Tokens may expire: officials' and admins' by default after 90 days, integrations' only when issued so.
// revoked_at and last_used_at exist since the first migration. Tokens issued before this one never
// expire; `tokens list` shows them and `tokens issue --rotate` replaces an official's.
export class TokenExpiry1795870000000 implements MigrationInterface {
    name = 'TokenExpiry1795870000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "principal" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "principal" DROP COLUMN "expires_at"`);
    }

}
