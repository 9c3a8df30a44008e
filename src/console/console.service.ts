import { Inject, Injectable } from '@nestjs/common';
import { verifyChain } from '../common/history-hash';
import type { Principal } from '../common/principal';
import { validatedPart } from '../common/validation';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { AlertsService } from '../deadlines/alerts.service';
import { ApologiesService } from '../apologies/apologies.service';
import { CalendarService } from '../calendar/calendar.service';
import { DocumentsService } from '../documents/documents.service';
import { DossierActionsService } from '../dossiers/dossier-actions.service';
import { DossierReadsService } from '../dossiers/dossier-reads.service';
import { DossierActionDto } from '../dossiers/dto/dossier-action.dto';
import type { DossierView } from '../dossiers/dossier-view';
import type { DossierState } from '../dossiers/dossier.entity';
import { stepWorkedMs } from '../dossiers/due-dates';
import type { Jurisdiction } from '../reports/processing-report.service';
import { ReportReads } from '../reports/report-reads';
import { notFound } from '../common/domain-error';
import { findProcedure, type Procedure, PROCEDURES, procedureOf } from '../workflow/definitions';
import type { Fields } from './console-input';
import { consolePeriod, weeksEnding } from './period';
import { type AlertRow, type AlertsModel, SORTS, type SortKey, sortAlerts } from './views/alerts';
import type { DossierModel } from './views/dossier';
import { onTimeRate, type OverviewModel } from './views/overview';

/** Where a principal's figures are confined: an official's jurisdiction; nothing for an admin. */
export function jurisdictionOf(principal: Principal): Jurisdiction | undefined {
  if (principal.kind === 'admin') return undefined;
  // An official without a unit, or any other kind, sees an empty province.
  return principal.official ? { provinceCode: principal.official.provinceCode, districtCode: principal.official.districtCode } : { provinceCode: '', districtCode: '' };
}

/** Alerts per page of the console's lists. */
const ALERTS_PAGE = 100;

/** The overview's trend: this many weeks up to the period's last. */
const TREND_WEEKS = 8;

const procedureName = (code: string) => PROCEDURES.filter((p) => p.code === code).at(-1)?.name ?? code;

/**
 * What the console's pages show, from the services the API answers with, called with the signed-in
 * principal; the only reads of its own name dossiers the alerts service already returned.
 */
