import { MigrationInterface, QueryRunner } from "typeorm";

// Every instance hears of a version deployed anywhere (another instance, the CLI, psql) and
// registers it without a restart: the row's insertion notifies its code and version.
export class ProcedureDefinitionNotify1796700070000 implements MigrationInterface {
    name = 'ProcedureDefinitionNotify1796700070000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION procedure_definition_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('dvc_procedures_deployed', NEW.code || '@' || NEW.version); RETURN NULL; END $$`);
        await queryRunner.query(`CREATE TRIGGER procedure_definition_notify AFTER INSERT ON "procedure_definition" FOR EACH ROW EXECUTE FUNCTION procedure_definition_notify()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER procedure_definition_notify ON "procedure_definition"`);
        await queryRunner.query(`DROP FUNCTION procedure_definition_notify()`);
    }
}
