import { pausesOf, stepResult } from '../documents/step-records';
import { consolePeriod, mondayOf, weeksEnding } from './period';
import { type AlertRow, sortAlerts } from './views/alerts';
import { html, raw } from './views/html';
import { stackedBars, trendLine } from './views/chart';
import { onTimeRate } from './views/overview';
import { translator, workingTime } from './views/words';

describe('console views', () => {
  it('escapes every interpolated value unless it is markup the templates made', () => {
    const name = '<img src=x onerror="alert(1)"> & \'Công ty\'';
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;Công ty&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;Công ty&#39;</td>',
    );
    expect(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.text).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${raw('<br>')}${null}${undefined}${false}${0}`.text).toBe('<br>0');
  });

  it('takes this week from Monday, this month from the 1st, in Vietnam time, and checks custom dates', () => {
    // Sunday 24 May 2020, 23:30 in Hà Nội is still in the week of Monday 18 May.
    const now = new Date('2020-05-24T16:30:00Z');
    expect(consolePeriod({}, now)).toMatchObject({ kind: 'week', from: '2020-05-18', to: '2020-05-24' });
    expect(consolePeriod({ period: 'month' }, now)).toMatchObject({ kind: 'month', from: '2020-05-01', to: '2020-05-31' });
    expect(consolePeriod({ period: 'month' }, new Date('2020-02-10T03:00:00Z'))).toMatchObject({ from: '2020-02-01', to: '2020-02-29' });
    expect(consolePeriod({ from: '2020-05-11', to: '2020-05-12' }, now)).toMatchObject({ kind: 'custom', from: '2020-05-11', to: '2020-05-12' });
    expect(() => consolePeriod({ period: 'custom', from: '11/05/2020' }, now)).toThrow('must be a date YYYY-MM-DD');
    expect(mondayOf('2020-05-18')).toBe('2020-05-18');
    expect(weeksEnding('2020-05-20', 3)).toEqual(['2020-05-04', '2020-05-11', '2020-05-18']);
  });

  it('sorts the alerts by any column, numbers as numbers and names in Vietnamese order, then by due time', () => {
    const row = (enterprise: string, workingDays: number, dueAt: string): AlertRow => ({
      dossierId: null, portalCode: enterprise, enterprise, procedureCode: 'p', procedureName: 'p', step: 's', unitCode: 'u', unitName: 'u', officials: [], dueAt, workingDays,
    });
    const rows = [row('Đường', 10, '2020-05-02'), row('Dệt', 2, '2020-05-03'), row('An', 2, '2020-05-01')];
    expect(sortAlerts(rows, 'workingDays', true).map((r) => r.enterprise)).toEqual(['Đường', 'An', 'Dệt']);
    expect(sortAlerts(rows, 'enterprise', false).map((r) => r.enterprise)).toEqual(['An', 'Dệt', 'Đường']);
  });

  it('judges a step early (a day before its limit\'s day), on time, late or running, and pairs supplement pauses', () => {
    const due = new Date('2020-05-15T10:00:00Z'); // 17:00 in Vietnam
    expect(stepResult({ ended_at: new Date('2020-05-14T09:00:00Z'), end_action: 'confirm', late: false, due_at: due })).toBe('early');
    expect(stepResult({ ended_at: new Date('2020-05-15T02:00:00Z'), end_action: 'confirm', late: false, due_at: due })).toBe('on-time');
    expect(stepResult({ ended_at: new Date('2020-05-16T02:00:00Z'), end_action: 'confirm', late: true, due_at: due })).toBe('late');
    expect(stepResult({ ended_at: null, end_action: null, late: null, due_at: due })).toBe('running');
    const at = (d: string) => new Date(d);
    expect(pausesOf([{ action: 'request-supplement', at: at('2020-05-13') }, { action: 'supplement', at: at('2020-05-14') }, { action: 'request-supplement', at: at('2020-05-15') }])).toEqual([
      { from: at('2020-05-13'), to: at('2020-05-14') },
      { from: at('2020-05-15'), to: null },
    ]);
    expect(onTimeRate({ doneOnTime: 3, doneLate: 1 })).toBe(0.75);
    expect(onTimeRate({ doneOnTime: 0, doneLate: 0 })).toBeNull();
  });

  it('writes office time in minutes under an hour, hours under a working day, else working days', () => {
    const vi = translator('vi');
    const day = 8 * 3_600_000;
    expect(workingTime(60_000, day, vi)).toBe('1 phút làm việc');
    expect(workingTime(0, day, vi)).toBe('0 phút làm việc');
    expect(workingTime(2.5 * 3_600_000, day, vi)).toBe('2,5 giờ làm việc');
    expect(workingTime(day, day, vi)).toBe('1,0 ngày làm việc');
    expect(workingTime(1647 * day, day, vi)).toBe('1.647,0 ngày làm việc');
    expect(workingTime(90 * 60_000, day, translator('en'))).toBe('1.5 working hours');
  });

  it('says "chưa có số liệu" for a chart with nothing to draw, and draws one with a figure', () => {
    const vi = translator('vi');
    const series = [{ name: 'Đúng hạn', className: 's-ontime' }];
    expect(stackedBars('Theo đơn vị', series, [], vi).text).toContain('chưa có số liệu');
    expect(stackedBars('Theo đơn vị', series, [{ label: 'BHXH', parts: [0] }], vi).text).not.toContain('<svg');
    expect(stackedBars('Theo đơn vị', series, [{ label: 'BHXH', parts: [2] }], vi).text).toContain('<rect');
    const none = [{ label: '11/05', value: null }, { label: '18/05', value: null }];
    expect(trendLine('Mỗi tuần', none, String, 'không có', vi).text).toBe(
      '<p class="chart-empty" role="img" aria-label="Mỗi tuần: chưa có số liệu">chưa có số liệu</p>',
    );
    expect(trendLine('Mỗi tuần', [...none, { label: '25/05', value: 0 }], String, 'không có', vi).text).toContain('<svg');
  });
});
