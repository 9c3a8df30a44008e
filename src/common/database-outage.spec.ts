import { Logger } from '@nestjs/common';
import { databaseOutage, skipRoundIfDatabaseAway } from './database-outage';

const readOnly = Object.assign(new Error('cannot execute UPDATE in a read-only transaction'), { code: '25006' });
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5445'), { code: 'ECONNREFUSED' });

describe('skipRoundIfDatabaseAway (background rounds during an outage)', () => {
  const round = new Logger('Round');
  let roundError: jest.SpyInstance;
  let outageWarn: jest.SpyInstance;
  let outageLog: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    roundError = jest.spyOn(round, 'error').mockImplementation(() => undefined);
    outageWarn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    outageLog = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    databaseOutage.up();
    jest.runOnlyPendingTimers();
    outageLog.mockClear();
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('skips every round of one outage with one warning, and logs one line once a writable connection has stayed up', () => {
    for (const error of [refused, readOnly, refused, readOnly]) expect(skipRoundIfDatabaseAway(error, round, 'round failed')).toBe(true);
    expect(roundError).not.toHaveBeenCalled();
    expect(outageWarn).toHaveBeenCalledTimes(1);
    expect(outageWarn.mock.calls[0][0]).toMatchObject({ code: 'ECONNREFUSED' });

    databaseOutage.up();
    databaseOutage.up();
    expect(outageLog).not.toHaveBeenCalled();
    jest.advanceTimersByTime(2000);
    expect(outageLog).toHaveBeenCalledTimes(1);
    expect(outageLog.mock.calls[0][1]).toBe('database available again');

    // The next outage is a new one: its own warning.
    expect(skipRoundIfDatabaseAway(readOnly, round, 'round failed')).toBe(true);
    expect(outageWarn).toHaveBeenCalledTimes(2);
  });

  it('counts a failure soon after a connection opened as the same outage (a failover flaps)', () => {
    expect(skipRoundIfDatabaseAway(refused, round, 'round failed')).toBe(true);
    databaseOutage.up();
    jest.advanceTimersByTime(1500);
    expect(skipRoundIfDatabaseAway(readOnly, round, 'round failed')).toBe(true);
    databaseOutage.up();
    jest.advanceTimersByTime(1999);
    expect(outageLog).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(outageWarn).toHaveBeenCalledTimes(1);
    expect(outageLog).toHaveBeenCalledTimes(1);
    expect(outageLog.mock.calls[0][0]).toMatchObject({ outageMs: expect.any(Number) });
  });

  it('reports any other failure as the round’s own error, every time', () => {
    const bug = new TypeError('x is undefined');
    expect(skipRoundIfDatabaseAway(bug, round, 'round failed')).toBe(false);
    expect(skipRoundIfDatabaseAway(bug, round, 'round failed')).toBe(false);
    expect(roundError).toHaveBeenCalledTimes(2);
    expect(roundError).toHaveBeenCalledWith({ err: bug }, 'round failed');
    expect(outageWarn).not.toHaveBeenCalled();
  });
});
