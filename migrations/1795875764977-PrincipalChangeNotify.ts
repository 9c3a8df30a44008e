import { MigrationInterface, QueryRunner } from "typeorm";

// Every instance caches principals (token hash → principal, unit, grants) and drops its cache on a
// notification on this channel, so a revoke, an expiry change, a deactivation, a grant or a unit
// change by any writer (the API, the CLI, psql) takes effect everywhere at once. A principal's
// last_used_at is written while it is used and changes nothing about it: that update notifies nobody.
export class PrincipalChangeNotify1795875764977 implements MigrationInterface {
    name = 'PrincipalChangeNotify1795875764977'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE FUNCTION notify_principals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('dvc_principals_changed', TG_TABLE_NAME);
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER principal_changed AFTER UPDATE ON "principal" FOR EACH ROW
            WHEN ((to_jsonb(OLD) - 'last_used_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_used_at'))
            EXECUTE FUNCTION notify_principals_changed()`);
        await queryRunner.query(`CREATE TRIGGER principal_removed AFTER DELETE OR TRUNCATE ON "principal" FOR EACH STATEMENT EXECUTE FUNCTION notify_principals_changed()`);
        for (const table of ['official', 'grant', 'unit']) {
            await queryRunner.query(`CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION notify_principals_changed()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of ['official', 'grant', 'unit']) await queryRunner.query(`DROP TRIGGER ${table}_changed ON "${table}"`);
        await queryRunner.query(`DROP TRIGGER principal_removed ON "principal"`);
        await queryRunner.query(`DROP TRIGGER principal_changed ON "principal"`);
        await queryRunner.query(`DROP FUNCTION notify_principals_changed()`);
    }

}
