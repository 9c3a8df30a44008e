import { boundedMessage, boundedMessages } from './bounded-messages';
import { invalid } from './domain-error';
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
    expect(invalid('X', 'y'.repeat(10_000)).message).toHaveLength(200);
  });

  it('applies to the validation pipe, whatever the body', async () => {
    const pipe = validationPipe();
    class Dto {}
    const body = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`unknown${i}${'x'.repeat(1000)}`, 1]));
    const refusal = await pipe.transform(body, { type: 'body', metatype: Dto }).catch((e: { getResponse(): { message: string[] } }) => e.getResponse());
    expect(refusal.message).toHaveLength(21);
    expect(refusal.message[20]).toBe('… and 980 more');
    expect(JSON.stringify(refusal).length).toBeLessThan(5000);
  });

  it.each([
    ['an array', [{ a: 1 }, 2], 'the body must be a JSON object, not an array'],
    ['a string', 'x', 'the body must be a JSON object, not a string'],
    ['null', null, 'the body must be a JSON object, not null'],
  ])('refuses %s where a body object is expected, before any element is validated', async (_name, body, message) => {
    class Dto {}
    const refusal = await validationPipe().transform(body, { type: 'body', metatype: Dto }).catch((e: { getResponse(): unknown }) => e.getResponse());
    expect(refusal).toEqual({ statusCode: 400, code: 'VALIDATION_FAILED', message: [message] });
  });
});
