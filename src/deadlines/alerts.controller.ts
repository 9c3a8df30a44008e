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
  @ApiOperation({ operationId: 'listDeadlineAlerts', summary: 'Open deadline alerts: an official\'s unit\'s, or all for an admin, with the officials responsible' })
  @ApiListResponse(AlertDto, 'The open alerts, soonest due first', { totalCountHeader: true })
  @ApiProblems(400, 401, 403, 429)
  async list(@Query() query: ListAlertsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    const { alerts, total } = await this.alerts.open(principal, query);
    res.header('X-Total-Count', String(total));
    return alerts;
  }
}
