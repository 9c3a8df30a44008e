import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../common/api-problems';
import { ApiListResponse, DOCUMENT_FORMATS } from '../common/api-responses';
import { DocumentRefDto } from './dto/document-ref.dto';
import { CurrentPrincipal } from '../common/principal';
import { uuidPipe } from '../common/uuid.pipe';
import type { Principal } from '../common/principal';
import { DocumentsService } from './documents.service';
import { sendDocument } from './send-document';

@ApiTags('documents')
@ApiBearerAuth()
@ApiProblems(401, 429)
@Controller('dossiers/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({
    operationId: 'listDocuments',
    summary: 'The forms of Circular 01/2018/TT-VPCP the dossier gave rise to (01 receipt, 02 supplement request, 03 refusal, 04 apology), the provincial decision and refusal notices, oldest first, then 05, the processing control slip',
    description: 'Whoever may read the dossier. Each form is drawn from the history event that records its moment, so it never changes once issued (form 05 grows with each hand-over); `href` fetches it and `formats` lists its media types.',
  })
  @ApiListResponse(DocumentRefDto, 'The forms, oldest first')
  @ApiProblems(400, 403, 404)
  list(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.documents.list(id, principal);
  }

  @Get(':documentId')
  @ApiOperation({
    operationId: 'getDocument',
    summary: 'One form, print-ready: HTML, or with Accept: application/pdf an A4 PDF',
    description: 'Whoever may read the dossier. A print-ready HTML page by default; with `Accept: application/pdf` an A4 PDF with its font embedded and real, searchable text. 404 DOCUMENT_NOT_FOUND for an id the dossier does not have.',
  })
  @ApiOkResponse({ description: 'The document as HTML or PDF', content: DOCUMENT_FORMATS })
  @ApiProblems(400, 403, 404)
  async get(
    @Param('id', uuidPipe) id: string,
    @Param('documentId') documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const doc = await this.documents.get(id, documentId, principal);
    return sendDocument(doc, `${documentId}`, req, res);
  }
}
