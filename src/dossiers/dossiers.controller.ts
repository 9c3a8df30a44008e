import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '../common/clock';
import { invalid } from '../common/domain-error';
import { CurrentPrincipal } from '../common/principal';
import type { Principal } from '../officials/access';
import { DossiersService } from './dossiers.service';
import { DossierActionDto } from './dto/dossier-action.dto';
import { ListDossiersQuery } from './dto/list-dossiers.query';
import { SubmitDossierDto } from './dto/submit-dossier.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-.:]{1,200}$/;
export const uuidPipe = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 400 });

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Submit a dossier (integration). 201 created; 200 when the same portalCode and body were already received' })
  async submit(@Body() dto: SubmitDossierDto, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response) {
    const { created, dossier } = await this.dossiers.submit(dto, principal, this.clock.now());
    res.status(created ? 201 : 200);
    return dossier;
  }

  @Get()
  @ApiOperation({ summary: 'List dossiers the caller may see' })
  list(@Query() query: ListDossiersQuery, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.list(query, principal, this.clock.now());
  }

  @Get(':id')
  get(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.get(id, principal, this.clock.now());
  }

  @Post(':id/actions')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a repeat with the same key returns the first answer' })
  @ApiOperation({ summary: 'Take an action on the dossier\'s current step' })
  act(
    @Param('id', uuidPipe) id: string,
    @Body() dto: DossierActionDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ) {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalid('IDEMPOTENCY_KEY_INVALID', ['Idempotency-Key must be 1–200 characters of A-Z a-z 0-9 _ - . :']);
    }
    return this.dossiers.act(id, dto, principal, this.clock.now(), key);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the dossier, oldest first, hash-chained' })
  history(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.dossiers.history(id, principal);
  }
}
