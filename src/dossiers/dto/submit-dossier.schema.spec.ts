import fc from 'fast-check';
import { CompiledBodyPipe, compileSchema } from '../../common/compiled-body.pipe';
import { PROVINCE_CODES } from '../../common/administrative-units';
import { textProblem } from '../../common/text';
import { validationPipe } from '../../common/validation';
import { procedureCodes } from '../../workflow/definitions';
import { SubmitDossierDto } from './submit-dossier.dto';
import { SUBMIT_DOSSIER_SCHEMA, submitDossierDto } from './submit-dossier.schema';

const compiled = compileSchema(SUBMIT_DOSSIER_SCHEMA);
const pipe = new CompiledBodyPipe(SubmitDossierDto, SUBMIT_DOSSIER_SCHEMA, submitDossierDto);
/** The route before: the global ValidationPipe with the DTO as the parameter's type. */
const global = validationPipe();

type Outcome = { accepted: true; value: unknown } | { accepted: false; error: unknown };
const outcome = (p: Promise<unknown>): Promise<Outcome> =>
  p.then(
    (value) => ({ accepted: true, value }),
    (error: unknown) => ({ accepted: false, error }),
  );
// Each pipe gets its own copy: the ValidationPipe strips prototype keys in place.
const before = (b: unknown) => outcome(Promise.resolve().then(() => global.transform(structuredClone(b), { type: 'body', metatype: SubmitDossierDto })));
const after = (b: unknown) => outcome(Promise.resolve().then(() => pipe.transform(structuredClone(b), { type: 'body', metatype: Object })));

/** Class and key order at every level, which toStrictEqual does not compare (the answer's JSON follows them). */
function layout(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(layout);
  if (v === null || typeof v !== 'object') return typeof v;
  return [v.constructor.name, ...Object.entries(v).map(([k, x]) => [k, layout(x)])];
}

/** The route's answer is the same as before: the same value, of the same classes, or the same refusal (code, errors[]). */
async function expectSameOutcome(b: unknown): Promise<Outcome> {
  const [was, is] = await Promise.all([before(b), after(b)]);
  expect(is.accepted).toBe(was.accepted);
  if (was.accepted && is.accepted) {
    expect(is.value).toStrictEqual(was.value);
    expect(layout(is.value)).toEqual(layout(was.value));
  } else {
    expect(is).toEqual(was);
  }
  return was;
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];
/** A tax code with the right check digit, or (`wrong`) any other. */
const taxCode = (wrong: boolean) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
    .filter((d) => 10 - (d.reduce((a, x, i) => a + x * TAX_WEIGHTS[i], 0) % 11) < 10)
    .map((d) => {
      const check = 10 - (d.reduce((a, x, i) => a + x * TAX_WEIGHTS[i], 0) % 11);
      return `${d.join('')}${wrong ? (check + 1) % 10 : check}`;
    });
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const provinces = [...PROVINCE_CODES];
/** A CCCD: province of birth, century/gender digit, 8 digits. */
const cccd = fc.tuple(fc.constantFrom(...provinces), fc.integer({ min: 0, max: 3 }), digits(8)).map(([p, c, rest]) => `0${p}${c}${rest}`);

const wrongType = fc.constantFrom<unknown>(null, 0, 1.5, true, [], {}, ['x'], 'x');
/** Mostly a valid value, sometimes one at or past a limit or of another kind. */
const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 60, arbitrary: valid }, { weight: 1, arbitrary: other }, { weight: 1, arbitrary: wrongType });
const names = ['Công ty TNHH May Quảng Ngãi', 'Nguyễn Thị Ánh', 'Trần Văn Đức', 'Nguyễn Thị Ánh'.normalize('NFD'), 'Lê Hoàng Yến 🌸'];
/** Required text up to `max` (characters as class-validator counts them: a surrogate pair is one, so is a letter with an emoji selector). */
const text = (max: number) =>
  mostly(
    fc.oneof(
      fc.string({ minLength: 1, maxLength: 8 }).filter((v) => textProblem(v, 'line') === null),
      fc.constantFrom(...names, 'a'.repeat(max), '𝒳'.repeat(max), '☺\uFE0F'.repeat(max)),
    ),
    fc.constantFrom('', ' ', '\u200b\u200b', '\u0007\u001b[2J', 'a\nb', 'a'.repeat(max + 1), '𝒳'.repeat(max + 1)),
  );
const optionalText = text;
const oneOf = (values: string[], wrong: string[]) => mostly(fc.constantFrom(...values), fc.constantFrom(...wrong));
const int = (min: number, max: number) => mostly(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 1.5, String(min), -0));

