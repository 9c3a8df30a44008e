import type { ArgumentMetadata, PipeTransform, Type } from '@nestjs/common';
import Ajv, { type ValidateFunction } from 'ajv';
import { isEmail } from 'class-validator';
import { STRING_CHECKS } from './validators';
import { validationPipe } from './validation';

const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: false });
// The custom decorators' checks under their names (`format: 'isTaxCode'`), and @IsEmail()'s.
for (const [name, validate] of Object.entries(STRING_CHECKS)) ajv.addFormat(name, { type: 'string', validate });
ajv.addFormat('isEmail', { type: 'string', validate: (v: string) => isEmail(v) });

/** A format whose check is the caller's (one asked at every call, e.g. of what is registered now), for the schemas compiled after it. */
export function addBodyFormat(name: string, validate: (value: string) => boolean): void {
  if (!ajv.formats[name]) ajv.addFormat(name, { type: 'string', validate });
}

/** A validator compiled once from a JSON schema whose formats are the decorators' checks (STRING_CHECKS, isEmail). */
export function compileSchema(schema: object): ValidateFunction {
  return ajv.compile(schema);
}

/** A JSON schema's optional field: null is taken too, as @IsOptional() takes it. */
export const optional = (schema: { type: string } & Record<string, unknown>) => ({ ...schema, type: [schema.type, 'null'] });
/** @IsIn(values), with null if the field is optional. */
export const oneOf = (values: string[], nullable = false) => ({ enum: nullable ? [...values, null] : values });

/**
 * A hot route's body checked by a validator compiled from the DTO's JSON schema, which accepts what
 * the DTO's decorators accept. A body it refuses goes through the global ValidationPipe with the
 * DTO, so a refusal is answered exactly as on every other route (the same `errors[]`, fields and
 * messages); only valid bodies take the fast path. Declare the parameter's type as
 * `Readonly<Dto>`, so the global pipe, which validates classes only, does not check it twice.
 * `build`, if given, makes of an accepted body the value the ValidationPipe would have returned
 * (the DTO's class instances), for a handler that passes it on as that; without it the plain body is.
 */
export class CompiledBodyPipe<T extends object> implements PipeTransform {
  private readonly valid: ValidateFunction;
  private readonly fallback = validationPipe();

  constructor(
    private readonly dto: Type<T>,
    schema: object,
    private readonly build?: (body: never) => T,
  ) {
    this.valid = compileSchema(schema);
  }

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (this.valid(value)) return this.build ? this.build(value as never) : value;
    return this.fallback.transform(value, { ...metadata, metatype: this.dto });
  }
}
