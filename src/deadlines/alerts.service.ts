import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../officials/access';
import type { AlertKind } from './deadline-alert.entity';

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
  opened_at: Date;
  officials: { officialId: string; fullName: string }[];
  total: number;
}

/** Open deadline alerts: an official sees those of their unit, an admin all of them. */
@Injectable()
export class AlertsService {
  constructor(private readonly db: DataSource) {}

  /** The open alerts, soonest due first (one page of them when `page` is given), and how many are open in all. */
  async open(principal: Principal, q: { kind?: AlertKind; page?: number; pageSize?: number }): Promise<{ alerts: AlertView[]; total: number }> {
    const params: unknown[] = [q.kind ?? null];
    let unitFilter = '';
    if (principal.kind === 'official') {
      if (!principal.official) return { alerts: [], total: 0 };
      params.push(principal.official.unitCode);
      unitFilter = `AND a.unit_code = $${params.length}`;
    }
    let page = '';
    if (q.page !== undefined || q.pageSize !== undefined) {
      const size = q.pageSize ?? 100;
      params.push(size, ((q.page ?? 1) - 1) * size);
      page = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
    }
    // The officials responsible: active officials of the alert's unit granted the step.
    const rows: Row[] = await this.db.query(
      `SELECT a.id, a.kind, a.subject_type, a.subject_id, a.step, a.unit_code, u.name AS unit_name, d.portal_code,
              a.due_at, a.opened_at, count(*) OVER ()::int AS total,
              coalesce((SELECT json_agg(json_build_object('officialId', o.id, 'fullName', o.full_name) ORDER BY o.full_name, o.id)
                          FROM official o JOIN "grant" g ON g.official_id = o.id
                         WHERE o.unit_code = a.unit_code AND o.active AND g.procedure_code = d.procedure_code AND g.step = a.step),
                       '[]'::json) AS officials
         FROM deadline_alert a
         LEFT JOIN dossier d ON a.subject_type = 'dossier' AND d.id = a.subject_id
         LEFT JOIN unit u ON u.code = a.unit_code
        WHERE a.closed_at IS NULL AND ($1::varchar IS NULL OR a.kind = $1) ${unitFilter}
        ORDER BY a.due_at, a.id ${page}`,
      params,
    );
    // A page past the end has no row to carry the total: count it then.
    const total = rows[0]?.total ?? (page ? await this.count(q.kind ?? null, unitFilter ? params[1] : null) : 0);
    const alerts = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subject: { type: r.subject_type, id: r.subject_id },
      dossier: r.subject_type === 'dossier' && r.portal_code ? { id: r.subject_id, portalCode: r.portal_code } : null,
      step: r.step,
      unit: r.unit_code ? { code: r.unit_code, name: r.unit_name ?? '' } : null,
      officials: r.officials,
      dueAt: r.due_at.toISOString(),
      openedAt: r.opened_at.toISOString(),
    }));
    return { alerts, total };
  }

  private async count(kind: AlertKind | null, unitCode: unknown): Promise<number> {
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM deadline_alert a
        WHERE a.closed_at IS NULL AND ($1::varchar IS NULL OR a.kind = $1) AND ($2::varchar IS NULL OR a.unit_code = $2)`,
      [kind, unitCode],
    );
    return n;
  }
}
