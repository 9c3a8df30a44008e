import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApologyDto } from './dto/apology.dto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../common/api-problems';
import { ApiListResponse, DOCUMENT_FORMATS } from '../common/api-responses';
import { Clock } from '../common/clock';
import { preferredType } from '../common/content-negotiation';
import { CurrentPrincipal } from '../common/principal';
import { uuidPipe } from '../common/uuid.pipe';
import type { Principal } from '../common/principal';
import { ApologiesService } from './apologies.service';
import { DocumentsService } from '../documents/documents.service';
import { sendDocument } from '../documents/send-document';
import { CreateApologyDto } from './dto/create-apology.dto';

@ApiTags('deadlines')
@ApiBearerAuth()
@ApiExtraModels(ApologyDto)
@ApiProblems(401, 429)
@Controller('dossiers/:id/apologies')
export class ApologiesController {
  constructor(
    private readonly apologies: ApologiesService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ operationId: 'sendApology', summary: 'Send the apology letter with a new return date (form 04); an official of the unit holding the step; once per dossier, at least one working day before the appointed return date' })
  @ApiCreatedResponse({ type: ApologyDto, description: 'The letter' })
  @ApiProblems(400, 403, 404, 409, 422)
  create(@Param('id', uuidPipe) id: string, @Body() dto: CreateApologyDto, @CurrentPrincipal() principal: Principal) {
    return this.apologies.create(id, dto, principal, this.clock.now());
  }

  @Get()
  @ApiOperation({ operationId: 'listApologies', summary: 'The apology letters of a dossier' })
  @ApiListResponse(ApologyDto, 'The letters, oldest first')
  @ApiProblems(400, 403, 404)
  list(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.apologies.list(id, principal);
  }

  @Get(':apologyId')
  @ApiOperation({ operationId: 'getApology', summary: 'One apology letter, as JSON or as form 04 printable in HTML (Accept: text/html) or PDF (Accept: application/pdf)' })
  @ApiOkResponse({ description: 'The letter, as JSON, HTML or PDF', content: { 'application/json': { schema: { $ref: getSchemaPath(ApologyDto) } }, ...DOCUMENT_FORMATS } })
  @ApiProblems(400, 403, 404)
  async get(
    @Param('id', uuidPipe) id: string,
    @Param('apologyId', uuidPipe) apologyId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const letter = await this.apologies.get(id, apologyId, principal);
    const kind = preferredType(req, ['application/json', 'text/html', 'application/pdf']);
    if (kind !== 'text/html' && kind !== 'application/pdf') return letter;
    return sendDocument(await this.documents.apologyDocument(letter), `PXL-${letter.number.replace('/PXL', '')}`, req, res);
  }
}
