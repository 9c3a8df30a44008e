import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { ApiPageResponse } from '../common/api-responses';
import { FeedbackPublishedMessageDto, OutboxMessageDto, PortalStatusMessageDto } from './dto/outbox-message.dto';
import { uuidPipe } from '../common/uuid.pipe';
import { AllowedKinds } from '../common/auth.decorators';
import { CurrentPrincipal, type Principal } from '../common/principal';
import { ListOutboxQuery } from './dto/list-outbox.query';
import { OutboxService } from './outbox.service';

@ApiTags('integration')
@ApiBearerAuth()
@ApiExtraModels(PortalStatusMessageDto, FeedbackPublishedMessageDto)
@ApiProblems(401, 403, 429)
@AllowedKinds('admin')
@Controller('integration/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({
    operationId: 'listOutboxMessages',
    summary: 'Portal messages by delivery state, in delivery order (admin)',
    description: 'Admin only. The messages queued for the portal: the status messages of each dossier\'s changes and the published answers of feedback (`type`), filtered by `state` (pending, failed, delivered), each with its payload, attempts, next attempt and last error.',
  })
  @ApiPageResponse(OutboxMessageDto, 'A page of messages')
  @ApiProblems(400)
  list(@Query() query: ListOutboxQuery) {
    return this.outbox.list(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'retryOutboxMessage',
    summary: 'Sends a failed message again (and unblocks its dossier\'s or feedback\'s later messages) (admin)',
    description: 'Admin only. A failed message becomes pending, due now, its attempts reset; a message in any other state is refused (409 OUTBOX_MESSAGE_NOT_FAILED). Each retry is recorded in the audit trail with the admin\'s id.',
  })
  @ApiOkResponse({ type: OutboxMessageDto, description: 'The message, pending and due now' })
  @ApiProblems(400, 404, 409)
  retry(@Param('id', uuidPipe) id: string, @CurrentPrincipal() principal: Principal) {
    return this.outbox.retry(id, new Date(), principal.id);
  }
}
