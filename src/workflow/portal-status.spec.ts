import { dossierPortalStatus, portalStatusCode } from './portal-status';

describe('TrangThaiHoSo of a dossier', () => {
  const unpaid = { steps: [{ key: 'submission' }, { key: 'insurance-confirmation' }, { key: 'district-appraisal' }] };

  it('is 2 while the receiving step holds it, also back there after a supplement; 4 at later steps', () => {
    expect(dossierPortalStatus(unpaid, { status: 'processing', state: 'insurance-confirmation' })).toBe(2);
    expect(dossierPortalStatus(unpaid, { status: 'processing', state: 'district-appraisal' })).toBe(4);
    expect(dossierPortalStatus(unpaid, { status: 'awaiting-supplement', state: 'awaiting-supplement' })).toBe(5);
  });

  it('is 9 once approved and 10 once the result is returned (a loan paid out is returned)', () => {
    expect(dossierPortalStatus(unpaid, { status: 'approved', state: 'approved', resultReturnedAt: null })).toBe(9);
    expect(dossierPortalStatus(unpaid, { status: 'approved', state: 'approved', resultReturnedAt: new Date() })).toBe(10);
    expect(portalStatusCode('disbursed', 'disbursed', 'insurance-confirmation')).toBe(10);
  });

  const context = (accepted?: boolean) => ({ snapshot: { context: accepted === undefined ? {} : { accepted } } });

  it('is 1 until the receiving unit accepts it, 2 once it has; a snapshot stored before acceptance existed counts as accepted', () => {
    expect(dossierPortalStatus(unpaid, { status: 'processing', state: 'insurance-confirmation', ...context(false) })).toBe(1);
    expect(dossierPortalStatus(unpaid, { status: 'processing', state: 'insurance-confirmation', ...context(true) })).toBe(2);
    expect(dossierPortalStatus(unpaid, { status: 'processing', state: 'insurance-confirmation', ...context() })).toBe(2);
  });

  it('is 3 for a refusal of receipt (before acceptance), 8 for a refusal after it', () => {
    expect(dossierPortalStatus(unpaid, { status: 'rejected', state: 'rejected', ...context(false) })).toBe(3);
    expect(dossierPortalStatus(unpaid, { status: 'rejected', state: 'rejected', ...context(true) })).toBe(8);
    expect(dossierPortalStatus(unpaid, { status: 'rejected', state: 'rejected', ...context() })).toBe(8);
  });

  it('is 10 once the bank signed the loan, while its payments go on', () => {
    expect(portalStatusCode('disbursing', 'disbursing', 'insurance-confirmation')).toBe(10);
  });

  it('stops at 8 for a refusal after acceptance and 7 for a withdrawal', () => {
    expect(portalStatusCode('rejected', 'rejected', 'insurance-confirmation')).toBe(8);
    expect(portalStatusCode('withdrawn', 'withdrawn', 'insurance-confirmation')).toBe(7);
  });
});
