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
}

/** Open deadline alerts: an official sees those of their unit, an admin all of them. */
@Injectable()
export class AlertsService {
  constructor(private readonly db: DataSource) {}

  async open(principal: Principal, kind?: AlertKind): Promise<AlertView[]> {
    const params: unknown[] = [kind ?? null];
    let unitFilter = '';
    if (principal.kind === 'official') {
      if (!principal.official) return [];
      params.push(principal.official.unitCode);
      unitFilter = 'AND a.unit_code = $2';
    }
    // The officials responsible: active officials of the alert's unit granted the step.
    const rows: Row[] = await this.db.query(
      `SELECT a.id, a.kind, a.subject_type, a.subject_id, a.step, a.unit_code, u.name AS unit_name, d.portal_code,
              a.due_at, a.opened_at,
              coalesce((SELECT json_agg(json_build_object('officialId', o.id, 'fullName', o.full_name) ORDER BY o.full_name, o.id)
                          FROM official o JOIN "grant" g ON g.official_id = o.id
                         WHERE o.unit_code = a.unit_code AND o.active AND g.procedure_code = d.procedure_code AND g.step = a.step),
                       '[]'::json) AS officials
         FROM deadline_alert a
         LEFT JOIN dossier d ON a.subject_type = 'dossier' AND d.id = a.subject_id
         LEFT JOIN unit u ON u.code = a.unit_code
        WHERE a.closed_at IS NULL AND ($1::varchar IS NULL OR a.kind = $1) ${unitFilter}
        ORDER BY a.due_at, a.id`,
      params,
    );
    return rows.map((r) => ({
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
  }
}
