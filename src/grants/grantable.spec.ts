import { grantRefusal } from './grantable';

describe('grantRefusal', () => {
  it('allows a step to an official of the step\'s unit kind', () => {
    expect(grantRefusal('unpaid-leave-support', 'insurance-confirmation', 'social-insurance')).toBeNull();
    expect(grantRefusal('wage-loan-support', 'bank-lending', 'social-policy-bank')).toBeNull();
  });

  it('refuses another unit kind: a BHXH officer cannot approve for the province', () => {
    expect(grantRefusal('unpaid-leave-support', 'provincial-approval', 'social-insurance')).toMatchObject({
      code: 'GRANT_UNIT_KIND_MISMATCH',
      message: expect.stringContaining('provincial-pc'),
    });
  });

  it('lets the Department of Labour hold the provincial step, and no other step nor kind hold it (STEP_HOLDERS)', () => {
    expect(grantRefusal('unpaid-leave-support', 'provincial-approval', 'dolisa')).toBeNull();
    expect(grantRefusal('wage-loan-support', 'provincial-approval', 'dolisa')).toBeNull();
    expect(grantRefusal('unpaid-leave-support', 'district-appraisal', 'dolisa')?.code).toBe('GRANT_UNIT_KIND_MISMATCH');
    expect(grantRefusal('wage-loan-support', 'bank-lending', 'dolisa')?.code).toBe('GRANT_UNIT_KIND_MISMATCH');
    expect(grantRefusal('unpaid-leave-support', 'provincial-approval', 'district-pc')?.code).toBe('GRANT_UNIT_KIND_MISMATCH');
  });

  it('refuses unknown procedures and steps, and the employer\'s step', () => {
    expect(grantRefusal('no-such', 'submission', 'dolisa')?.code).toBe('GRANT_UNKNOWN_PROCEDURE');
    expect(grantRefusal('unpaid-leave-support', 'bank-lending', 'social-policy-bank')).toMatchObject({
      code: 'GRANT_UNKNOWN_STEP',
      message: 'procedure unpaid-leave-support has no step bank-lending; its steps: insurance-confirmation, district-appraisal, provincial-approval',
    });
    expect(grantRefusal('unpaid-leave-support', 'submission', 'district-pc')?.code).toBe('GRANT_STEP_NOT_GRANTABLE');
  });
});