const applicant = mostly(
  fc.record(
    {
      name: text(300),
      taxCode: mostly(fc.oneof(taxCode(false), taxCode(false).map((t) => `${t}-001`)), fc.oneof(taxCode(true), fc.constantFrom('123456789', '43001234580', '4300123458-1', ''))),
      address: text(500),
      provinceCode: oneOf(['51', '92', '01'], ['99', '5', '051', '']),
      districtCode: oneOf(['522', '916', '001'], ['52', '5222', 'abc']),
      phone: oneOf(['02553822123', '0905123456', '+84905123456'], ['0905 123 456', '012345678', '0105123456']),
      email: oneOf(['nhansu@maysquangngai.vn', 'a.b+c@x.com', `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`], ['x', 'a@', 'tên@ví-dụ', `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`]),
    },
    { requiredKeys: ['name', 'taxCode', 'address', 'provinceCode', 'districtCode'] },
  ),
  fc.constant([]),
);
const signature = mostly(
  fc.record({
    signer: oneOf(['employer'], ['bank', 'Employer']),
    certificateSerial: mostly(fc.constantFrom('5402A1B2C3', 'ab', 'F'.repeat(64)), fc.constantFrom('', 'xyz', 'F'.repeat(65))),
    signedAt: mostly(fc.constantFrom('2020-05-12T09:00:00+07:00', '2020-05-12T09:00Z', '2020-05-12T09:00:00.123456Z'), fc.constantFrom('2020-02-30T09:00:00Z', '2020-05-12', '2020-05-12T09:00:00')),
  }),
  fc.constant([]),
);
const worker = mostly(
  fc.record(
    {
      fullName: text(200),
      idNumber: mostly(fc.oneof(cccd, digits(9)), fc.oneof(digits(11), digits(13), cccd.map((c) => `${c.slice(0, 3)}4${c.slice(4)}`), fc.constantFrom('003190000123', '05119000012a'))),
      socialInsuranceCode: mostly(digits(10), fc.oneof(digits(9), digits(11))),
      from: oneOf(['2020-04-01', '2020-02-29'], ['2021-02-29', '2020-4-01', '2020-04-01T00:00:00Z']),
      to: oneOf(['2020-06-30', '2020-03-31'], ['2020-06-31', '30/06/2020']),
      department: optionalText(200),
      contractType: optionalText(100),
      wage: int(0, 1_000_000_000),
      amount: int(0, 1_000_000_000),
      bankAccount: oneOf(['123456', '0'.repeat(20)], ['12345', '1'.repeat(21), '12 34 56']),
    },
    { requiredKeys: ['fullName', 'idNumber', 'socialInsuranceCode', 'from', 'to'] },
  ),
  fc.constant([]),
);
const loan = mostly(fc.record({ amount: int(1, 1_000_000_000_000), months: int(1, 3), bankBranch: text(200) }), fc.constant([]));
const attachment = mostly(
  fc.record({ name: text(255), sha256: mostly(fc.constantFrom('a'.repeat(64), '0123456789abcdef'.repeat(4)), fc.constantFrom('A'.repeat(64), 'a'.repeat(63))) }),
  fc.constant([]),
);
const workers = mostly(
  fc.oneof(
    { weight: 6, arbitrary: fc.array(worker, { minLength: 1, maxLength: 4 }) },
    // The same worker twice: not the decorators' business (the service refuses it, contentProblems).
    { weight: 1, arbitrary: worker.map((w) => [w, w]) },
  ),
  fc.constant([]),
);

const body = fc
  .record(
    {
      portalCode: oneOf(['000.00.51.H55-200512-0001', 'A', 'x'.repeat(64)], ['', 'x'.repeat(65), 'có dấu', 'a b']),
      procedureCode: oneOf(procedureCodes(), ['fly', '']),
      submittedAt: oneOf(['2020-05-12T09:30:00+07:00', '2020-05-12T02:30Z'], ['2020-05-12', '2020-05-12T24:00:00Z']),
      applicant,
      signature,
      workers,
      loan,
      attachments: mostly(fc.array(attachment, { maxLength: 2 }), fc.array(attachment, { minLength: 101, maxLength: 101 })),
    },
    { requiredKeys: ['portalCode', 'procedureCode', 'submittedAt', 'applicant', 'workers'] },
  )
  // Now and then a field the DTO does not have, at the top or in a nested object, or a required one missing.
  .chain((b) => {
    const nested = (key: 'applicant' | 'signature' | 'loan') =>
      b[key] && typeof b[key] === 'object' && !Array.isArray(b[key]) ? { ...b, [key]: { ...b[key], extra: 1 } } : { ...b, unknownField: 'x' };
    const firstWorker = Array.isArray(b.workers) && typeof b.workers[0] === 'object' && b.workers[0] ? [{ ...b.workers[0], note: 'x' }, ...b.workers.slice(1)] : [{}];
    return fc.oneof(
      { weight: 14, arbitrary: fc.constant<Record<string, unknown>>(b) },
      { weight: 1, arbitrary: fc.constant({ ...b, unknownField: true }) },
      { weight: 1, arbitrary: fc.constantFrom(nested('applicant'), nested('signature'), nested('loan')) },
      { weight: 1, arbitrary: fc.constant({ ...b, workers: firstWorker }) },
      { weight: 1, arbitrary: fc.constantFrom('portalCode', 'applicant', 'workers').map((k) => Object.fromEntries(Object.entries(b).filter(([key]) => key !== k))) },
    );
  });

