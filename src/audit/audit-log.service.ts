import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: Record<string, unknown>;
}

export interface AuditFilter {
  since?: Date;
  actor?: string;
  /** An action (`grant.create`) or its group (`grant`). */
  action?: string;
  limit: number;
}

/** The audit trail as administrators read it: the latest entries that match, oldest first. */
@Injectable()
export class AuditLogService {
  constructor(private readonly db: DataSource) {}

  async list(filter: AuditFilter): Promise<{ events: AuditEntry[]; truncated: boolean }> {
    const rows: (Omit<AuditEntry, 'at'> & { at: Date })[] = await this.db.query(
      `SELECT id::text, at, actor, action, subject FROM audit_event
        WHERE ($1::timestamptz IS NULL OR at >= $1)
          AND ($2::text IS NULL OR actor = $2)
          AND ($3::text IS NULL OR action = $3 OR action LIKE $3 || '.%')
        ORDER BY audit_event.id DESC LIMIT $4`,
      [filter.since ?? null, filter.actor ?? null, filter.action ?? null, filter.limit + 1],
    );
    const truncated = rows.length > filter.limit;
    const events = rows.slice(0, filter.limit).reverse().map((r) => ({ ...r, at: r.at.toISOString() }));
    return { events, truncated };
  }
}
