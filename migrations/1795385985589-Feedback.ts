import { MigrationInterface, QueryRunner } from "typeorm";

export class Feedback1795385985589 implements MigrationInterface {
    name = 'Feedback1795385985589'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "feedback" ("id" uuid NOT NULL, "tracking_code" character varying(24) NOT NULL, "title" character varying(200) NOT NULL, "content" text NOT NULL, "contact" jsonb NOT NULL, "dossier_portal_code" character varying(64), "unit_code" character varying(32), "state" character varying(20) NOT NULL, "snapshot" jsonb NOT NULL, "version" integer NOT NULL, "answer" text, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "answered_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8389f9e087a57689cd5be8b2b13" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_feedback_tracking_code" ON "feedback"  ("tracking_code") `);
        await queryRunner.query(`CREATE INDEX "ix_feedback_open_due" ON "feedback"  ("due_at") WHERE due_at IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_feedback_dossier" ON "feedback"  ("dossier_portal_code") `);
        await queryRunner.query(`CREATE INDEX "ix_feedback_unit" ON "feedback"  ("unit_code") `);
        await queryRunner.query(`CREATE INDEX "ix_feedback_published" ON "feedback"  ("published_at") WHERE state = 'published'`);
        await queryRunner.query(`CREATE TABLE "feedback_event" ("feedback_id" uuid NOT NULL, "seq" integer NOT NULL, "action" character varying(20) NOT NULL, "from_state" character varying(20), "to_state" character varying(20) NOT NULL, "actor" jsonb NOT NULL, "data" jsonb, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "hash" character(64) NOT NULL, "prev_hash" character(64), CONSTRAINT "PK_64d39e98538a97a121f5528559e" PRIMARY KEY ("feedback_id", "seq"))`);
        await queryRunner.query(`ALTER TABLE "feedback_event" ADD CONSTRAINT "FK_86140aa52efa5eff42d788281b0" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "feedback_event" DROP CONSTRAINT "FK_86140aa52efa5eff42d788281b0"`);
        await queryRunner.query(`DROP TABLE "feedback_event"`);
        await queryRunner.query(`DROP INDEX "public"."ix_feedback_published"`);
        await queryRunner.query(`DROP INDEX "public"."ix_feedback_unit"`);
        await queryRunner.query(`DROP INDEX "public"."ix_feedback_dossier"`);
        await queryRunner.query(`DROP INDEX "public"."ix_feedback_open_due"`);
        await queryRunner.query(`DROP INDEX "public"."uq_feedback_tracking_code"`);
        await queryRunner.query(`DROP TABLE "feedback"`);
    }

}
