import { DomainError } from '../common/domain-error';
import { csvField, toCsv } from '../common/csv';
import { reportPeriod } from './period';
import { processingReportCsv } from './processing-report.csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and keeps Vietnamese as is', () => {
    expect(csvField('UBND huyện Bình Sơn, Quảng Ngãi')).toBe('"UBND huyện Bình Sơn, Quảng Ngãi"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
  });

  it('defuses spreadsheet formulas in text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('joins rows with CRLF and ends with one', () => {
    expect(toCsv(['unit', 'received'], [['BHXH', 2], [null, 0]])).toBe('unit,received\r\nBHXH,2\r\n,0\r\n');
  });
});

describe('reportPeriod', () => {
  const codeOf = (from?: string, to?: string) => {
    try {
      reportPeriod(from, to);
      return 'ok';
    } catch (e) {
      return (e as DomainError).code;
    }
  };

  it('reads dates as whole Vietnam days, `to` included', () => {
    const p = reportPeriod('2020-05-01', '2020-05-31');
    expect(p.from!.toISOString()).toBe('2020-04-30T17:00:00.000Z');
    expect(p.to!.toISOString()).toBe('2020-05-31T17:00:00.000Z');
  });

  it('keeps instants and open ends', () => {
    expect(reportPeriod('2020-05-01T08:00:00+07:00', undefined)).toEqual({ from: new Date('2020-05-01T01:00:00Z'), to: null });
    expect(reportPeriod()).toEqual({ from: null, to: null });
  });

  it('accepts the whole of the calendar\'s years', () => {
    expect(codeOf('2000-01-01', '2100-12-31')).toBe('ok');
    expect(codeOf('1999-12-31T17:00:00Z', undefined)).toBe('ok'); // midnight, 1 Jan 2000 in Vietnam
  });

  it.each([
    ['2020-02-30', undefined],
    ['yesterday', undefined],
    ['2020-06-01', '2020-05-01'],
    // Outside the calendar's 2000–2100: echoed back as "-000001-12-31T17:00:00.000Z" before.
    ['0000-01-01', undefined],
    ['1999-12-31', undefined],
    [undefined, '2101-01-01'],
    [undefined, '9999-12-31T23:59:00-12:00'],
    ['1999-12-31T16:59:00Z', undefined], // 23:59 on 31 Dec 1999 in Vietnam
  ])('refuses from=%s to=%s', (from, to) => {
    expect(codeOf(from, to)).toBe('REPORT_PERIOD_INVALID');
  });
});

describe('processingReportCsv', () => {
  const counts = {
    carriedOver: 1, received: 2, finishedEarly: 0, finishedOnTime: 1, finishedLateWithApology: 0, finishedLate: 1, inProgress: 1,
    inProgressWithinTime: 1, inProgressOverdue: 0, overdueNow: 0, withdrawn: 0, rejected: 0, doneOnTime: 1, doneLate: 1,
    stepsFinished: 3, stepsFinishedLate: 1, handoversReceivedLate: 0, medianWorkingHours: 12.5, p90WorkingHours: null,
  };
  const report = {
    from: null, to: null, groupBy: 'official' as const, procedure: null, at: '2020-05-25T03:00:00.000Z',
    rows: [{ key: 'uuid-1', name: 'Trần Thị Bình', idNumber: '051190000123', unitCode: 'BHXH-522', ...counts }],
    totals: counts,
  };

  it('starts with the byte-order mark, names officials by ID number, ends with the totals; Vietnamese decimal comma', () => {
    const lines = processingReportCsv(report, 'vi', false).split('\r\n');
    expect(lines[0].startsWith('\uFEFFSố định danh,Họ và tên,Đơn vị,Kỳ trước chuyển qua,Tiếp nhận,Trước hạn,Đúng hạn,Trễ hạn có xin lỗi,Trễ hạn,')).toBe(true);
    expect(lines[1]).toBe('051190000123,Trần Thị Bình,BHXH-522,1,2,0,1,0,1,1,1,0,0,0,0,3,1,0,"12,5",');
    expect(lines[2]).toBe('Tổng cộng,,,1,2,0,1,0,1,1,1,0,0,0,0,3,1,0,"12,5",');
    expect(lines[0]).not.toContain('uuid');
  });

  it('in English: the JSON keys, a decimal point, "Total"', () => {
    const lines = processingReportCsv(report, 'en', false).split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFidNumber,fullName,unit,carriedOver,received,finishedEarly,finishedOnTime,finishedLateWithApology,finishedLate,inProgress,' +
        'inProgressWithinTime,inProgressOverdue,overdueNow,withdrawn,rejected,stepsFinished,stepsFinishedLate,handoversReceivedLate,medianWorkingHours,p90WorkingHours',
    );
    expect(lines[2]).toBe('Total,,,1,2,0,1,0,1,1,1,0,0,0,0,3,1,0,12.5,');
  });

  it('adds the result columns by default, after the periodic report\'s, which keep their places', () => {
    const results = { refusedOnTime: 1, refusedLate: 0, workersSupported: 12, fundsApproved: 21_600_000, fundsLent: 0 };
    const withResults = { ...report, rows: [{ ...report.rows[0], ...results }], totals: { ...counts, ...results } };
    const lines = processingReportCsv(withResults, 'en').split('\r\n');
    expect(lines[0]).toMatch(/,p90WorkingHours,refusedOnTime,refusedLate,workersSupported,fundsApproved,fundsLent$/);
    expect(lines[1]).toBe('051190000123,Trần Thị Bình,BHXH-522,1,2,0,1,0,1,1,1,0,0,0,0,3,1,0,12.5,,1,0,12,21600000,0');
    expect(processingReportCsv(withResults, 'en', false).split('\r\n')[1]).toBe('051190000123,Trần Thị Bình,BHXH-522,1,2,0,1,0,1,1,1,0,0,0,0,3,1,0,12.5,');
  });
});
