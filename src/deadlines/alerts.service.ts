import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/principal';
import { CalendarService } from '../calendar/calendar.service';
import { cursorOf, cursorValues, type Keyset, pagingMode } from '../ledger/pages';
import type { AlertKind } from './deadline-alert.entity';
import type { ListAlertsQuery } from './dto/list-alerts.query';
import { extraHolderCte, extraHoldersParam, heldAsExtra } from '../grants/responsible-unit.sql';
import { apologyDeadline } from './near-due';

export interface AlertView {
  id: string;
  kind: AlertKind;
  subject: { type: string; id: string };
  /** The dossier, for alerts about a dossier. */
  dossier: { id: string; portalCode: string } | null;
  step: string;
  unit: { code: string; name: string } | null;
  officials: { officialId: string; fullName: string }[];
  dueAt: string;
  /** For a dossier: its legal appointed return date, and the last moment for an apology letter while none was sent. */
  appointedReturnDate: string | null;
  apologyDeadline: string | null;
  openedAt: string;
}

interface Row {
  id: string;
  due_key: string;
  kind: AlertKind;
  subject_type: string;
  subject_id: string;
  step: string;
  unit_code: string | null;
  unit_name: string | null;
  portal_code: string | null;
  due_at: Date;
  appointed_return_at: Date | null;
  apologised: boolean | null;
  opened_at: Date;
  officials: { officialId: string; fullName: string }[];
  total: number;
}

const SOONEST_FIRST: Keyset = { columns: [{ expr: 'due_at', type: 'timestamptz' }, { expr: 'id', type: 'uuid' }], direction: 'ASC' };

