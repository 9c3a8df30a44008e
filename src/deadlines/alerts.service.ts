import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../common/principal';
import { CalendarService } from '../calendar/calendar.service';
import type { AlertKind } from './deadline-alert.entity';
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

/** Open deadline alerts: an official sees those of their unit, an admin all of them. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
  ) {}

  /** The open alerts, soonest due first (one page of them when `page` is given), and how many are open in all. */
  async open(principal: Principal, q: { kind?: AlertKind; page?: number; pageSize?: number }): Promise<{ alerts: AlertView[]; total: number }> {
    let unitCode: string | null = null;
    if (principal.kind === 'official') {
      if (!principal.official) return { alerts: [], total: 0 };
      unitCode = principal.official.unitCode;
    }
    const paged = q.page !== undefined || q.pageSize !== undefined;
    const size = q.pageSize ?? 100;
    // One row even for a page past the end (the page's columns null), so the total always comes back.
    // The officials responsible: active officials of the alert's unit granted the step (for the receipt, the step it opens).
    const rows: Row[] = await this.db.query(
      `WITH open AS (
         SELECT * FROM deadline_alert a
          WHERE a.closed_at IS NULL AND ($1::varchar IS NULL OR a.kind = $1) AND ($2::varchar IS NULL OR a.unit_code = $2))
       SELECT (SELECT count(*)::int FROM open) AS total,
              a.id, a.kind, a.subject_type, a.subject_id, a.step, a.unit_code, u.name AS unit_name, d.portal_code, a.due_at, a.opened_at,
              d.appointed_return_at, EXISTS (SELECT 1 FROM apology p WHERE p.dossier_id = d.id) AS apologised,
              coalesce((SELECT json_agg(json_build_object('officialId', o.id, 'fullName', o.full_name) ORDER BY o.full_name, o.id)
                          FROM official o JOIN "grant" g ON g.official_id = o.id
                         WHERE o.unit_code = a.unit_code AND o.active AND g.procedure_code = d.procedure_code AND g.step = CASE WHEN a.step = 'receipt' THEN d.current_step ELSE a.step END),
                       '[]'::json) AS officials
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (SELECT * FROM open ORDER BY due_at, id LIMIT $3 OFFSET $4) a ON true
         LEFT JOIN dossier d ON a.subject_type = 'dossier' AND d.id = a.subject_id
         LEFT JOIN unit u ON u.code = a.unit_code
        ORDER BY a.due_at, a.id`,
      [q.kind ?? null, unitCode, paged ? size : null, paged ? ((q.page ?? 1) - 1) * size : 0],
    );
    const total = rows[0].total;
    const calendar = await this.calendars.current();
    const alerts = rows.filter((r) => r.id !== null).map((r) => ({
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
    return { alerts, total };
  }
}
