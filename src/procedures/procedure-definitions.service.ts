import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit';
import { canonicalJson, sha256 } from '../common/canonical-json';
import { conflict, invalid, notFound } from '../common/domain-error';
import { knownUnitKinds, registerUnitKinds } from '../common/unit-kinds';
import { checkDefinition, type DefinitionProblem, readDefinitionText } from '../workflow/definition-check';
import { findProcedure, registerProcedure, SHIPPED_DOCUMENTS } from '../workflow/definitions';
import type { ProcedureDefinition } from '../workflow/types';
import { type Difference, differences } from './definition-diff';

export interface DeployResult {
  code: string;
  version: number;
  sha256: string;
  result: 'deployed' | 'unchanged' | 'would-deploy';
  /** Against the latest version of the code deployed before (empty for a new code). */
  differences: Difference[];
  against: number | null;
}

interface Row {
  code: string;
  version: number;
  document: Record<string, unknown>;
  sha256: string;
  deployed_at: Date;
}

/** The document as stored and hashed: its `$schema` pointer is an editor's aid, not content. */
function content(document: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _pointer, ...rest } = document;
  return rest;
}

function refused(problems: DefinitionProblem[]): never {
  const [first] = problems;
  throw invalid(first.code, problems.map((p) => p.message), { path: first.path, problems });
}

/** A checked definition made known to this process, with the unit kinds it declares. */
function register(definition: ProcedureDefinition): void {
  registerUnitKinds(definition.unitKinds.map((k) => k.code));
  registerProcedure(definition);
}

/** Deployed procedure versions: checked, stored once with their hash, registered in every process at start. */
@Injectable()
export class ProcedureDefinitionsService implements OnModuleInit {
  constructor(private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.load();
  }

  /** Registers every version the database holds (a fresh database, before its migrations, holds none). */
  async load(manager: EntityManager = this.db.manager): Promise<void> {
    const [{ present }] = await manager.query(`SELECT to_regclass('procedure_definition') IS NOT NULL AS present`);
    if (!present) return;
    const rows: Row[] = await manager.query('SELECT code, version, document FROM procedure_definition ORDER BY deployed_at, code, version');
    for (const row of rows) this.registerRow(row);
  }

  /**
   * Makes sure the versions named are registered here: one another instance (or the CLI) deployed
   * since this process started is read from procedure_definition on its first use, then served
   * from the cache like any other. Costs nothing when every version named is known.
   */
  async ensureRegistered(manager: EntityManager, versions: readonly { procedureCode: string; procedureVersion: number }[]): Promise<void> {
    const missing = versions.filter((v) => !findProcedure(v.procedureCode, v.procedureVersion));
    if (!missing.length) return;
    const rows: Row[] = await manager.query(
      'SELECT code, version, document FROM procedure_definition WHERE (code, version) IN (SELECT * FROM unnest($1::varchar[], $2::int[])) ORDER BY deployed_at',
      [missing.map((v) => v.procedureCode), missing.map((v) => v.procedureVersion)],
    );
    for (const row of rows) this.registerRow(row);
  }

  private registerRow(row: Pick<Row, 'code' | 'version' | 'document'>): void {
    const checked = checkDefinition(row.document, knownUnitKinds());
    if (!checked.ok) throw new Error(`deployed ${row.code}@${row.version} no longer passes the checks: ${checked.problems[0].message}`);
    register(checked.definition);
  }

