import { MigrationInterface, QueryRunner } from "typeorm";

// The histories and the audit trail only grow: the database itself refuses to change or remove
// a row, so a bug or a stray statement cannot rewrite a decision (the hash chain shows the rest).
const TABLES = ['dossier_event', 'feedback_event', 'audit_event'];

export class AppendOnlyHistory1795472500000 implements MigrationInterface {
    name = 'AppendOnlyHistory1795472500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION "refuse_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$`);
        for (const table of TABLES) {
            await queryRunner.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "refuse_history_change"()`);
            await queryRunner.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_history_change"()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TABLES) {
            await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER "${table}_append_only" ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION "refuse_history_change"()`);
    }

}
