import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../common/principal';
import type { Principal } from '../officials/access';
import { Kinds } from '../officials/auth.guard';
import { AlertsService } from './alerts.service';
import { ListAlertsQuery } from './dto/list-alerts.query';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @Kinds('official', 'admin')
  @ApiOperation({ summary: 'Open deadline alerts: an official\'s unit\'s, or all for an admin, with the officials responsible' })
  list(@Query() query: ListAlertsQuery, @CurrentPrincipal() principal: Principal) {
    return this.alerts.open(principal, query.kind);
  }
}
