import { MigrationInterface, QueryRunner } from "typeorm";

// The supervision console's sessions: a random id's hash, the signing-in token's hash, a CSRF token.
export class ConsoleSession1795870000001 implements MigrationInterface {
    name = 'ConsoleSession1795870000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "console_session" ("id_hash" character(64) NOT NULL, "token_hash" character(64) NOT NULL, "csrf_token" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_console_session" PRIMARY KEY ("id_hash"))`);
        await queryRunner.query(`CREATE INDEX "ix_console_session_expires" ON "console_session" ("expires_at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_console_session_expires"`);
        await queryRunner.query(`DROP TABLE "console_session"`);
    }

}
