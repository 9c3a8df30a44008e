import { DomainError } from '../common/domain-error';
import { registerOutcome, registerPeriod, registerRow, type RegisterSource } from './register';

const at = (local: string) => new Date(`${local}+07:00`);

describe('the register\'s period', () => {
  it('runs from the first day 00:00 to the end of the last, Vietnam time, at most 366 days', () => {
    expect(registerPeriod('2020-05-01', '2020-05-31')).toEqual({ from: '2020-05-01', to: '2020-05-31', start: at('2020-05-01T00:00:00'), end: at('2020-06-01T00:00:00') });
    expect(registerPeriod('2020-01-01', '2020-12-31').end).toEqual(at('2021-01-01T00:00:00'));
    for (const [from, to] of [['2020-05-02', '2020-05-01'], ['2020-01-01', '2021-01-01'], ['1999-12-31', '2000-01-05']]) {
      expect(() => registerPeriod(from, to)).toThrow(DomainError);
    }
  });
});

describe('how a dossier stands in the register', () => {
  const appointed = at('2020-05-27T17:00:00');
  const base = { status: 'approved', appointedReturnAt: appointed, dueAt: appointed };

  it('judges a result against the legal appointed date, as the processing report does', () => {
    expect(registerOutcome({ ...base, finishedAt: at('2020-05-26T16:00:00') })).toBe('early');
    expect(registerOutcome({ ...base, finishedAt: at('2020-05-27T08:00:00') })).toBe('on-time');
    expect(registerOutcome({ ...base, finishedAt: at('2020-05-27T17:00:00') })).toBe('on-time');
    expect(registerOutcome({ ...base, finishedAt: at('2020-05-28T09:00:00') })).toBe('late');
    // An apology's new date (the return date in force) makes a late result "late with apology", never on time.
    expect(registerOutcome({ ...base, dueAt: at('2020-06-03T17:00:00'), finishedAt: at('2020-05-28T09:00:00') })).toBe('late-with-apology');
    expect(registerOutcome({ ...base, status: 'disbursed', finishedAt: at('2020-05-20T09:00:00') })).toBe('early');
  });

  it('says a refusal, a withdrawal, a wait for a supplement or a dossier still open', () => {
    expect(registerOutcome({ ...base, status: 'rejected', finishedAt: at('2020-06-20T09:00:00') })).toBe('rejected');
    expect(registerOutcome({ ...base, status: 'withdrawn', finishedAt: at('2020-05-20T09:00:00') })).toBe('withdrawn');
    expect(registerOutcome({ ...base, status: 'awaiting-supplement', finishedAt: null, dueAt: null, appointedReturnAt: null })).toBe('awaiting-supplement');
    expect(registerOutcome({ ...base, status: 'processing', finishedAt: null })).toBe('in-progress');
  });

  it('writes the note the form prints, and when the result came back and went to the applicant', () => {
    const source: RegisterSource = {
      dossierId: 'd', portalCode: 'P', procedureCode: 'wage-loan-support', procedureVersion: 1, procedureName: 'Vay vốn',
      applicant: { name: 'Công ty', address: 'Quảng Ngãi' }, status: 'processing', receivedAt: at('2020-05-12T09:30:00'),
      appointedAtReceipt: appointed, appointedReturnAt: appointed, dueAt: at('2020-06-03T17:00:00'), forwardedAt: null,
      finishedAt: null, resultReturnedAt: null, apology: { number: '3/PXL', newReturnDate: at('2020-06-03T17:00:00') },
      competentUnit: { code: null, name: 'Ngân hàng Chính sách xã hội' },
    };
    expect(registerRow(source, 1, at('2020-06-04T09:00:00'))).toMatchObject({
      outcome: 'in-progress', overdue: true, resultReceivedAt: null, returnedAt: null, applicant: { phone: null },
      note: 'Đang giải quyết, quá hạn; Phiếu xin lỗi số 3/PXL, hẹn lại ngày trả 03/06/2020',
    });
    const lent = registerRow({ ...source, status: 'disbursed', finishedAt: at('2020-06-01T10:00:00') }, 2, at('2020-06-04T09:00:00'));
    expect(lent).toMatchObject({ outcome: 'late-with-apology', overdue: false, resultReceivedAt: '2020-06-01T03:00:00.000Z', returnedAt: '2020-06-01T03:00:00.000Z' });
    // An approval is returned when the result is handed over (result-returned), not before.
    const approved = registerRow({ ...source, status: 'approved', finishedAt: at('2020-05-20T10:00:00'), apology: null }, 3, at('2020-06-04T09:00:00'));
    expect(approved).toMatchObject({ outcome: 'early', returnedAt: null, note: 'Trả kết quả trước hạn' });
    const withdrawn = registerRow({ ...source, status: 'withdrawn', finishedAt: at('2020-05-20T10:00:00'), apology: null }, 4, at('2020-06-04T09:00:00'));
    expect(withdrawn).toMatchObject({ resultReceivedAt: null, returnedAt: null, note: 'Rút hồ sơ' });
  });
});