@Injectable()
export class ConsoleService {
  constructor(
    private readonly reportReads: ReportReads,
    private readonly alertsService: AlertsService,
    private readonly dossiers: DossierReadsService,
    private readonly actions: DossierActionsService,
    private readonly documents: DocumentsService,
    private readonly apologies: ApologiesService,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get workingDayMs(): number {
    return (this.config.officeHours.endHour - this.config.officeHours.startHour) * 3_600_000;
  }

  /** The overview; its figures come from the replica when it is fresh enough (`asOf` says how fresh). */
  async overview(principal: Principal, q: Record<string, string | undefined>, now: Date): Promise<OverviewModel> {
    const { reports, db, asOf } = await this.reportReads.source();
    const period = consolePeriod(q, now);
    const where = jurisdictionOf(principal);
    const mondays = weeksEnding(period.to, TREND_WEEKS);
    // Independent reads, side by side on the pool.
    const [byUnit, byProcedure, weekly, { total: overdueSteps }] = await Promise.all([
      reports.report({ from: period.from, to: period.to, groupBy: 'unit' }, now, where),
      reports.report({ from: period.from, to: period.to, groupBy: 'procedure' }, now, where),
      reports.weekly(mondays[0], TREND_WEEKS, where),
      this.alertsService.on(db).open(principal, { kind: 'overdue', page: 1, pageSize: 1 }),
    ]);
    const weeks = weekly.map((w, i) => ({ week: mondays[i], received: w.received, onTimeRate: onTimeRate(w) }));
    return { period, byUnit, byProcedure, weeks, overdueSteps, asOf };
  }

  /**
   * One page of the open alerts of a kind, in due order (the API's keyset: `cursor` goes on after
   * the page before), filtered by unit and procedure in the query; a column sorts the page's rows.
   */
  async alerts(principal: Principal, q: Record<string, string | undefined>, now: Date): Promise<AlertsModel> {
    const kind = q.kind === 'near-due' ? 'near-due' : 'overdue';
    const unit = q.unit ?? '';
    const procedure = q.procedure ?? '';
    // A list that may lag: from the replica when it is fresh enough, like the overview.
    const { db, asOf } = await this.reportReads.source();
    const alertsOn = this.alertsService.on(db);
    const [{ alerts, total, nextCursor }, units] = await Promise.all([
      alertsOn.open(principal, { kind, limit: ALERTS_PAGE, ...(q.cursor ? { cursor: q.cursor } : {}) }, { unit, procedure }),
      alertsOn.openUnits(principal, kind),
    ]);
    const ids = alerts.map((a) => a.dossier?.id).filter((id): id is string => !!id);
    const dossiers = await this.dossiers.on(db).enterprises(ids);
    const byId = new Map(dossiers.map((d) => [d.id, d]));
    const calendar = await this.calendars.current();
    const rows: AlertRow[] = alerts.map((a) => {
      const d = a.dossier ? byId.get(a.dossier.id) : undefined;
      const due = new Date(a.dueAt);
      const ms = kind === 'overdue' ? calendar.workingMsBetween(due, now) : calendar.workingMsBetween(now, due);
      return {
        dossierId: a.dossier?.id ?? null,
        portalCode: a.dossier?.portalCode ?? a.subject.id,
        enterprise: d?.enterprise ?? '—',
        procedureCode: d?.procedure_code ?? '',
        procedureName: d ? procedureName(d.procedure_code) : '—',
        step: a.step,
        unitCode: a.unit?.code ?? '',
        unitName: a.unit?.name ?? '—',
        officials: a.officials.map((o) => o.fullName),
        dueAt: a.dueAt,
        workingDays: Math.max(0, ms) / this.workingDayMs,
      };
    });
    const sort: SortKey = (SORTS as readonly string[]).includes(q.sort ?? '') ? (q.sort as SortKey) : kind === 'overdue' ? 'workingDays' : 'dueAt';
    const desc = q.desc === undefined ? kind === 'overdue' && !q.sort : q.desc === '1';
    const procedures = [...new Set(PROCEDURES.map((p) => p.code))].map((code) => ({ code, name: procedureName(code) }));
    return { kind, rows: sortAlerts(rows, sort, desc), sort, desc, unit, procedure, units, procedures, total, cursor: q.cursor ?? null, nextCursor, asOf };
  }

  /** Every version this process knows: the shipped ones and each deployed one. */
  procedures(): readonly Procedure[] {
    return PROCEDURES;
  }

  /** One version, by the code and version of its address; anything else is not found. */
  procedure(code: string, version: string): Procedure {
    const found = /^\d{1,9}$/.test(version) ? findProcedure(code, Number(version)) : undefined;
    if (!found) throw notFound('PROCEDURE_VERSION_NOT_FOUND', `procedure ${code.slice(0, 64)} has no version ${version.slice(0, 12)}`);
    return found;
  }

  async dossier(principal: Principal, id: string, csrf: string, now: Date): Promise<DossierModel> {
    const state = await this.dossiers.load(id, principal);
    const view = this.dossiers.view(state, principal, now);
    const procedure = procedureOf(view);
    const history = await this.dossiers.history(id, principal);
    const steps = await this.documents.steps(id, principal);
    const calendar = await this.calendars.current();
    return {
      view,
      procedureName: procedure.name,
      steps,
      workingDayMs: this.workingDayMs,
      // The running step's time so far, by the function that records a step's time when it ends.
      runningMs: steps.some((s) => s.endedAt === null) ? stepWorkedMs(calendar, state, now) : null,
      history,
      chainBrokenAt: verifyChain(history),
      apologies: await this.apologies.list(id, principal),
      documents: await this.documents.list(id, principal),
      rejectGrounds: procedure.rejectGrounds.map((g) => ({ key: g.key, label: g.label, labelEn: g.labelEn ?? g.label })),
      loanWorkers: await this.loanWorkers(state),
      csrf,
      now,
    };
  }

  private async loanWorkers(state: DossierState): Promise<{ n: number; fullName: string }[]> {
    if (!state.loan) return [];
    const listed = (await this.dossiers.content(state.id)).workers ?? [];
    return state.loan.workers.map((n) => ({ n, fullName: listed[n - 1]?.fullName ?? '' }));
  }

  /** One action from the console's form, through the API's own validation and action service. */
  async act(principal: Principal, id: string, form: Fields<'actionForm'>, now: Date): Promise<DossierView> {
    const body: Record<string, unknown> = { action: form.action };
    for (const name of ['comment', 'reason', 'ground', 'channel'] as const) {
      const text = form[name]?.trim();
      if (text) body[name] = text;
    }
    if (form.expectedVersion) body.expectedVersion = Number(form.expectedVersion);
    if (form.action === 'disburse') body.data = { contractNumber: form.contractNumber, amount: Number(form.amount) };
    if (form.action === 'record-payment') body.data = { month: form.month, amount: Number(form.amount), workers: workerNumbers(form.workers) };
    const dto = await validatedPart(DossierActionDto, body, '');
    return this.actions.act(id, dto, principal, now);
  }
}

/**
 * "1, 3": the workers a payment went to, by n. Anything but a number is passed on as written, so
 * the API's own check names `data.workers`; nothing at all leaves them out for it to refuse.
 */
function workerNumbers(text: string | undefined): (number | string)[] | undefined {
  const items = (text ?? '').split(/[\s,;]+/).filter(Boolean);
  return items.length ? items.map((item) => (/^\d+$/.test(item) ? Number(item) : item)) : undefined;
}
