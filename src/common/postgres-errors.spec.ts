import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { isDatabaseAway, isUniqueViolation, pgCode } from './postgres-errors';

const failed = (driverError: object) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), driverError));

describe('isDatabaseAway', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown (57P01)', failed({ code: '57P01' })],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['too many connections (53300)', failed({ code: '53300' })],
    ['no connection within the pool\'s connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a statement past statement_timeout (57014)', failed({ code: '57014', message: 'canceling statement due to statement timeout' })],
    ['a query cut off without a SQLSTATE', failed({ message: 'Connection terminated unexpectedly' })],
    ['the next query of a transaction whose connection died', new QueryRunnerAlreadyReleasedError()],
    ["the next EntityManager.query of a transaction whose connection died", new QueryRunnerProviderAlreadyReleasedError()],
  ])('is true for %s', (_name, error) => expect(isDatabaseAway(error)).toBe(true));

  it.each([
    ['a unique violation', failed({ code: '23505', message: 'duplicate key value' })],
    ['a syntax error', failed({ code: '42601', message: 'syntax error' })],
    ['a plain Error', new Error('boom')],
    ['a string', 'Connection terminated'],
    ['null', null],
  ])('is false for %s', (_name, error) => expect(isDatabaseAway(error)).toBe(false));
});

describe('pgCode and isUniqueViolation', () => {
  const unique = failed({ code: '23505', constraint: 'uq_apology_dossier' });

  it('read the SQLSTATE under a TypeORM error or on a driver error', () => {
    expect(pgCode(unique)).toBe('23505');
    expect(pgCode(Object.assign(new Error('x'), { code: '40001' }))).toBe('40001');
    expect(pgCode(new Error('x'))).toBeUndefined();
    expect(pgCode(null)).toBeUndefined();
  });

  it('tell a unique violation, of any index or of the one named', () => {
    expect(isUniqueViolation(unique)).toBe(true);
    expect(isUniqueViolation(unique, 'uq_apology_dossier')).toBe(true);
    expect(isUniqueViolation(unique, 'uq_dossier_portal_code')).toBe(false);
    expect(isUniqueViolation(failed({ code: '23503', constraint: 'uq_apology_dossier' }))).toBe(false);
    expect(isUniqueViolation('23505')).toBe(false);
  });
});
