import { type ContentToCheck, contentProblems } from './dossier-content';

const problems = (content: ContentToCheck, field?: (path: string) => string) => contentProblems(content, field).map((p) => p.message);

const worker = (idNumber: string, from = '2020-04-01', to = '2020-06-30') => ({ idNumber, from, to });
const loan = { amount: 1, months: 1, bankBranch: 'x' };

describe('contentProblems', () => {
  it('passes good content', () => {
    expect(problems({ procedureCode: 'unpaid-leave-support', workers: [worker('051190000123'), worker('051190000124')], loan: null })).toEqual([]);
    expect(problems({ procedureCode: 'wage-loan-support', workers: [worker('051190000123')], loan })).toEqual([]);
  });

  it('names every broken rule, at submission', () => {
    expect(
      problems({
        procedureCode: 'wage-loan-support',
        workers: [worker('051190000123'), worker('051190000124', '2020-06-30', '2020-04-01'), worker('051190000123')],
        loan: null,
      }),
    ).toEqual([
      'loan is required for wage-loan-support',
      'workers.1.to must not be before workers.1.from',
      'workers.2.idNumber appears twice in the list',
    ]);
    expect(problems({ procedureCode: 'unpaid-leave-support', workers: [worker('051190000123')], loan })).toEqual([
      'loan must be null for unpaid-leave-support',
    ]);
  });

  it('names the fields as a supplement sends them', () => {
    const data = (path: string) => `data.${path}`;
    expect(
      problems({ procedureCode: 'unpaid-leave-support', workers: [worker('051190000123', '2020-05-01', '2020-04-30'), worker('051190000123')] }, data),
    ).toEqual(['data.workers.0.to must not be before data.workers.0.from', 'data.workers.1.idNumber appears twice in the list']);
  });

  it('gives each problem its field, as sent, and the rule that failed', () => {
    expect(contentProblems({ procedureCode: 'unpaid-leave-support', workers: [worker('051190000123'), worker('051190000123')] }, (p) => `data.${p}`)).toEqual([
      { field: 'data.workers.1.idNumber', constraint: 'unique', message: 'data.workers.1.idNumber appears twice in the list' },
    ]);
  });
});
