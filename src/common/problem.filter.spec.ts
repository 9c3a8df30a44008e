import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { isDatabaseAway } from './problem.filter';

const failed = (driverError: object) => new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), driverError));

describe('isDatabaseAway', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['an administrator shutdown (57P01)', failed({ code: '57P01' })],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['too many connections (53300)', failed({ code: '53300' })],
    ['a query cut off without a SQLSTATE', failed({ message: 'Connection terminated unexpectedly' })],
    ['the next query of a transaction whose connection died', new QueryRunnerAlreadyReleasedError()],
  ])('is true for %s', (_name, error) => expect(isDatabaseAway(error)).toBe(true));

  it.each([
    ['a unique violation', failed({ code: '23505', message: 'duplicate key value' })],
    ['a syntax error', failed({ code: '42601', message: 'syntax error' })],
    ['a plain Error', new Error('boom')],
    ['a string', 'Connection terminated'],
    ['null', null],
  ])('is false for %s', (_name, error) => expect(isDatabaseAway(error)).toBe(false));
});
