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

  it('stops at 8 for a refusal (not 3: every dossier here was received) and 7 for a withdrawal', () => {
    expect(portalStatusCode('rejected', 'rejected', 'insurance-confirmation')).toBe(8);
    expect(portalStatusCode('withdrawn', 'withdrawn', 'insurance-confirmation')).toBe(7);
  });
});
