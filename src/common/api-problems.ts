// The error answers of an operation in the OpenAPI document, in the one shape ProblemFilter writes.
import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** The body of every refusal (docs/api.md "Errors"); some codes add fields such as `availableActions`. */
export class ProblemDto {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'SCREAMING_SNAKE code owned by its module; see docs/api.md' })
  code: string;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'a sentence, or for validation failures one sentence per invalid field, each naming it',
    example: ['applicant.taxCode must be a 10-digit tax code with a valid check digit (optionally -NNN)'],
  })
  message: string | string[];
  @ApiPropertyOptional({ type: [String], description: '409 DOSSIER_ACTION_NOT_AVAILABLE / DOSSIER_VERSION_CONFLICT: what the caller may do now' })
  availableActions?: string[];
  @ApiPropertyOptional({ type: [String], description: '403 …_FORBIDDEN: why the principal may not' })
  reasons?: string[];
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429;

const DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'Invalid input: `message` names each invalid field (VALIDATION_FAILED or a module\'s code)',
  401: 'Missing, unknown or revoked token (AUTH_TOKEN_MISSING, AUTH_TOKEN_INVALID)',
  403: 'The principal lacks the kind, the grant or the jurisdiction',
  404: 'No such resource',
  409: 'Not valid in the current state, or a stale or concurrent change',
  422: 'A business rule forbids it',
  429: 'Too many requests from this address, or too many failed authentications (AUTH_TOO_MANY_FAILURES, TOO_MANY_REQUESTS)',
};

/**
 * Documents the refusals an operation (or every operation of a controller) may answer, e.g.
 * `@ApiProblems(400, 403, 409)`, each with the ProblemDto body. On an operation, list its success
 * answers too (`@ApiOkResponse`…): Swagger drops the default success once any response is listed.
 */
export function ApiProblems(...statuses: ProblemStatus[]): MethodDecorator & ClassDecorator {
  // Always JSON, even where the operation also produces text/html or text/csv.
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ProblemDto) } } };
  return applyDecorators(ApiExtraModels(ProblemDto), ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status], content })));
}
