import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795385286157 implements MigrationInterface {
    name = 'Init1795385286157'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "dossier" ("id" uuid NOT NULL, "portal_code" character varying(64) NOT NULL, "procedure_code" character varying(64) NOT NULL, "procedure_version" integer NOT NULL, "state" character varying(40) NOT NULL, "status" character varying(30) NOT NULL, "current_step" character varying(40), "step_started_at" TIMESTAMP WITH TIME ZONE, "step_due_at" TIMESTAMP WITH TIME ZONE, "step_remaining_ms" bigint, "due_at" TIMESTAMP WITH TIME ZONE, "due_remaining_ms" bigint, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "applicant" jsonb NOT NULL, "tax_code" character varying(14) NOT NULL, "province_code" character varying(2) NOT NULL, "district_code" character varying(3) NOT NULL, "worker_count" integer NOT NULL, "signed" boolean NOT NULL, "content" jsonb NOT NULL, "submission_hash" character(64) NOT NULL, "snapshot" jsonb NOT NULL, "version" integer NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_62a60ad7157c2922b57c3319364" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_dossier_portal_code" ON "dossier"  ("portal_code") `);
        await queryRunner.query(`CREATE INDEX "ix_dossier_open_step_due" ON "dossier"  ("step_due_at") WHERE step_due_at IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_dossier_status_created" ON "dossier"  ("status", "created_at") `);
        await queryRunner.query(`CREATE INDEX "ix_dossier_procedure_state" ON "dossier"  ("procedure_code", "state") `);
        await queryRunner.query(`CREATE INDEX "ix_dossier_jurisdiction" ON "dossier"  ("province_code", "district_code") `);
        await queryRunner.query(`CREATE TABLE "dossier_event" ("dossier_id" uuid NOT NULL, "seq" integer NOT NULL, "type" character varying(30) NOT NULL, "action" character varying(40), "from_state" character varying(40), "to_state" character varying(40) NOT NULL, "actor" jsonb NOT NULL, "comment" text, "reason" text, "data" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "hash" character(64) NOT NULL, "prev_hash" character(64), CONSTRAINT "PK_f2e1cbae9a693d94242a8d1f64c" PRIMARY KEY ("dossier_id", "seq"))`);
        await queryRunner.query(`CREATE TABLE "idempotency_key" ("principal_id" character varying(64) NOT NULL, "key" character varying(200) NOT NULL, "dossier_id" uuid NOT NULL, "request_hash" character(64) NOT NULL, "status_code" integer NOT NULL, "response" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3af9e276bd8fd501e62d59a2fa3" PRIMARY KEY ("principal_id", "key"))`);
        await queryRunner.query(`CREATE TABLE "calendar_day" ("date" date NOT NULL, "kind" character varying(12) NOT NULL, "name" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_82404934db32af18c10dfe7087e" PRIMARY KEY ("date"))`);
        await queryRunner.query(`CREATE TABLE "audit_event" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying(200) NOT NULL, "action" character varying(40) NOT NULL, "subject" jsonb NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "unit" ("code" character varying(32) NOT NULL, "name" character varying(300) NOT NULL, "kind" character varying(30) NOT NULL, "province_code" character varying(2) NOT NULL, "district_code" character varying(3), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dfb75cdb2a790fb84327e1d1b15" PRIMARY KEY ("code"))`);
        await queryRunner.query(`CREATE TABLE "official" ("id" uuid NOT NULL, "full_name" character varying(200) NOT NULL, "id_number" character varying(12) NOT NULL, "phone" character varying(15) NOT NULL, "email" character varying(254), "unit_code" character varying(32) NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3e150a20ca3578b094161b2d037" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_official_id_number" ON "official"  ("id_number") `);
        await queryRunner.query(`CREATE INDEX "ix_official_unit" ON "official"  ("unit_code") `);
        await queryRunner.query(`CREATE TABLE "grant" ("official_id" uuid NOT NULL, "procedure_code" character varying(64) NOT NULL, "step" character varying(40) NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0a444bc174b835dfab86eec5e88" PRIMARY KEY ("official_id", "procedure_code", "step"))`);
        await queryRunner.query(`CREATE TABLE "principal" ("id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "official_id" uuid, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b3ff9fc87cb26d8e16f1cc56745" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_principal_token_hash" ON "principal"  ("token_hash") `);
        await queryRunner.query(`CREATE TABLE "outbox_message" ("id" uuid NOT NULL, "seq" BIGSERIAL NOT NULL, "dossier_id" uuid NOT NULL, "payload" jsonb NOT NULL, "state" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_dossier_seq" ON "outbox_message"  ("dossier_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "ix_outbox_due" ON "outbox_message"  ("next_attempt_at") WHERE state = 'pending'`);
        await queryRunner.query(`CREATE TABLE "procedure_version" ("code" character varying(64) NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "steps" jsonb NOT NULL, "published" boolean NOT NULL DEFAULT false, "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_40a8086a5bf15cd42f2b4f77830" PRIMARY KEY ("code", "version"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_procedure_version_published" ON "procedure_version"  ("code") WHERE published`);
        await queryRunner.query(`ALTER TABLE "dossier_event" ADD CONSTRAINT "FK_4cd971f8d906ca063a61c2b74aa" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "idempotency_key" ADD CONSTRAINT "FK_3bba685cee0439c2d668a5d1610" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "official" ADD CONSTRAINT "FK_161817aef5d928f175b19333122" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "grant" ADD CONSTRAINT "FK_e381827811475783e89bb00241a" FOREIGN KEY ("official_id") REFERENCES "official"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "principal" ADD CONSTRAINT "FK_171940befdbbd978bbedf48baf0" FOREIGN KEY ("official_id") REFERENCES "official"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "outbox_message" ADD CONSTRAINT "FK_90c7e618e34f00bd4663250e1d3" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "FK_90c7e618e34f00bd4663250e1d3"`);
        await queryRunner.query(`ALTER TABLE "principal" DROP CONSTRAINT "FK_171940befdbbd978bbedf48baf0"`);
        await queryRunner.query(`ALTER TABLE "grant" DROP CONSTRAINT "FK_e381827811475783e89bb00241a"`);
        await queryRunner.query(`ALTER TABLE "official" DROP CONSTRAINT "FK_161817aef5d928f175b19333122"`);
        await queryRunner.query(`ALTER TABLE "idempotency_key" DROP CONSTRAINT "FK_3bba685cee0439c2d668a5d1610"`);
        await queryRunner.query(`ALTER TABLE "dossier_event" DROP CONSTRAINT "FK_4cd971f8d906ca063a61c2b74aa"`);
        await queryRunner.query(`DROP INDEX "public"."uq_procedure_version_published"`);
        await queryRunner.query(`DROP TABLE "procedure_version"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_due"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_dossier_seq"`);
        await queryRunner.query(`DROP TABLE "outbox_message"`);
        await queryRunner.query(`DROP INDEX "public"."uq_principal_token_hash"`);
        await queryRunner.query(`DROP TABLE "principal"`);
        await queryRunner.query(`DROP TABLE "grant"`);
        await queryRunner.query(`DROP INDEX "public"."ix_official_unit"`);
        await queryRunner.query(`DROP INDEX "public"."uq_official_id_number"`);
        await queryRunner.query(`DROP TABLE "official"`);
        await queryRunner.query(`DROP TABLE "unit"`);
        await queryRunner.query(`DROP TABLE "audit_event"`);
        await queryRunner.query(`DROP TABLE "calendar_day"`);
        await queryRunner.query(`DROP TABLE "idempotency_key"`);
        await queryRunner.query(`DROP TABLE "dossier_event"`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_jurisdiction"`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_procedure_state"`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_status_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_dossier_open_step_due"`);
        await queryRunner.query(`DROP INDEX "public"."uq_dossier_portal_code"`);
        await queryRunner.query(`DROP TABLE "dossier"`);
    }

}
