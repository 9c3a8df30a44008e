import { type ArgumentMetadata, BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import { boundedMessages } from './bounded-messages';

/** "workers.0.idNumber must be …" for every failed constraint, however deep. */
export function flattenErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? `${path}${m.slice(e.property.length)}` : `${path}: ${m}`));
    return [...own, ...flattenErrors(e.children ?? [], path)];
  });
}

const refusal = (messages: string[]) => new BadRequestException({ statusCode: 400, code: 'VALIDATION_FAILED', message: boundedMessages(messages) });

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/**
 * Every body of this API is an object: an array or a scalar is refused as a whole, before the
 * validator would look at (and name) each of its elements.
 */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw refusal([`the body must be a JSON object, not ${jsonType(value)}`]);
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
    exceptionFactory: (errors) => refusal(flattenErrors(errors)),
  });
}
