import { MigrationInterface, QueryRunner } from "typeorm";

// The provincial decision and the refusal notices, each numbered per issuing unit, series and year
// from decision_number (one row per counter, locked while an action draws from it).
export class Decisions1796700010000 implements MigrationInterface {
    name = 'Decisions1796700010000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "decision_number" ("issuer_code" character varying(32) NOT NULL, "series" character varying(20) NOT NULL, "year" integer NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_3c85527020d552072b97c02f690" PRIMARY KEY ("issuer_code", "series", "year"))`);
        await queryRunner.query(`CREATE TABLE "decision" ("id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "event_seq" integer NOT NULL, "issuer_code" character varying(32) NOT NULL, "issuer_name" character varying(300) NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "number" character varying(40) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "signer_official_id" uuid NOT NULL, "signer_name" character varying(200) NOT NULL, "prepared_by_official_id" uuid NOT NULL, "prepared_by_name" character varying(200) NOT NULL, "prepared_by_unit_name" character varying(300) NOT NULL, "workers" jsonb NOT NULL, "total" bigint NOT NULL, "legal_basis" jsonb NOT NULL, CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_decision_dossier" ON "decision"  ("dossier_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_decision_number" ON "decision"  ("issuer_code", "year", "seq") `);
        await queryRunner.query(`CREATE TABLE "notice" ("id" uuid NOT NULL, "dossier_id" uuid NOT NULL, "event_seq" integer NOT NULL, "issuer_code" character varying(32) NOT NULL, "series" character varying(20) NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "number" character varying(40) NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "signer_official_id" uuid, "signer_name" character varying(200), "ground" character varying(60) NOT NULL, "ground_label" text NOT NULL, "ground_legal_basis" text NOT NULL, "reason" text NOT NULL, CONSTRAINT "PK_705062b14410ff1a04998f86d72" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_notice_dossier" ON "notice"  ("dossier_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_notice_number" ON "notice"  ("issuer_code", "year", "series", "seq") `);
        await queryRunner.query(`ALTER TABLE "dossier" ADD "decision" jsonb`);
        await queryRunner.query(`ALTER TABLE "decision" ADD CONSTRAINT "FK_23fc58bb5e6a719f3a8a9fc9668" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notice" ADD CONSTRAINT "FK_aa4d62ac4d09bdc5fe91d6b7722" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "notice" DROP CONSTRAINT "FK_aa4d62ac4d09bdc5fe91d6b7722"`);
        await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "FK_23fc58bb5e6a719f3a8a9fc9668"`);
        await queryRunner.query(`ALTER TABLE "dossier" DROP COLUMN "decision"`);
        await queryRunner.query(`DROP INDEX "public"."uq_notice_number"`);
        await queryRunner.query(`DROP INDEX "public"."ix_notice_dossier"`);
        await queryRunner.query(`DROP TABLE "notice"`);
        await queryRunner.query(`DROP INDEX "public"."uq_decision_number"`);
        await queryRunner.query(`DROP INDEX "public"."uq_decision_dossier"`);
        await queryRunner.query(`DROP TABLE "decision"`);
        await queryRunner.query(`DROP TABLE "decision_number"`);
    }

}
