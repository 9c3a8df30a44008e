import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReadReplica } from '../database/read-replica';
import { DATA_AS_OF, DataAsOfHeader } from '../common/data-as-of';
import { ApiProblems } from '../common/api-problems';
import { PublicDossierDto } from './dto/public-dossier.dto';
import { Clock } from '../common/clock';
import { Public } from '../common/auth.decorators';
import { PortalCodeParams, TaxCodeQuery } from './dto/public-dossier.query';
import { PublicDossiersService } from './public-dossiers.service';
import { RateLimitedPerAddress } from '../common/rate-limit';

@ApiTags('public')
@Public()
@RateLimitedPerAddress()
@Controller('public/dossiers')
export class PublicDossiersController {
  constructor(
    private readonly dossiers: PublicDossiersService,
    private readonly clock: Clock,
    private readonly reads: ReadReplica,
  ) {}

  @Get(':portalCode')
  @ApiOperation({
    operationId: 'lookUpDossier',
    summary: 'Progress of a dossier for its applicant: status, current step, dates; no personal data. 404 alike for an unknown code and a wrong tax code',
    description: 'No token; limited per address to PUBLIC_RATE_LIMIT_PER_MINUTE requests a minute (429 beyond). No applicant, workers, officials, comments or reasons. The same 404 PUBLIC_DOSSIER_NOT_FOUND, byte for byte, for an unknown code and for a wrong or malformed tax code; a missing tax code is 400.',
  })
  @ApiOkResponse({ type: PublicDossierDto, description: 'The dossier\'s public progress', headers: DataAsOfHeader })
  @ApiProblems(400, 404, 429)
  async lookup(@Param() params: PortalCodeParams, @Query() query: TaxCodeQuery, @Res({ passthrough: true }) res: FastifyReply) {
    const { db, asOf } = await this.reads.source();
    res.header(DATA_AS_OF, asOf.toISOString());
    return this.dossiers.on(db).lookup(params.portalCode, query.taxCode, this.clock.now());
  }
}
