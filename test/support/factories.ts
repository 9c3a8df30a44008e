import { randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PrincipalKind } from '../../src/common/principal';
import { GrantEntity } from '../../src/grants/grant.entity';
import { OfficialEntity } from '../../src/directory/official.entity';
import { PrincipalEntity } from '../../src/auth/principal.entity';
import { UnitEntity } from '../../src/directory/unit.entity';
import { newToken } from '../../src/auth/tokens';
import { SUBMITTED_AT } from './test-app';
import type { UnitKind } from '../../src/common/unit-kinds';

let counter = 0;
const next = () => ++counter;

/** A valid 10-digit tax code (the check digit of docs/domain.md). */
export function taxCode(): string {
  const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
  for (;;) {
    const digits = Array.from({ length: 9 }, () => randomInt(10));
    const check = 10 - (digits.reduce((a, d, i) => a + d * weights[i], 0) % 11);
    if (check < 10) return digits.join('') + check;
  }
}

export function idNumber(): string {
  return `051${randomInt(4)}${String(randomInt(1e8)).padStart(8, '0')}`;
}

export function portalCode(): string {
  return `000.00.51.H55-200512-${String(next()).padStart(4, '0')}-${randomUUID().slice(0, 8)}`;
}

export function submission(overrides: Record<string, unknown> = {}, applicant: Record<string, unknown> = {}) {
  const procedureCode = (overrides.procedureCode as string) ?? 'unpaid-leave-support';
  return {
    portalCode: portalCode(),
    procedureCode,
    submittedAt: SUBMITTED_AT,
    applicant: {
      name: 'Công ty TNHH May Quảng Ngãi',
      taxCode: taxCode(),
      address: '12 Quang Trung, TP Quảng Ngãi',
      provinceCode: '51',
      districtCode: '522',
      phone: '02553822123',
      email: 'nhansu@maysquangngai.vn',
      ...applicant,
    },
    signature: { signer: 'employer', certificateSerial: '5402A1B2C3D4', signedAt: '2020-05-12T09:00:00+07:00' },
    workers: [
      { fullName: 'Nguyễn Thị Ánh', idNumber: idNumber(), socialInsuranceCode: '5112345678', from: '2020-04-01', to: '2020-06-30', wage: 3920000 },
      { fullName: 'Trần Văn Bình', idNumber: idNumber(), socialInsuranceCode: '5112345679', from: '2020-04-15', to: '2020-05-31', wage: 3920000 },
    ],
    loan: procedureCode === 'wage-loan-support' ? { amount: 8500000, months: 3, bankBranch: 'NHCSXH Quảng Ngãi' } : null,
    attachments: [{ name: 'danh-sach.pdf', sha256: 'a'.repeat(64) }],
    ...overrides,
  };
}

export async function token(db: DataSource, kind: PrincipalKind, officialId: string | null = null): Promise<{ principalId: string; token: string }> {
  const { token: value, hash } = newToken();
  const principalId = randomUUID();
  await db.getRepository(PrincipalEntity).insert({ id: principalId, kind, name: `${kind}-${next()}`, officialId, tokenHash: hash });
  return { principalId, token: value };
}

export async function unit(db: DataSource, kind: UnitKind, provinceCode = '51', districtCode: string | null = '522') {
  const code = `${kind}-${provinceCode}-${districtCode ?? 'p'}-${next()}`;
  await db.getRepository(UnitEntity).insert({ code, name: `Đơn vị ${code}`, kind, provinceCode, districtCode });
  return code;
}

/** An official of a new unit with grants on the given steps, and a token. */
export async function official(
  db: DataSource,
  kind: UnitKind,
  opts: { provinceCode?: string; districtCode?: string | null; grants?: [string, string][]; maySign?: boolean } = {},
) {
  const provinceLevel = kind === 'provincial-pc' || kind === 'dolisa';
  const unitCode = await unit(db, kind, opts.provinceCode ?? '51', opts.districtCode !== undefined ? opts.districtCode : provinceLevel ? null : '522');
  const id = randomUUID();
  await db.getRepository(OfficialEntity).insert({ id, fullName: `Cán bộ ${next()}`, idNumber: idNumber(), phone: '0905123456', email: null, unitCode, active: true, maySign: opts.maySign ?? true });
  for (const [procedureCode, step] of opts.grants ?? []) {
    await db.getRepository(GrantEntity).insert({ officialId: id, procedureCode, step });
  }
  return { officialId: id, unitCode, ...(await token(db, 'official', id)) };
}

const STEP_KIND: Record<string, UnitKind> = {
  'insurance-confirmation': 'social-insurance',
  'district-appraisal': 'district-pc',
  'provincial-approval': 'provincial-pc',
  'bank-lending': 'social-policy-bank',
};

/** One granted official for every step of both procedures in Quảng Ngãi / district 522, and the integration. */
export async function staff(db: DataSource) {
  const both = (step: string): [string, string][] => [['unpaid-leave-support', step], ['wage-loan-support', step]];
  const entries = await Promise.all(
    Object.entries(STEP_KIND).map(async ([step, kind]) => [step, await official(db, kind, { grants: both(step) })] as const),
  );
  return {
    integration: await token(db, 'integration'),
    admin: await token(db, 'admin'),
    byStep: Object.fromEntries(entries) as Record<string, Awaited<ReturnType<typeof official>>>,
  };
}

export const bearer = (t: { token: string }) => ({ Authorization: `Bearer ${t.token}` });
