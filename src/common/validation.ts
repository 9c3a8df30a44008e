import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type FieldError, invalid, invalidFields } from './domain-error';

/** One FieldError per failed constraint, however deep, each naming its field (`workers.0.idNumber must be …`). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, m]) => ({
      field,
      constraint,
      message: m.startsWith(e.property) ? `${field}${m.slice(e.property.length)}` : `${field}: ${m}`,
    }));
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

// Object.prototype's own names. class-validator's whitelist looks a key up in a plain object, so a
// key such as `toString` or `hasOwnProperty` passed as if declared; no DTO of this API declares one.
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Each key named after an Object.prototype member, however deep, refused as an unknown field. */
export function inheritedKeyErrors(value: unknown, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const field = path ? `${path}.${key}` : key;
      if (INHERITED.has(key)) {
        errors.push({ field, constraint: 'whitelistValidation', message: `${path ? `${path}: ` : ''}property ${key} should not exist` });
      } else stack.push([(node as Record<string, unknown>)[key], field]);
    }
  }
  return errors;
}

/** The sentences of fieldErrors, for answers that list problems as text (CLI imports). */
export function flattenErrors(errors: ValidationError[], prefix = ''): string[] {
  return fieldErrors(errors, prefix).map((e) => e.message);
}

/**
 * A part of a body validated with the DTO its meaning calls for (an action's `data`): unknown
 * fields refused, each failure named under `prefix` (`data.workers.1.idNumber`); 400 otherwise.
 */
export async function validatedPart<T extends object>(cls: new () => T, value: unknown, prefix: string): Promise<T> {
  const inherited = inheritedKeyErrors(value, prefix);
  if (inherited.length) throw invalidFields('VALIDATION_FAILED', inherited);
  const dto = plainToInstance(cls, value ?? {});
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw invalidFields('VALIDATION_FAILED', fieldErrors(errors, prefix));
  return dto;
}

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * Every body of this API is an object: an array or a scalar is refused as a whole, before the
 * validator would look at (and name) each of its elements.
 */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw invalid('VALIDATION_FAILED', [`the body must be a JSON object, not ${jsonType(value)}`]);
    }
    if ((metadata.type === 'body' || metadata.type === 'query') && value !== null && typeof value === 'object') {
      const inherited = inheritedKeyErrors(value);
      if (inherited.length) throw invalidFields('VALIDATION_FAILED', inherited);
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are refused, not dropped, and every message names its field. */
export function validationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalidFields('VALIDATION_FAILED', fieldErrors(errors)),
  });
}
