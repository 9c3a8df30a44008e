import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { ApiListResponse } from '../common/api-responses';
import { CurrentPrincipal } from '../common/principal';
import type { Principal } from '../common/principal';
import { AllowedKinds } from '../common/auth.decorators';
import { AlertsService } from './alerts.service';
import { AlertDto } from './dto/alert.dto';
import { ListAlertsQuery } from './dto/list-alerts.query';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @AllowedKinds('official', 'admin')
  @ApiOperation({
    operationId: 'listDeadlineAlerts',
    summary: 'Open deadline alerts: an official\'s unit\'s, or all for an admin, with the officials responsible',
    description: 'Officials see their unit\'s alerts, admins all; an integration token is refused (403 PRINCIPAL_KIND_FORBIDDEN). All the open alerts (a JSON array), or one page of them with `page` and `pageSize` (at most 1000, page × pageSize ≤ 10,000), or by keyset with `cursor`/`limit` (`{ items, nextCursor }`, the first and the thousandth page costing the same); `X-Total-Count` gives the number open either way. The deadline pass (the scheduler, or the admin CLI\'s `deadlines check`) opens and closes them; an apology settles its dossier\'s at once.',
  })
  @ApiListResponse(AlertDto, 'The open alerts, soonest due first', { totalCountHeader: true, cursorPage: true })
  @ApiProblems(400, 401, 403, 429)
  async list(@Query() query: ListAlertsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    const { alerts, total, nextCursor } = await this.alerts.open(principal, query);
    res.header('X-Total-Count', String(total));
    return query.cursor !== undefined || query.limit !== undefined ? { items: alerts, nextCursor } : alerts;
  }
}
