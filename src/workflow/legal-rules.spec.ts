import { legalViolation, type LegalEvent, paperForbidden, supplementItems } from './legal-rules';
import { findProcedure } from './definitions';
import type { DossierContext } from './types';

const unpaid = findProcedure('unpaid-leave-support', 1)!;
const signedOnline: DossierContext = { signed: true, channel: 'online', returnTo: null, supplementRequests: 0 };
const unsignedOnline: DossierContext = { ...signedOnline, signed: false };
const facts = { insuranceSigned: false, eligibilityBlocking: false, loanCap: null };
const code = (context: DossierContext, event: LegalEvent) => legalViolation(unpaid, context, event)?.code ?? null;

describe('the paper rule (Decree 45/2020; Cần Thơ 5465/UBND-KSTT 1c)', () => {
  it('refuses paper in a structured item as in the legacy channel, whatever the reason says', () => {
    const paperItem = { type: 'request-supplement' as const, reason: 'Thiếu hồ sơ', items: [{ document: 'Danh sách', form: 'electronic' as const }, { document: 'Hợp đồng', form: 'paper' as const }] };
    expect(code(signedOnline, paperItem)).toBe('DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN');
    expect(code(signedOnline, { type: 'request-supplement', reason: 'x', channel: 'paper' })).toBe('DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN');
    expect(code(unsignedOnline, paperItem)).toBeNull();
    expect(code({ ...signedOnline, channel: 'paper' }, paperItem)).toBeNull();
  });

  it('covers every step after BHXH signed its confirmation, even a dossier the employer did not sign', () => {
    expect(paperForbidden(unsignedOnline, { ...facts, insuranceSigned: true })).toBe(true);
    expect(code(unsignedOnline, { type: 'request-supplement', reason: 'x', channel: 'paper', facts: { ...facts, insuranceSigned: true } })).toBe('DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN');
  });

  it('makes a request name what it asks for: items, or at least the channel (no channel, no guessing from "Nộp bản giấy")', () => {
    expect(legalViolation(unpaid, signedOnline, { type: 'request-supplement', reason: 'Nộp bản giấy' })).toMatchObject({ code: 'DOSSIER_SUPPLEMENT_ITEMS_REQUIRED', status: 400, field: 'items' });
    expect(supplementItems({ type: 'request-supplement', reason: 'Bổ sung danh sách', channel: 'online' })).toEqual([{ document: 'Bổ sung danh sách', form: 'electronic' }]);
  });
});

describe('one supplement request per dossier (Decree 61/2018)', () => {
  it('refuses a second request with a code naming the rule', () => {
    const second = { type: 'request-supplement' as const, reason: 'x', channel: 'online' as const };
    expect(code(signedOnline, second)).toBeNull();
    expect(legalViolation(unpaid, { ...signedOnline, supplementRequests: 1 }, second)).toMatchObject({ code: 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED', status: 422 });
  });
});

describe('refusal grounds from the version\'s closed list', () => {
  it('requires a known ground; one answering a supplement request only after one', () => {
    expect(legalViolation(unpaid, signedOnline, { type: 'reject', reason: 'x' })).toMatchObject({ code: 'DOSSIER_GROUND_REQUIRED', status: 400, field: 'ground' });
    expect(code(signedOnline, { type: 'reject', reason: 'Thiếu bản giấy', ground: 'missing-paper-copies' })).toBe('DOSSIER_GROUND_UNKNOWN');
    expect(code(signedOnline, { type: 'reject', reason: 'x', ground: 'ineligible' })).toBeNull();
    expect(code(signedOnline, { type: 'reject', reason: 'x', ground: 'incomplete-after-supplement' })).toBe('DOSSIER_GROUND_NOT_APPLICABLE');
    expect(code({ ...signedOnline, supplementRequests: 1 }, { type: 'reject', reason: 'x', ground: 'incomplete-after-supplement' })).toBeNull();
  });

  it('has no ground about paper copies in any version', () => {
    for (const code of ['unpaid-leave-support', 'wage-loan-support']) {
      for (const version of [1, 2]) {
        const grounds = findProcedure(code, version)!.rejectGrounds;
        expect(new Set(grounds.map((g) => g.key)).size).toBe(grounds.length);
        expect(grounds.filter((g) => /giấy|paper/i.test(`${g.label} ${g.labelEn}`))).toEqual([]);
        for (const g of grounds) expect(g.legalBasis).toMatch(/Quyết định|Nghị định/);
      }
    }
  });

  it('takes items, a ground and a signature only with their own action', () => {
    expect(legalViolation(unpaid, signedOnline, { type: 'confirm', ground: 'ineligible' })).toMatchObject({ code: 'DOSSIER_FIELD_NOT_EXPECTED', field: 'ground' });
    expect(code(signedOnline, { type: 'approve', signature: { certificateSerial: 'AB', signedAt: '2020-05-12T09:00:00+07:00' } })).toBe('DOSSIER_FIELD_NOT_EXPECTED');
    expect(code(signedOnline, { type: 'reject', reason: 'x', ground: 'ineligible', items: [{ document: 'x', form: 'electronic' }] })).toBe('DOSSIER_FIELD_NOT_EXPECTED');
    expect(code(signedOnline, { type: 'confirm', signature: { certificateSerial: 'AB', signedAt: '2020-05-12T09:00:00+07:00' } })).toBeNull();
  });
});

describe('the categorical eligibility rule', () => {
  it('refuses approving or paying a dossier the law excludes, and paying above the loan cap', () => {
    const blocking = { ...facts, eligibilityBlocking: true };
    expect(code(signedOnline, { type: 'approve', facts: blocking })).toBe('DOSSIER_INELIGIBLE_MUST_REJECT');
    expect(code(signedOnline, { type: 'disburse', data: { contractNumber: 'HD', amount: 1 }, facts: blocking })).toBe('DOSSIER_INELIGIBLE_MUST_REJECT');
    expect(code(signedOnline, { type: 'reject', reason: 'x', ground: 'not-in-programme-period', facts: blocking })).toBeNull();
    expect(code(signedOnline, { type: 'approve', facts })).toBeNull();
    const capped = { ...facts, loanCap: 9_800_000 };
    expect(code(signedOnline, { type: 'disburse', data: { contractNumber: 'HD', amount: 9_800_001 }, facts: capped })).toBe('DOSSIER_DISBURSAL_ABOVE_CAP');
    expect(code(signedOnline, { type: 'disburse', data: { contractNumber: 'HD', amount: 9_800_000 }, facts: capped })).toBeNull();
  });
});
