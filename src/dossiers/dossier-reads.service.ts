import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AdministrativeUnits } from '../common/administrative-units';
import { forbidden, notFound } from '../common/domain-error';
import type { Principal } from '../common/principal';
import { preparedQuery } from '../database/prepared';
import { RowReader } from '../database/row-reader';
import { maySee } from '../grants/access';
import { Ledger } from '../ledger/ledger';
import { emptyPage, type Keyset, readPage } from '../ledger/pages';
import { ProcedureDefinitionsService } from '../procedures/procedure-definitions.service';
import { procedureOf } from '../workflow/definitions';
import { eligibilityFindings } from '../workflow/eligibility';
import { DOSSIER_BOOK } from './dossier-ledger';
import { dossierView, type DossierView } from './dossier-view';
import { type DossierContent, DossierEntity, type DossierState } from './dossier.entity';
import type { ListDossiersQuery } from './dto/list-dossiers.query';

/** The dossier list's order: newest first, the id breaking ties (a cursor's keyset). */
const NEWEST_FIRST: Keyset = { columns: [{ expr: 'd.created_at', type: 'timestamptz' }, { expr: 'd.id', type: 'uuid' }], direction: 'DESC' };

/** What a dossier shows its callers: the view, lists, the history, the findings; and the state an action reads. */
@Injectable()
export class DossierReadsService {
  private stateReader?: RowReader<DossierState>;

  constructor(
    private readonly db: DataSource,
    private readonly units: AdministrativeUnits,
    private readonly definitions: ProcedureDefinitionsService,
  ) {}

  /** The same reads on another database (the replica, for the console's lists). */
  on(db: DataSource): DossierReadsService {
    return db === this.db ? this : new DossierReadsService(db, this.units, this.definitions);
  }

  /** A dossier's state where `where` (one condition on $1) holds: every column but `content` (the worker list, most of a row). */
  async findState(manager: EntityManager, where: 'id' | 'portal_code', value: string): Promise<DossierState | null> {
    const [row] = await preparedQuery(manager, `SELECT ${this.state().columns} FROM "dossier" WHERE ${where} = $1`, [value]);
    if (!row) return null;
    const d = this.state().hydrate(row);
    await this.definitions.ensureRegistered(manager, [d]);
    return d;
  }

  private state(): RowReader<DossierState> {
    return (this.stateReader ??= new RowReader<DossierState>(this.db, DossierEntity, ['content']));
  }

  view(d: DossierState, principal: Principal, now: Date): DossierView {
    return dossierView(d, procedureOf(d), principal, now);
  }

  /** One dossier, with its workers (lists leave them out: the content is most of a row). */
  async get(id: string, principal: Principal, now: Date): Promise<DossierView> {
    const d = await this.load(id, principal);
    return dossierView(d, procedureOf(d), principal, now, await this.content(id));
  }

  /** The dossier's state (not its content) if the principal may see it: 404 unknown, 403 outside its jurisdiction. */
  async load(id: string, principal: Principal, manager: EntityManager = this.db.manager): Promise<DossierState> {
    const d = await this.findState(manager, 'id', id);
    if (!d) throw notFound('DOSSIER_NOT_FOUND', `dossier ${id} does not exist`);
    if (!maySee(principal, d)) throw forbidden('DOSSIER_OUT_OF_JURISDICTION', 'the dossier is outside your unit\'s jurisdiction');
    return d;
  }

  async content(id: string): Promise<DossierContent> {
    return (await this.db.getRepository(DossierEntity).findOneOrFail({ where: { id }, select: { id: true, content: true } })).content;
  }

  async list(q: ListDossiersQuery, principal: Principal, now: Date) {
    const qb = this.db.getRepository(DossierEntity).createQueryBuilder('d').select(this.state().properties.map((p) => `d.${p}`));
    if (q.status) qb.andWhere('d.status = :status', { status: q.status });
    if (q.procedure) qb.andWhere('d.procedure_code = :procedure', { procedure: q.procedure });
    if (q.state) qb.andWhere('d.state = :state', { state: q.state });
    if (q.overdue === 'true') qb.andWhere('d.step_due_at < :now', { now });
    if (q.overdue === 'false') qb.andWhere('(d.step_due_at IS NULL OR d.step_due_at >= :now)', { now });
    if (principal.kind === 'official') {
      const official = principal.official;
      if (!official) return emptyPage<DossierView>(q);
      qb.andWhere('d.province_code = :province', { province: official.provinceCode });
      if (official.districtCode) qb.andWhere('d.district_code = :district', { district: official.districtCode });
    }
    return readPage(qb, q, NEWEST_FIRST, (d) => this.view(d, principal, now));
  }

  /** The enterprise of each dossier named (for lists that show alerts): no access check, callers hold the dossiers' alerts. */
  async enterprises(ids: string[]): Promise<{ id: string; procedure_code: string; enterprise: string }[]> {
    if (!ids.length) return [];
    return this.db.query(`SELECT id, procedure_code, applicant->>'name' AS enterprise FROM dossier WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async history(id: string, principal: Principal) {
    await this.load(id, principal);
    return Ledger.history(this.db.manager, DOSSIER_BOOK, id);
  }

  /** The eligibility findings of every worker, computed now from the dossier's content under its version's rules. */
  async eligibility(id: string, principal: Principal) {
    const d = await this.load(id, principal);
    const procedure = procedureOf(d);
    const content = await this.content(id);
    const findings = eligibilityFindings(procedure.eligibility, { ...content, wageRegion: this.units.wageRegion(d.provinceCode, d.districtCode) });
    return { procedureCode: procedure.code, procedureVersion: procedure.version, legalBasis: procedure.legalBasis, ...findings };
  }
}