  /** Stores the shipped documents where the database lacks them (as if deployed), in the seed's transaction. */
  async storeShipped(m: EntityManager): Promise<void> {
    for (const document of SHIPPED_DOCUMENTS as Record<string, unknown>[]) {
      const doc = content(document);
      await m.query('INSERT INTO procedure_definition (code, version, document, sha256) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
        doc.code, doc.version, JSON.stringify(doc), sha256(canonicalJson(doc)),
      ]);
    }
  }

  /**
   * Checks a document and, unless `check`, stores it as a new version (and as a version `procedures
   * publish` may schedule). The same content again is `unchanged`; other content under a deployed
   * code and version is refused with the differences named. Nothing is stored when refused.
   */
  async deploy(bytes: Uint8Array | string, options: { check?: boolean; actor?: string }): Promise<DeployResult> {
    const read = readDefinitionText(bytes);
    if (!read.ok) refused(read.problems);
    const checked = checkDefinition(read.document, knownUnitKinds());
    if (!checked.ok) refused(checked.problems);
    const doc = content(read.document as Record<string, unknown>);
    const definition = doc as unknown as ProcedureDefinition;
    const hash = sha256(canonicalJson(doc));
    const result = await this.db.transaction(async (m) => {
      // One deployer of a code at a time: the version's row is read, then written.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procedure-definition:${definition.code}`]);
      const [same]: Row[] = await m.query('SELECT document, sha256 FROM procedure_definition WHERE code = $1 AND version = $2', [definition.code, definition.version]);
      const base = { code: definition.code, version: definition.version, sha256: hash };
      if (same) {
        const changed = differences(same.document, doc);
        if (same.sha256 !== hash) {
          throw conflict('PROCEDURE_VERSION_IMMUTABLE', `${definition.code} version ${definition.version} is deployed and cannot change (${changed.map((d) => d.path).join(', ')}); deploy it as a new version`, {
            differences: changed,
          });
        }
        return { ...base, result: 'unchanged' as const, differences: [], against: definition.version };
      }
      const [latest]: Row[] = await m.query('SELECT version, document FROM procedure_definition WHERE code = $1 ORDER BY version DESC LIMIT 1', [definition.code]);
      const against = { differences: latest ? differences(latest.document, doc) : [], against: latest?.version ?? null };
      if (options.check) return { ...base, result: 'would-deploy' as const, ...against };
      await m.query('INSERT INTO procedure_definition (code, version, document, sha256) VALUES ($1, $2, $3, $4)', [definition.code, definition.version, JSON.stringify(doc), hash]);
      await m.query('INSERT INTO procedure_version (code, version, name, steps) VALUES ($1, $2, $3, $4)', [definition.code, definition.version, definition.name, JSON.stringify(definition.steps)]);
      if (options.actor) await recordAudit(m, options.actor, 'procedure.deploy', { ...base });
      return { ...base, result: 'deployed' as const, ...against };
    });
    if (result.result === 'deployed') register(checked.definition);
    return result;
  }

  /** Every deployed version, with whether and from when it is published. */
  async list() {
    const rows = await this.db.query(
      `SELECT d.code, d.version, d.document->>'name' AS name, d.document->>'legalBasis' AS "legalBasis", d.sha256, d.deployed_at AS "deployedAt",
              coalesce(v.published, false) AS published, v.published_from AS "publishedFrom"
         FROM procedure_definition d LEFT JOIN procedure_version v USING (code, version) ORDER BY d.code, d.version`,
    );
    return { items: rows as { code: string; version: number; name: string; sha256: string; deployedAt: Date; published: boolean; publishedFrom: Date | null }[] };
  }

  /** One version's document (the latest without `version`). */
  async show(code: string, version?: number) {
    const [row]: Row[] = await this.db.query(
      'SELECT code, version, document, sha256, deployed_at FROM procedure_definition WHERE code = $1 AND ($2::int IS NULL OR version = $2) ORDER BY version DESC LIMIT 1',
      [code, version ?? null],
    );
    if (!row) throw notFound('PROCEDURE_VERSION_NOT_FOUND', version === undefined ? `procedure ${code} has no deployed version` : `procedure ${code} has no version ${version}`);
    return { code: row.code, version: row.version, sha256: row.sha256, deployedAt: row.deployed_at, document: row.document };
  }

  /** What changed from version `a` to `b` of a code, field by field. */
  async diff(code: string, a: number, b: number) {
    const [before, after] = [await this.show(code, a), await this.show(code, b)];
    return { code, from: a, to: b, differences: differences(before.document, after.document) };
  }
}