/** Open deadline alerts: an official sees those of their unit, an admin all of them. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  /** The same reads on another database (the replica, for the console's lists). */
  on(db: DataSource): AlertsService {
    return db === this.db ? this : new AlertsService(db, this.calendars);
  }

  /** The units with an open alert of `kind` that the principal may see: a probe per unit, not a read of every alert. */
  async openUnits(principal: Principal, kind: AlertKind): Promise<{ code: string; name: string }[]> {
    if (principal.kind === 'official' && !principal.official) return [];
    const unit = principal.kind === 'official' ? principal.official!.unitCode : null;
    return this.db.query(
      `SELECT u.code, u.name FROM unit u
        WHERE ($2::varchar IS NULL OR u.code = $2)
          AND EXISTS (SELECT 1 FROM deadline_alert a WHERE a.unit_code = u.code AND a.closed_at IS NULL AND a.kind = $1)
        ORDER BY u.name, u.code`,
      [kind, unit],
    );
  }

  /**
   * The open alerts, soonest due first, and how many are open in all: every one, or the page asked
   * (`page`, or `cursor`/`limit`, which also says where the next one starts). `only` narrows them to
   * one unit or one procedure (the console's filters), inside what the principal may see.
   */
  async open(principal: Principal, q: ListAlertsQuery, only: { unit?: string; procedure?: string } = {}): Promise<{ alerts: AlertView[]; total: number; nextCursor: string | null }> {
    const byCursor = q.cursor !== undefined || q.limit !== undefined;
    // Refuses cursor mixed with page, and a page deeper than every list's cap.
    if (byCursor) pagingMode(q);
    else if (q.page !== undefined) pagingMode({ page: q.page, pageSize: q.pageSize ?? 100 });
    const after = q.cursor !== undefined ? cursorValues(q.cursor, SOONEST_FIRST) : [null, null];
    let unitCode: string | null = only.unit || null;
    // An official of a kind that may hold another kind's step (the Department of Labour at the
    // provincial step) also gets the alerts of the steps they are granted, within their jurisdiction.
    let extra: { grants: string; provinceCode: string; districtCode: string | null } | null = null;
    if (principal.kind === 'official') {
      if (!principal.official || (unitCode && unitCode !== principal.official.unitCode)) return { alerts: [], total: 0, nextCursor: null };
      const o = principal.official;
      unitCode = o.unitCode;
      const held = o.grants.filter((g) => heldAsExtra(g.procedureCode, g.step, o.unitKind)).map((g) => ({ procedure_code: g.procedureCode, step: g.step }));
      if (held.length) extra = { grants: JSON.stringify(held), provinceCode: o.provinceCode, districtCode: o.districtCode };
    }
    const paged = byCursor || q.page !== undefined || q.pageSize !== undefined;
    const size = (byCursor ? q.limit : q.pageSize) ?? 100;
    const offset = paged && !byCursor ? ((q.page ?? 1) - 1) * size : 0;
    const alertStep = (d: string) => `CASE WHEN a.step = 'receipt' THEN ${d}.current_step ELSE a.step END`;
    const extraOpen = extra
      ? `OR (a.subject_type = 'dossier' AND EXISTS (SELECT 1 FROM dossier x WHERE x.id = a.subject_id AND x.province_code = $9
               AND ($10::varchar IS NULL OR x.district_code = $10)
               AND (x.procedure_code, ${alertStep('x')}) IN (SELECT * FROM jsonb_to_recordset($8::jsonb) AS g(procedure_code text, step text))))`
      : '';
    // The open alerts asked for; the page walks an index in due order (kind's, or the unit's), never the whole set.
    const open = `a.closed_at IS NULL AND ($1::varchar IS NULL OR a.kind = $1) AND ($2::varchar IS NULL OR a.unit_code = $2 ${extraOpen})
       AND ($6::varchar IS NULL OR EXISTS (SELECT 1 FROM dossier pd WHERE a.subject_type = 'dossier' AND pd.id = a.subject_id AND pd.procedure_code = $6))`;
    // One row even for a page past the end (the page's columns null), so the total always comes back.
    // The officials responsible: active officials granted the step (for the receipt, the step it opens)
    // of the alert's unit, or of a unit of another kind that may hold it whose jurisdiction covers the dossier.
    const rows: Row[] = await this.db.query(
      `WITH ${extraHolderCte('$7')}
       SELECT (SELECT count(*)::int FROM deadline_alert a WHERE ${open}) AS total,
              a.id, a.due_at::text AS due_key, a.kind, a.subject_type, a.subject_id, a.step, a.unit_code, u.name AS unit_name, d.portal_code, a.due_at, a.opened_at,
              d.appointed_return_at, EXISTS (SELECT 1 FROM apology p WHERE p.dossier_id = d.id) AS apologised,
              coalesce((SELECT json_agg(json_build_object('officialId', o.id, 'fullName', o.full_name) ORDER BY o.full_name, o.id)
                          FROM official o JOIN "grant" g ON g.official_id = o.id
                         WHERE o.active AND g.procedure_code = d.procedure_code AND g.step = ${alertStep('d')}
                           AND (o.unit_code = a.unit_code OR EXISTS (
                                 SELECT 1 FROM unit ou JOIN extra_holder h ON h.kind = ou.kind
                                  WHERE ou.code = o.unit_code AND h.procedure_code = d.procedure_code AND h.procedure_version = d.procedure_version
                                    AND h.step = ${alertStep('d')} AND ou.province_code = d.province_code
                                    AND (ou.district_code IS NULL OR ou.district_code = d.district_code)))),
                       '[]'::json) AS officials
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (SELECT * FROM deadline_alert a WHERE ${open} AND ($4::timestamptz IS NULL OR (a.due_at, a.id) > ($4::timestamptz, $5::uuid))
                             ORDER BY a.due_at, a.id LIMIT $3${offset ? ` OFFSET ${offset}` : ''}) a ON true
         LEFT JOIN dossier d ON a.subject_type = 'dossier' AND d.id = a.subject_id
         LEFT JOIN unit u ON u.code = a.unit_code
        ORDER BY a.due_at, a.id`,
      [
        q.kind ?? null, unitCode, paged ? size + Number(byCursor) : null, ...after, only.procedure || null,
        extraHoldersParam(), ...(extra ? [extra.grants, extra.provinceCode, extra.districtCode] : []),
      ],
    );
    const total = rows[0].total;
    // By cursor one row past the page is read: it says whether another page follows.
    const found = rows.filter((r) => r.id !== null);
    const more = byCursor && found.length > size;
    const last = more ? found[size - 1] : undefined;
    const nextCursor = last ? cursorOf([last.due_key, last.id]) : null;
    const calendar = await this.calendars.current();
    const alerts = found.slice(0, byCursor ? size : undefined).map((r) => ({
      id: r.id,
      kind: r.kind,
      subject: { type: r.subject_type, id: r.subject_id },
      dossier: r.subject_type === 'dossier' && r.portal_code ? { id: r.subject_id, portalCode: r.portal_code } : null,
      step: r.step,
      unit: r.unit_code ? { code: r.unit_code, name: r.unit_name ?? '' } : null,
      officials: r.officials,
      dueAt: r.due_at.toISOString(),
      appointedReturnDate: r.appointed_return_at?.toISOString() ?? null,
      apologyDeadline: r.appointed_return_at && !r.apologised ? apologyDeadline(calendar, r.appointed_return_at).toISOString() : null,
      openedAt: r.opened_at.toISOString(),
    }));
    return { alerts, total, nextCursor };
  }
}
