import { boundedMessage, boundedMessages } from './bounded-messages';
import { DomainError, invalid, invalidFields } from './domain-error';
import { problemDetails } from './problem-details';
import { validationPipe } from './validation';

describe('bounded problem lists', () => {
  it('keeps up to 20 messages as they are', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `workers.${i}.idNumber must be 9 or 12 digits`);
    expect(boundedMessages(twenty)).toEqual(twenty);
  });

  it('keeps the first 20 of more and counts the rest', () => {
    const many = Array.from({ length: 100_001 }, (_, i) => `${i} must be an object`);
    expect(boundedMessages(many)).toEqual([...many.slice(0, 20), '… and 99981 more']);
  });

  it('cuts a message at 200 characters', () => {
    expect(boundedMessage(`property ${'k'.repeat(100_000)} should not exist`)).toHaveLength(200);
    expect(boundedMessage('short')).toBe('short');
  });

  it('applies to domain errors, as a list and as one sentence', () => {
    const error = invalid('VALIDATION_FAILED', Array.from({ length: 5000 }, () => `data.workers.1.idNumber appears twice in the list`));
    expect(error.messages).toHaveLength(21);
    expect(error.message.length).toBeLessThan(5000);
    expect(invalid('BAD_REQUEST', 'y'.repeat(10_000)).message).toHaveLength(200);
  });

  it('keeps the first 20 invalid fields, each path and sentence cut at 200 characters', () => {
    const field = `unknown${'x'.repeat(1000)}`;
    const error = invalidFields('VALIDATION_FAILED', Array.from({ length: 50 }, () => ({ field, message: `property ${field} should not exist` })));
    expect(error.fields).toHaveLength(20);
    expect(error.fields[0].field).toHaveLength(200);
    expect(error.fields[0].message).toHaveLength(200);
    expect(error.messages).toHaveLength(21);
  });

  it('applies to the validation pipe, whatever the body', async () => {
    const pipe = validationPipe();
    class Dto {}
    const body = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`unknown${i}${'x'.repeat(1000)}`, 1]));
    const refusal: DomainError = await pipe.transform(body, { type: 'body', metatype: Dto }).catch((e: DomainError) => e);
    expect(refusal.messages).toHaveLength(21);
    expect(refusal.messages?.[20]).toBe('… and 980 more');
    expect(refusal.fields).toHaveLength(20);
    const answer = problemDetails({ code: refusal.code, message: refusal.messages!, fields: refusal.fields }, 'en');
    expect(JSON.stringify(answer).length).toBeLessThan(20_000);
  });

  it.each([
    ['an array', [{ a: 1 }, 2], 'the body must be a JSON object, not an array'],
    ['a string', 'x', 'the body must be a JSON object, not a string'],
    ['null', null, 'the body must be a JSON object, not null'],
  ])('refuses %s where a body object is expected, before any element is validated', async (_name, body, message) => {
    class Dto {}
    const refusal: DomainError = await validationPipe().transform(body, { type: 'body', metatype: Dto }).catch((e: DomainError) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect({ kind: refusal.kind, code: refusal.code, messages: refusal.messages }).toEqual({ kind: 'invalid', code: 'VALIDATION_FAILED', messages: [message] });
  });
});
