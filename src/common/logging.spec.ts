import { Writable } from 'node:stream';
import pino from 'pino';
import { QueryFailedError } from 'typeorm';
import { LOGGER_OPTIONS } from './logging';

function capture() {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      out += chunk;
      done();
    },
  });
  return { logger: pino({ level: 'info', ...LOGGER_OPTIONS }, stream), output: () => out };
}

describe('log redaction (the service logger options)', () => {
  const ID = '051190000123';
  const TOKEN = 'dvc_' + 'S'.repeat(43);

  it('keeps personal numbers out of nested bodies, at any depth the API nests them', () => {
    const { logger, output } = capture();
    logger.info({
      idNumber: ID,
      body: { applicant: { phone: '0905123456', email: 'a@b.vn', taxCode: '4300123458' }, workers: [{ idNumber: ID, socialInsuranceCode: '5112345678' }] },
      dossier: { content: { workers: [{ idNumber: ID }] } },
      issued: { token: TOKEN },
      deep: { a: { b: { c: { d: { e: { f: { g: { idNumber: ID } } } } } } } },
    }, 'x');
    for (const secret of [ID, TOKEN, '0905123456', 'a@b.vn', '4300123458', '5112345678']) expect(output()).not.toContain(secret);
    expect(output()).toContain('[redacted]');
  });

  it('logs a failed query without the values it bound or the key values PostgreSQL quotes', () => {
    const { logger, output } = capture();
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_official_id_number"'), {
      code: '23505',
      detail: `Key (id_number)=(${ID}) already exists.`,
    });
    const err = new QueryFailedError('INSERT INTO official (id_number) VALUES ($1)', [ID], driverError);
    logger.error({ err }, 'unhandled error');
    expect(output()).not.toContain(ID);
    // What an operator needs stays: the message and the statement.
    expect(output()).toContain('uq_official_id_number');
    expect(output()).toContain('INSERT INTO official');
  });

  it('redacts the bearer token of a logged request', () => {
    const { logger, output } = capture();
    logger.info({ req: { headers: { authorization: `Bearer ${TOKEN}`, 'user-agent': 'portal' } } }, 'request');
    expect(output()).not.toContain(TOKEN);
    expect(output()).toContain('portal');
  });
});
