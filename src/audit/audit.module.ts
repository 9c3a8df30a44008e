import { Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service';

/** The audit trail as administrators read it; entries are written by recordAudit() in each change's transaction. */
@Module({ providers: [AuditLogService], exports: [AuditLogService] })
export class AuditModule {}
