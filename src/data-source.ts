// The composition root's DataSource: every entity of every capability, and the options that carry them.
import type { DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { databaseOptions } from './database/data-source';
import { ConsoleSessionEntity } from './console/console-session.entity';
import { DossierEventEntity } from './dossiers/dossier-event.entity';
import { DossierStepEntity } from './dossiers/dossier-step.entity';
import { DossierEntity } from './dossiers/dossier.entity';
import { IdempotencyKeyEntity } from './dossiers/idempotency-key.entity';
import { CalendarDayEntity } from './calendar/calendar-day.entity';
import { ApologyEntity } from './apologies/apology.entity';
import { DecisionNumberEntity } from './decisions/decision-number.entity';
import { DecisionEntity } from './decisions/decision.entity';
import { NoticeEntity } from './decisions/notice.entity';
import { DeadlineAlertEntity } from './deadlines/deadline-alert.entity';
import { FeedbackEventEntity } from './feedback/feedback-event.entity';
import { FeedbackEntity } from './feedback/feedback.entity';
import { AuditEventEntity } from './audit/audit-event.entity';
import { GrantEntity } from './grants/grant.entity';
import { OfficialEntity } from './directory/official.entity';
import { PrincipalEntity } from './auth/principal.entity';
import { UnitEntity } from './directory/unit.entity';
import { OutboxMessageEntity } from './dossiers/outbox-message.entity';
import { ProcedureDefinitionEntity } from './procedures/procedure-definition.entity';
import { ProcedureVersionEntity } from './procedures/procedure-version.entity';

/** Every entity, listed once so app, CLI, migrations and tests agree. */
export const ENTITIES = [
  ProcedureVersionEntity, ProcedureDefinitionEntity, DossierEntity, DossierEventEntity, DossierStepEntity, IdempotencyKeyEntity, OutboxMessageEntity,
  UnitEntity, OfficialEntity, GrantEntity, PrincipalEntity, AuditEventEntity, CalendarDayEntity,
  DeadlineAlertEntity, ApologyEntity,
  DecisionEntity, NoticeEntity, DecisionNumberEntity,
  FeedbackEntity, FeedbackEventEntity,
  ConsoleSessionEntity,
];

/** The DataSource options of the service, the CLI and the tests: databaseOptions() with every entity (`readOnly`: a replica's). */
export function dataSourceOptions(url: string, overrides: Partial<PostgresDataSourceOptions> = {}, mode: { readOnly?: boolean } = {}): DataSourceOptions {
  return databaseOptions(url, ENTITIES, overrides, mode);
}
