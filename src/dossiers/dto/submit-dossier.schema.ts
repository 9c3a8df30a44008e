// The JSON schema of SubmitDossierDto, for the compiled validator of the intake route. It accepts
// only what the DTO's class-validator decorators accept (submit-dossier.schema.spec.ts checks it
// on generated bodies); keep the two in step. Optional fields take null, as @IsOptional does;
// `format` names a decorator's check (STRING_CHECKS in common/validators.ts).
import { addBodyFormat, oneOf, optional } from '../../common/compiled-body.pipe';
import { procedureCodes } from '../../workflow/definitions';

// A code of a registered version, deployed ones included (asked at each call).
addBodyFormat('isProcedureCode', (code) => procedureCodes().includes(code));
import { ApplicantDto, AttachmentDto, LoanDto, SignatureDto, SubmitDossierDto, WorkerDto } from './submit-dossier.dto';

/** @IsString() @IsText() @MaxLength(max). */
const text = (max: number) => ({ type: 'string', format: 'isText', maxLength: max });
const formatted = (format: string) => ({ type: 'string', format });
const integer = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum });
const object = (properties: Record<string, object>, optionalKeys: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: Object.keys(properties).filter((k) => !optionalKeys.includes(k)),
  properties,
});

const applicant = object(
  {
    name: text(300),
    taxCode: formatted('isTaxCode'),
    address: text(500),
    provinceCode: formatted('isProvinceCode'),
    districtCode: formatted('isDistrictCode'),
    phone: optional(formatted('isVnPhone')),
    email: optional({ type: 'string', format: 'isEmail', maxLength: 254 }),
  },
  ['phone', 'email'],
);

const signature = object({
  signer: oneOf(['employer']),
  certificateSerial: { type: 'string', pattern: '^[0-9A-Fa-f]{1,64}$' },
  signedAt: formatted('isInstant'),
});

const worker = object(
  {
    fullName: text(200),
    idNumber: formatted('isIdNumber'),
    socialInsuranceCode: formatted('isSocialInsuranceCode'),
    from: formatted('isPlausibleDate'),
    to: formatted('isPlausibleDate'),
    department: optional(text(200)),
    contractType: optional(text(100)),
    wage: optional(integer(0, 1_000_000_000)),
    amount: optional(integer(0, 1_000_000_000)),
    pregnant: optional({ type: 'boolean' }),
    childrenUnderSix: optional(integer(0, 20)),
    bankAccount: optional({ type: 'string', pattern: '^[0-9]{6,20}$' }),
  },
  ['department', 'contractType', 'wage', 'amount', 'pregnant', 'childrenUnderSix', 'bankAccount'],
);

const loan = object({ amount: integer(1, 1_000_000_000_000), months: integer(1, 3), bankBranch: text(200) });

const attachment = object(
  { name: text(255), sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' }, document: optional({ type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 64 }) },
  ['document'],
);

export const SUBMIT_DOSSIER_SCHEMA = object(
  {
    portalCode: formatted('isPortalCode'),
    procedureCode: formatted('isProcedureCode'),
    submittedAt: formatted('isInstant'),
    applicant,
    signature: { ...signature, type: ['object', 'null'] },
    workers: { type: 'array', minItems: 1, maxItems: 5000, items: worker },
    loan: { ...loan, type: ['object', 'null'] },
    attachments: optional({ type: 'array', maxItems: 100, items: attachment }),
    // The procedure-specific part, checked against its version's schema once the version is known.
    content: { type: 'object' },
  },
  ['signature', 'workers', 'loan', 'attachments', 'content'],
);

/**
 * The DTO the ValidationPipe makes of a body the schema accepts (plainToInstance): each object an
 * instance of its class, with the class's fields first in the order they are declared. The same
 * value, and the same JSON, at a fraction of class-transformer's cost.
 */
export function submitDossierDto(body: SubmitDossierDto): SubmitDossierDto {
  const of = <C extends object>(cls: new () => C, value: object): C => Object.assign(new cls(), value);
  return Object.assign(new SubmitDossierDto(), body, {
    applicant: of(ApplicantDto, body.applicant),
    ...(body.signature && { signature: of(SignatureDto, body.signature) }),
    ...(body.workers && { workers: body.workers.map((w) => of(WorkerDto, w)) }),
    ...(body.loan && { loan: of(LoanDto, body.loan) }),
    ...(body.attachments && { attachments: body.attachments.map((a) => of(AttachmentDto, a)) }),
  });
}
