import { MigrationInterface, QueryRunner } from "typeorm";

// The procedure versions deployed as documents (the seeds' files too): one row per code and
// version, never changed or removed once written, so a dossier's version stays what it was.
export class ProcedureDefinitions1796700030000 implements MigrationInterface {
    name = 'ProcedureDefinitions1796700030000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "procedure_definition" ("code" character varying(64) NOT NULL, "version" integer NOT NULL, "document" jsonb NOT NULL, "sha256" character(64) NOT NULL, "deployed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_procedure_definition" PRIMARY KEY ("code", "version"))`);
        await queryRunner.query(`CREATE FUNCTION procedure_definition_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'a deployed procedure version is immutable'; END $$`);
        await queryRunner.query(`CREATE TRIGGER procedure_definition_immutable BEFORE UPDATE OR DELETE ON "procedure_definition" FOR EACH ROW EXECUTE FUNCTION procedure_definition_immutable()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "procedure_definition"`);
        await queryRunner.query(`DROP FUNCTION procedure_definition_immutable()`);
    }
}
