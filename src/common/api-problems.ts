// The error answers of an operation in the OpenAPI document, in the one shape ProblemFilter writes.
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERRORS } from './error-codes';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

class FieldProblemDto {
  @ApiProperty({ example: '/workers/0/idNumber', description: 'JSON pointer (RFC 6901) to the invalid field of the request body' })
  pointer: string;
  @ApiProperty({ example: 'workers.0.idNumber must be a 12-digit CCCD or a 9-digit CMND number' })
  detail: string;
}

/** The body of every refusal: RFC 9457 problem details (docs/api.md "Errors"); some codes add fields such as `availableActions`. */
export class ProblemDto {
  @ApiProperty({ example: '/problems/VALIDATION_FAILED', description: 'a page of this service saying what `code` means, in Vietnamese and English' })
  type: string;
  @ApiProperty({ example: 'Some fields of the request are invalid', description: 'what `code` means, in the language of the answer' })
  title: string;
  @ApiProperty({ type: 'integer', example: 400 }) status: number;
  @ApiProperty({ example: 'applicant.taxCode must be a 10-digit tax code with a valid check digit (optionally -NNN)', description: 'this occurrence, in the language of the answer' })
  detail: string;
  @ApiPropertyOptional({ example: '3f1c2a9e-8d4b-4f7a-9c55-2b1e0d6a7f10', description: 'the request id (X-Request-Id)' })
  instance?: string;
  @ApiProperty({ type: 'integer', example: 400, description: 'the same as `status`' }) statusCode: number;
  @ApiProperty({ enum: Object.keys(ERRORS), example: 'VALIDATION_FAILED', description: 'SCREAMING_SNAKE code owned by its module; see docs/api.md' })
  code: string;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'in English: a sentence, or for validation failures one sentence per invalid field, each naming it',
    example: ['applicant.taxCode must be a 10-digit tax code with a valid check digit (optionally -NNN)'],
  })
  message: string | string[];
  @ApiPropertyOptional({ type: [FieldProblemDto], description: 'one entry per invalid field (400)' })
  errors?: FieldProblemDto[];
  @ApiPropertyOptional({ type: [String], description: '409 DOSSIER_ACTION_NOT_AVAILABLE / DOSSIER_VERSION_CONFLICT: what the caller may do now' })
  availableActions?: string[];
  @ApiPropertyOptional({ type: [String], description: '403 …_FORBIDDEN: why the principal may not' })
  reasons?: string[];
  @ApiPropertyOptional({ description: '409 …_ACTION_NOT_AVAILABLE, OUTBOX_MESSAGE_NOT_FAILED: the state the resource is in' })
  state?: string;
  @ApiPropertyOptional({ type: 'integer', description: '409 DOSSIER_VERSION_CONFLICT: the dossier\'s version now' })
  version?: number;
  @ApiPropertyOptional({ example: 'workers.0.to', description: '400 rule violations: the field at fault' })
  field?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '409 DOSSIER_PORTAL_CODE_CONFLICT: the dossier that has the portalCode' })
  dossierId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: '422 APOLOGY_TOO_LATE: the appointed return date' })
  appointedReturnDate?: string;
  @ApiPropertyOptional({ format: 'date-time', description: '422 APOLOGY_TOO_LATE: the last moment a letter could be sent' })
  lastMoment?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '500: quoted in the error log line' })
  errorId?: string;
}

export type DocumentedStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 503;

const DESCRIPTIONS: Record<DocumentedStatus, string> = {
  400: 'Invalid input: `errors` points at each invalid field (VALIDATION_FAILED or a module\'s code)',
  401: 'Missing, unknown, revoked or expired token, or a deactivated official (AUTH_TOKEN_MISSING, AUTH_TOKEN_INVALID, AUTH_TOKEN_REVOKED, AUTH_TOKEN_EXPIRED, AUTH_OFFICIAL_INACTIVE)',
  403: 'The principal lacks the kind, the grant or the jurisdiction',
  404: 'No such resource',
  409: 'Not valid in the current state, or a stale or concurrent change',
  422: 'A business rule forbids it',
  429: 'Too many requests from this address, or too many failed authentications (AUTH_TOO_MANY_FAILURES, TOO_MANY_REQUESTS)',
  503: 'The database is not answering (SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE)',
};

/**
 * Documents the refusals an operation (or every operation of a controller) may answer, e.g.
 * `@ApiProblems(400, 403, 409)`, each with the ProblemDto body. On an operation, list its success
 * answers too (`@ApiOkResponse`…): Swagger drops the default success once any response is listed.
 */
export function ApiProblems(...statuses: DocumentedStatus[]): MethodDecorator & ClassDecorator {
  // Always problem details, even where the operation also produces text/html or text/csv.
  const content = { [PROBLEM_CONTENT_TYPE.split(';')[0]]: { schema: { $ref: getSchemaPath(ProblemDto) } } };
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldProblemDto),
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], content })),
  );
}
