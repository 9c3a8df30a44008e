import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length, Matches } from 'class-validator';
import { FEEDBACK_ACTIONS, type FeedbackAction } from '../feedback.machine';
import { IsTextLines } from '../../common/validators';

export class FeedbackActionDto {
  @ApiProperty({ enum: FEEDBACK_ACTIONS }) @IsIn(FEEDBACK_ACTIONS) action: FeedbackAction;
  @ApiPropertyOptional({
    description: 'assign: { unitCode }; answer: { answer }; return: { reason } (why the answer does not fit the feedback: the unit answers again); publish: { content? } (the question as published, personal details removed); close: { reason } (a refusal before an answer, why the answer is not published after one)',
  })
  @IsOptional() @IsObject() data?: Record<string, unknown>;
}

export class AssignDataDto {
  @IsString() @Matches(/^[A-Za-z0-9._-]{1,32}$/, { message: 'unitCode must be a unit code' }) unitCode: string;
}

export class PublishDataDto {
  @IsOptional() @IsString() @Length(1, 5000) @IsTextLines() content?: string;
}

export class AnswerDataDto {
  @IsString() @Length(1, 10000) @IsTextLines() answer: string;
}

export class CloseDataDto {
  @IsString() @Length(1, 2000) @IsTextLines() reason: string;
}

export class ReturnDataDto {
  @IsString() @Length(1, 2000) @IsTextLines() reason: string;
}
