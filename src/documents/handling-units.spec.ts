import { PROCEDURES } from '../workflow/definitions';
import { handlingUnits, KIND_NAMES } from './handling-units';

describe('the agencies handling a procedure (forms 05 and 06)', () => {
  const of = (code: string, version: number) => PROCEDURES.find((p) => p.code === code && p.version === version)!.steps;
  const byKind = (kind: keyof typeof KIND_NAMES) => KIND_NAMES[kind];

  it('names the last step\'s agency competent and the others coordinating, as each version\'s steps say', () => {
    expect(handlingUnits(of('unpaid-leave-support', 1), byKind)).toEqual({
      competent: 'Ủy ban nhân dân cấp tỉnh', coordinating: ['Cơ quan Bảo hiểm xã hội', 'Ủy ban nhân dân cấp huyện'],
    });
    expect(handlingUnits(of('wage-loan-support', 1), byKind)).toEqual({
      competent: 'Ngân hàng Chính sách xã hội', coordinating: ['Cơ quan Bảo hiểm xã hội', 'Ủy ban nhân dân cấp huyện', 'Ủy ban nhân dân cấp tỉnh'],
    });
    // Decision 23/2021: the loan skips the People's Committees.
    expect(handlingUnits(of('wage-loan-support', 2), byKind)).toEqual({ competent: 'Ngân hàng Chính sách xã hội', coordinating: ['Cơ quan Bảo hiểm xã hội'] });
  });

  it('lists an agency once, never as both competent and coordinating, in the order of the steps', () => {
    const steps = [
      { order: 3, actor: 'provincial-pc' as const }, { order: 1, actor: 'employer' as const },
      { order: 2, actor: 'social-insurance' as const }, { order: 4, actor: 'social-insurance' as const },
    ];
    const names = (kind: keyof typeof KIND_NAMES) => (kind === 'provincial-pc' ? 'UBND tỉnh' : 'BHXH');
    expect(handlingUnits(steps, names)).toEqual({ competent: 'BHXH', coordinating: ['UBND tỉnh'] });
    expect(handlingUnits([{ order: 1, actor: 'employer' }], names)).toEqual({ competent: '—', coordinating: [] });
  });
});
