import { invalidFields } from './domain-error';
import { jsonPointer, preferredLanguage, problemDetails } from './problem-details';
import { problemIndexPage, problemPage } from './problem-pages';

describe('problem details', () => {
  it('keeps statusCode, code and message beside the RFC 9457 members, which no extension replaces', () => {
    const p = problemDetails({ code: 'DOSSIER_NOT_FOUND', message: 'dossier x does not exist', details: { status: 200, type: 'x', reasons: ['r'] } }, 'en', 'req-1');
    expect(p).toEqual({
      type: '/problems/DOSSIER_NOT_FOUND',
      title: 'No dossier has this id',
      status: 404,
      detail: 'dossier x does not exist',
      instance: 'req-1',
      statusCode: 404,
      code: 'DOSSIER_NOT_FOUND',
      message: 'dossier x does not exist',
      reasons: ['r'],
    });
  });

  it('words title and detail in Vietnamese, keeping the English message', () => {
    const p = problemDetails({ code: 'PUBLIC_DOSSIER_NOT_FOUND', message: 'no dossier has this code and tax code' }, 'vi');
    expect(p).toMatchObject({
      title: 'Không có hồ sơ với mã hồ sơ và mã số thuế này',
      detail: 'Không có hồ sơ với mã hồ sơ và mã số thuế này',
      message: 'no dossier has this code and tax code',
    });
    expect(p).not.toHaveProperty('instance');
  });

  it('points at each invalid field, in either language', () => {
    const error = invalidFields('VALIDATION_FAILED', [
      { field: 'workers.0.idNumber', constraint: 'isIdNumber', message: 'workers.0.idNumber must be a 12-digit CCCD or a 9-digit CMND number' },
      { field: 'contact.phone', constraint: 'somethingNew', message: 'phone or email is required' },
    ]);
    const refusal = { code: error.code, message: error.messages!, fields: error.fields };
    expect(problemDetails(refusal, 'en')).toMatchObject({
      detail: 'workers.0.idNumber must be a 12-digit CCCD or a 9-digit CMND number; phone or email is required',
      message: ['workers.0.idNumber must be a 12-digit CCCD or a 9-digit CMND number', 'phone or email is required'],
      errors: [
        { pointer: '/workers/0/idNumber', detail: 'workers.0.idNumber must be a 12-digit CCCD or a 9-digit CMND number' },
        { pointer: '/contact/phone', detail: 'phone or email is required' },
      ],
    });
    expect(problemDetails(refusal, 'vi')).toMatchObject({
      title: 'Một số trường của yêu cầu không hợp lệ',
      detail: 'workers.0.idNumber: không phải số CCCD/CMND hợp lệ; contact.phone: không hợp lệ',
      errors: [
        { pointer: '/workers/0/idNumber', detail: 'workers.0.idNumber: không phải số CCCD/CMND hợp lệ' },
        { pointer: '/contact/phone', detail: 'contact.phone: không hợp lệ' },
      ],
    });
  });

  it('escapes JSON pointer tokens (RFC 6901)', () => {
    expect(jsonPointer('data.workers.1.idNumber')).toBe('/data/workers/1/idNumber');
    expect(jsonPointer('a/b.c~d')).toBe('/a~1b/c~0d');
    expect(jsonPointer('')).toBe('');
  });

  it.each([
    [undefined, 'en', 'en'],
    [undefined, 'vi', 'vi'],
    ['vi', 'en', 'vi'],
    ['vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7', 'en', 'vi'],
    ['en-US,en;q=0.9,vi;q=0.8', 'vi', 'en'],
    ['fr-FR, en;q=0.5', 'vi', 'en'],
    ['fr-FR', 'vi', 'vi'],
    ['*', 'vi', 'vi'],
    ['en;q=0, vi;q=0.1', 'en', 'vi'],
    ['en, vi', 'vi', 'en'],
    ['vi;q=abc, en;q=0.2', 'vi', 'en'],
    [['en;q=0.1', 'vi;q=0.2'], 'en', 'vi'],
  ] as const)('prefers by Accept-Language %p (fallback %s): %s', (header, fallback, expected) => {
    expect(preferredLanguage(header as string | string[] | undefined, fallback)).toBe(expected);
  });

  it('serves a page per code in both languages, and an index of every code', () => {
    const page = problemPage('DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN');
    expect(page).toContain('HTTP 422');
    expect(page).toContain('A digitally signed online dossier is never sent back for paper copies');
    expect(page).toContain('Hồ sơ trực tuyến đã ký số không bị yêu cầu bổ sung bản giấy');
    expect(problemIndexPage()).toContain('href="/problems/DOSSIER_NOT_FOUND"');
    expect(problemPage('GRANT_UNIT_KIND_MISMATCH')).toContain('The official&#39;s unit does not act on this step');
  });
});
