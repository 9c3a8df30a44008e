import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { invalid } from '../common/domain-error';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-.:]{1,200}$/;

/**
 * The optional `Idempotency-Key` header, checked. A custom parameter decorator rather than
 * `@Headers('idempotency-key')`, which Swagger would list as a second, required header parameter
 * beside the one `IdempotencyKeyHeader` documents.
 */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const key: string | string[] | undefined = ctx.switchToHttp().getRequest().headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
    throw invalid('IDEMPOTENCY_KEY_INVALID', ['Idempotency-Key must be 1–200 characters of A-Z a-z 0-9 _ - . :']);
  }
  return key;
});

/** The header in the OpenAPI document: one parameter, optional. */
export const IdempotencyKeyHeader = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a repeat with the same key returns the first answer and applies nothing again',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source, maxLength: 200 },
  });
