import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../common/api-problems';
import { AllowedKinds } from '../common/auth.decorators';
import { invalid } from '../common/domain-error';
import { CurrentPrincipal, type Principal } from '../common/principal';
import { DEFINITION_SCHEMA } from '../workflow/definition-schema';
import { ProcedureDefinitionsService } from './procedure-definitions.service';

const DOCUMENT = { type: 'object', description: 'A procedure version (docs/procedure-definition.schema.json)', additionalProperties: true } as const;

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw invalid('VALIDATION_FAILED', `${name} must be a whole number`);
  return Number(value);
}

@ApiTags('procedures')
@ApiBearerAuth()
@Controller('procedure-definitions')
export class ProcedureDefinitionsController {
  constructor(private readonly definitions: ProcedureDefinitionsService) {}

  @Get('schema')
  @ApiOperation({ operationId: 'getProcedureDefinitionSchema', summary: 'The JSON Schema of a procedure version\'s document', description: 'Any principal. The same file as docs/procedure-definition.schema.json (committed with the service).' })
  @ApiOkResponse({ description: 'A JSON Schema (draft-07)', schema: { type: 'object' } })
  @ApiProblems(401)
  schema() {
    return DEFINITION_SCHEMA;
  }

  @Post()
  @AllowedKinds('admin')
  @ApiOperation({
    operationId: 'deployProcedureDefinition',
    summary: 'Deploy a procedure version: checked, stored with its SHA-256, immutable',
    description:
      'Admin only. 201: deployed (publish it with `procedures publish` for new dossiers to get it). 200: `unchanged` (the same content was deployed before) or, with `check=true`, `would-deploy` and nothing stored. ' +
      '409 PROCEDURE_VERSION_IMMUTABLE: other content under a deployed code and version, `differences` naming each field. 400: the document fails a check; `path` names the place (`steps[2].actor`), `problems` lists every one found; nothing is stored.',
  })
  @ApiQuery({ name: 'check', required: false, enum: ['true', 'false'], description: 'only check, and say what would change against the latest deployed version' })
  @ApiBody({ schema: DOCUMENT })
  @ApiCreatedResponse({ description: 'Deployed: `{ code, version, sha256, result, differences, against }`', schema: { type: 'object' } })
  @ApiOkResponse({ description: 'Unchanged, or (check=true) what would be deployed', schema: { type: 'object' } })
  @ApiProblems(400, 401, 403, 409)
  async deploy(@Body() body: Record<string, unknown>, @Query('check') check: string | undefined, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: FastifyReply) {
    if (check !== undefined && check !== 'true' && check !== 'false') throw invalid('VALIDATION_FAILED', 'check must be true or false');
    const result = await this.definitions.deploy(JSON.stringify(body ?? null), { check: check === 'true', actor: principal.id });
    res.status(result.result === 'deployed' ? 201 : 200);
    return result;
  }

  @Get()
  @AllowedKinds('admin')
  @ApiOperation({ operationId: 'listProcedureDefinitions', summary: 'Every deployed procedure version (the seeds\' included), with whether it is published', description: 'Admin only.' })
  @ApiOkResponse({ description: '`{ items: [{ code, version, name, legalBasis, sha256, deployedAt, published, publishedFrom }] }`', schema: { type: 'object' } })
  @ApiProblems(401, 403)
  list() {
    return this.definitions.list();
  }

  @Get(':code')
  @AllowedKinds('admin')
  @ApiOperation({ operationId: 'getProcedureDefinition', summary: 'One deployed version\'s document (the latest without `version`)', description: 'Admin only.' })
  @ApiQuery({ name: 'version', required: false, type: 'integer' })
  @ApiOkResponse({ description: '`{ code, version, sha256, deployedAt, document }`', schema: { type: 'object' } })
  @ApiProblems(400, 401, 403, 404)
  show(@Param('code') code: string, @Query('version') version?: string) {
    if (!/^[a-z][a-z0-9-]{0,63}$/.test(code)) throw invalid('VALIDATION_FAILED', 'code must be a procedure code: kebab-case, at most 64 characters');
    return this.definitions.show(code, wholeNumber(version, 'version'));
  }
}