describe('the compiled validator of a submission', () => {
  it('accepts only bodies the DTO\'s decorators accept, and the route answers every body as before (generated bodies, valid and not)', async () => {
    let fast = 0;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const was = await expectSameOutcome(b);
        // The fast path never lets through what the decorators refuse.
        if (compiled(b)) {
          expect(was.accepted).toBe(true);
          fast += 1;
        }
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: a fair share of generated bodies take the fast path.
    expect(fast).toBeGreaterThan(200);
  });

  const valid = {
    portalCode: '000.00.51.H55-200512-0001',
    procedureCode: 'unpaid-leave-support',
    submittedAt: '2020-05-12T09:30:00+07:00',
    applicant: { name: 'Công ty TNHH May Quảng Ngãi', taxCode: '4300123458', address: '12 Quang Trung', provinceCode: '51', districtCode: '522' },
    workers: [{ fullName: 'Nguyễn Thị Ánh', idNumber: '051190000123', socialInsuranceCode: '5112345678', from: '2020-04-01', to: '2020-06-30' }],
  };
  const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
  const workerN = (i: number) => ({ ...valid.workers[0], idNumber: `0511${String(i).padStart(8, '0')}` });

  it.each([
    ['a minimal body', valid],
    ['optional parts null', { ...valid, signature: null, loan: null, attachments: null, applicant: { ...valid.applicant, phone: null, email: null } }],
    ['keys in another order than declared', { ...reversed(valid), applicant: reversed({ ...valid.applicant, email: 'a@b.vn' }) }],
    ['a branch tax code', { ...valid, applicant: { ...valid.applicant, taxCode: '4300123458-001' } }],
    ['a 9-digit CMND', { ...valid, workers: [{ ...valid.workers[0], idNumber: '123456789' }] }],
    ['5,000 workers', { ...valid, workers: Array.from({ length: 5000 }, (_, i) => workerN(i)) }],
    ['a duplicated worker (the service refuses it, not the pipe)', { ...valid, workers: [valid.workers[0], valid.workers[0]] }],
  ])('takes the fast path with %s, to the same DTO', async (_, b) => {
    expect(compiled(b)).toBe(true);
    await expectSameOutcome(b);
  });

  it.each([
    ['5,001 workers', { ...valid, workers: Array.from({ length: 5001 }, (_, i) => workerN(i)) }],
    ['no worker', { ...valid, workers: [] }],
    ['a CCCD with an unassigned province', { ...valid, workers: [{ ...valid.workers[0], idNumber: '003190000123' }] }],
    ['a CCCD of 11 digits', { ...valid, workers: [{ ...valid.workers[0], idNumber: '05119000012' }] }],
    ['a tax code with a wrong check digit', { ...valid, applicant: { ...valid.applicant, taxCode: '4300123459' } }],
    ['an unknown field', { ...valid, workers: [{ ...valid.workers[0], nationality: 'VN' }] }],
    ['a wage as a string', { ...valid, workers: [{ ...valid.workers[0], wage: '3920000' }] }],
    ['a null signer', { ...valid, signature: { signer: null, certificateSerial: 'ab', signedAt: '2020-05-12T09:00Z' } }],
    ['a worker that is an empty array (the decorators let it through)', { ...valid, workers: [[]] }],
    ['a constructor key (the ValidationPipe strips it)', { ...valid, applicant: { ...valid.applicant, constructor: 'x' } }],
    ['an array as the body', [valid]],
    ['a scalar as the body', 'x'],
  ])('leaves %s to the ValidationPipe, answered as before', async (_, b) => {
    expect(compiled(b)).toBe(false);
    await expectSameOutcome(b);
  });
});
