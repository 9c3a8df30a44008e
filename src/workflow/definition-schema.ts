// Pure: the JSON Schema of a procedure version's document (docs/procedure-definition.schema.json is written from it).

const KEY = '^[a-z][a-z0-9]*(-[a-z0-9]+)*$';
const DAY = '^\\d{4}-\\d{2}-\\d{2}$';
const text = (maxLength = 2000) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' });
const key = { type: 'string', pattern: KEY, maxLength: 64 };
const day = { type: 'string', pattern: DAY };
const range = (until: object) => ({ type: 'object', additionalProperties: false, required: ['from', 'until'], properties: { from: day, until } });
const amount = { type: 'integer', minimum: 0 };

/** The rule kinds the engine knows, each with its parameters (src/workflow/eligibility.ts computes the findings). */
const ELIGIBILITY = [
  {
    title: 'unpaid-leave-monthly: a monthly amount for each month of leave, up to a number of months',
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'period', 'startWindow', 'minMonths', 'monthlyAmount', 'maxMonths'],
    properties: {
      kind: { const: 'unpaid-leave-monthly' },
      period: range(day),
      startWindow: range(day),
      minMonths: { type: 'integer', minimum: 1 },
      monthlyAmount: amount,
      maxMonths: { type: 'integer', minimum: 1 },
    },
  },
  {
    title: 'unpaid-leave-one-off: a one-off amount by the length of the leave',
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'period', 'startWindow', 'minDays', 'fullAmount', 'partialAmount'],
    properties: {
      kind: { const: 'unpaid-leave-one-off' },
      period: range(day),
      startWindow: range(day),
      minDays: { type: 'integer', minimum: 1 },
      fullAmount: amount,
      partialAmount: amount,
      extraSupport: {
        description: 'paid on top: to a pregnant worker, and per child under 6 the worker raises (Decision 23/2021/QĐ-TTg art. 14 cl. 2)',
        type: 'object',
        additionalProperties: false,
        required: ['pregnant', 'perChildUnderSix'],
        properties: { pregnant: amount, perChildUnderSix: amount },
      },
    },
  },
  {
    title: 'wage-loan: a share of the regional minimum wage per worker and month of stoppage',
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'period', 'shareOfMinimumWage', 'maxMonths', 'minimumWages'],
    properties: {
      kind: { const: 'wage-loan' },
      period: range(day),
      shareOfMinimumWage: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      maxMonths: { type: 'integer', minimum: 1 },
      minimumWages: { type: 'object', additionalProperties: false, required: ['1', '2', '3', '4'], properties: { 1: amount, 2: amount, 3: amount, 4: amount } },
      minDays: { description: 'the shortest stoppage lent for, in consecutive days inside the period', type: 'integer', minimum: 1 },
    },
  },
];

export const ELIGIBILITY_KINDS: string[] = ELIGIBILITY.map((e) => e.properties.kind.const);

export const DEFINITION_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://dvc-workflow/procedure-definition.schema.json',
  title: 'A procedure version',
  type: 'object',
  additionalProperties: false,
  required: ['code', 'version', 'name', 'legalBasis', 'effectiveFrom', 'intake', 'unitKinds', 'steps', 'outcome', 'rejectGrounds', 'eligibility', 'documents', 'content'],
  properties: {
    $schema: { type: 'string' },
    code: key,
    version: { type: 'integer', minimum: 1 },
    name: text(),
    legalBasis: text(),
    effectiveFrom: day,
    intake: range({ anyOf: [day, { type: 'null' }] }),
    unitKinds: {
      description: 'Unit kinds the procedure needs beyond the registered ones; deploying registers them for units import.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'level'],
        properties: { code: key, name: text(200), level: { enum: ['province', 'district'] } },
      },
    },
    steps: {
      description: 'In order; the first is the applicant\'s submission (actor "applicant" or "employer", advance "submit", no time limit).',
      type: 'array',
      minItems: 2,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'order', 'actor', 'label', 'timeLimitWorkingDays', 'advance', 'maySupplement'],
        properties: {
          key,
          order: { type: 'integer', minimum: 1 },
          actor: key,
          label: text(200),
          labelEn: text(200),
          timeLimitWorkingDays: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
          advance: key,
          advanceLabel: text(200),
          maySupplement: { type: 'boolean' },
        },
      },
    },
    outcome: { enum: ['approved', 'disbursed'] },
    rejectGrounds: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'label', 'legalBasis'],
        properties: { key, label: text(), labelEn: text(), legalBasis: text(), afterSupplementOnly: { type: 'boolean' } },
      },
    },
    eligibility: {
      description: 'One of the rule kinds the engine knows, with its parameters, or null (no findings).',
      type: ['object', 'null'],
      required: ['kind'],
      properties: { kind: { enum: ELIGIBILITY.map((e) => e.properties.kind.const) } },
      allOf: ELIGIBILITY.map((rule) => ({ if: { type: 'object', required: ['kind'], properties: { kind: { const: rule.properties.kind.const } } }, then: rule })),
    },
    documents: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['key', 'name', 'required'], properties: { key, name: text(500), required: { type: 'boolean' } } },
    },
    content: { description: 'A JSON Schema (draft-07) of the procedure-specific part of a dossier, sent as `content`.', type: 'object' },
  },
} as const;
