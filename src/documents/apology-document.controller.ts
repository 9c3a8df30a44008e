import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApologiesService } from '../apologies/apologies.service';
import { ApologyDto } from '../apologies/dto/apology.dto';
import { ApiProblems } from '../common/api-problems';
import { DOCUMENT_FORMATS } from '../common/api-responses';
import { preferredType } from '../common/content-negotiation';
import { CurrentPrincipal } from '../common/principal';
import type { Principal } from '../common/principal';
import { uuidPipe } from '../common/uuid.pipe';
import { DocumentsService } from './documents.service';
import { sendDocument } from './send-document';

/** One apology letter, as JSON or as form 04: the route is the apologies', the rendering is this folder's. */
@ApiTags('deadlines')
@ApiBearerAuth()
@ApiExtraModels(ApologyDto)
@ApiProblems(401, 429)
@Controller('dossiers/:id/apologies')
export class ApologyDocumentController {
  constructor(
    private readonly apologies: ApologiesService,
    private readonly documents: DocumentsService,
  ) {}

  @Get(':apologyId')
  @ApiOperation({
    operationId: 'getApology',
    summary: 'One apology letter, as JSON or as form 04 printable in HTML (Accept: text/html) or PDF (Accept: application/pdf)',
    description: 'Whoever may read the dossier. JSON by default; with `Accept: text/html` a printable page laid out as form 04 of Circular 01/2018/TT-VPCP, with `Accept: application/pdf` the same as an A4 PDF. 404 APOLOGY_NOT_FOUND for an id the dossier does not have.',
  })
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
