import { findProcedure } from '../workflow/definitions';
import { refusals, stepHolderRefusals } from './access';
import type { OfficialScope, Principal } from '../common/principal';

const procedure = findProcedure('unpaid-leave-support', 1)!;
const dossier = { provinceCode: '51', districtCode: '522' };

function officialOf(scope: Partial<OfficialScope>): Principal {
  return {
    id: 'p1',
    kind: 'official',
    name: 'Cán bộ',
    official: {
      officialId: 'o1',
      unitCode: 'BHXH-522',
      unitKind: 'social-insurance',
      provinceCode: '51',
      districtCode: '522',
      grants: [{ procedureCode: 'unpaid-leave-support', step: 'insurance-confirmation' }],
      ...scope,
    },
  };
}

describe('stepHolderRefusals', () => {
  const refuse = (p: Principal, step = 'insurance-confirmation') => stepHolderRefusals(p, procedure, dossier, step, 'apologise');

  it('accepts a granted official of the step\'s unit kind in jurisdiction', () => {
    expect(refuse(officialOf({}))).toEqual([]);
  });

  it('names every reason an official does not hold the step', () => {
    const outsider = officialOf({ unitKind: 'district-pc', districtCode: '523', grants: [] });
    expect(refuse(outsider)).toEqual([
      'step insurance-confirmation is acted on by a social-insurance unit, not district-pc',
      'no grant for unpaid-leave-support / insurance-confirmation',
      'the dossier is outside the unit\'s jurisdiction',
    ]);
  });

  it('refuses admins, the integration and unknown steps', () => {
    expect(refuse({ id: 'a', kind: 'admin', name: 'admin', official: null })).toEqual(["only an official of the step's unit may apologise"]);
    expect(refuse({ id: 'i', kind: 'integration', name: 'portal', official: null })).toHaveLength(1);
    expect(refuse(officialOf({}), 'bank-lending')).toEqual(['the dossier is not at a step where apologise is taken']);
  });

  it('is what refusals applies to an official\'s action on the current step', () => {
    const at = { ...dossier, procedureCode: procedure.code, snapshot: { value: 'district-appraisal', context: { signed: true, channel: 'online' as const, returnTo: null, supplementRequests: 0 } } };
    expect(refusals(officialOf({}), procedure, at, 'appraise')).toEqual(stepHolderRefusals(officialOf({}), procedure, at, 'district-appraisal', 'appraise'));
    expect(refusals(officialOf({}), procedure, at, 'appraise')).toHaveLength(2);
  });
});
