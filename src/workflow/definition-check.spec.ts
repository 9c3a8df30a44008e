import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { checkDefinition, pathOf, readDefinitionText } from './definition-check';
import { DEFINITION_SCHEMA } from './definition-schema';
import { SHIPPED_DOCUMENTS } from './definitions';
import FISHING_SUPPORT from '../../examples/procedures/fishing-boat-support@1.json';

const SCHEMA_FILE = join(__dirname, '../../docs/procedure-definition.schema.json');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- spoiling a document reaches into any field
type Doc = Record<string, any>;
const clone = (): Doc => structuredClone(FISHING_SUPPORT) as Doc;
const first = (doc: unknown, kinds: string[] = []) => {
  const c = checkDefinition(doc, kinds);
  return c.ok ? null : { code: c.problems[0].code, path: c.problems[0].path };
};

describe('the published JSON Schema', () => {
  it('is the one docs/ carries (UPDATE_DOCS=1 rewrites it)', () => {
    const text = `${JSON.stringify(DEFINITION_SCHEMA, null, 2)}\n`;
    if (process.env.UPDATE_DOCS === '1') writeFileSync(SCHEMA_FILE, text);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(text);
  });
});

describe('checkDefinition', () => {
  it.each(SHIPPED_DOCUMENTS.map((d) => [`${(d as Doc).code}@${(d as Doc).version}`, d]))('takes the shipped %s', (_, doc) => {
    expect(first(doc)).toBeNull();
  });

  it('takes a procedure the code has never seen', () => {
    expect(first(FISHING_SUPPORT)).toBeNull();
  });

  const bad: [string, (d: Doc) => unknown, string, string][] = [
    ['a missing field', (d) => delete d.name, 'PROCEDURE_DEFINITION_INVALID', 'name'],
    ['a missing step field', (d) => delete d.steps[2].label, 'PROCEDURE_DEFINITION_INVALID', 'steps[2].label'],
    ['an unknown field', (d) => (d.steps[1].colour = 'red'), 'PROCEDURE_DEFINITION_INVALID', 'steps[1].colour'],
    ['a wrong type', (d) => (d.version = '1'), 'PROCEDURE_DEFINITION_INVALID', 'version'],
    ['an action not kebab-case', (d) => (d.steps[1].advance = 'certifyBoat'), 'PROCEDURE_DEFINITION_INVALID', 'steps[1].advance'],
    ['an unknown rule kind', (d) => (d.eligibility = { kind: 'lottery' }), 'PROCEDURE_ELIGIBILITY_UNKNOWN', 'eligibility.kind'],
    ['a known rule kind without its parameters', (d) => (d.eligibility = { kind: 'wage-loan' }), 'PROCEDURE_DEFINITION_INVALID', 'eligibility.period'],
    ['an actor nobody is', (d) => (d.steps[2].actor = 'harbour-master'), 'PROCEDURE_ACTOR_UNKNOWN', 'steps[2].actor'],
    ['an undeclared kind', (d) => (d.unitKinds = []), 'PROCEDURE_ACTOR_UNKNOWN', 'steps[1].actor'],
    ['a first step not the applicant\'s', (d) => (d.steps[0].actor = 'provincial-pc'), 'PROCEDURE_ACTOR_UNKNOWN', 'steps[0].actor'],
    ['two steps with one key', (d) => (d.steps[2].key = 'boat-inspection'), 'PROCEDURE_STEP_INVALID', 'steps[2].key'],
    ['a time limit of zero', (d) => (d.steps[1].timeLimitWorkingDays = 0), 'PROCEDURE_STEP_INVALID', 'steps[1].timeLimitWorkingDays'],
    ['a working step without a time limit', (d) => (d.steps[2].timeLimitWorkingDays = null), 'PROCEDURE_STEP_INVALID', 'steps[2].timeLimitWorkingDays'],
    ['steps out of order', (d) => (d.steps[1].order = 3), 'PROCEDURE_STEP_INVALID', 'steps[1].order'],
    ['an engine action as advance', (d) => (d.steps[1].advance = 'withdraw'), 'PROCEDURE_STEP_INVALID', 'steps[1].advance'],
    ['a step named like an engine state', (d) => (d.steps[2].key = 'rejected'), 'PROCEDURE_STEP_INVALID', 'steps[2].key'],
    ['no grounds', (d) => (d.rejectGrounds = []), 'PROCEDURE_DEFINITION_INVALID', 'rejectGrounds'],
    ['a ground twice', (d) => d.rejectGrounds.push(d.rejectGrounds[0]), 'PROCEDURE_DEFINITION_INVALID', 'rejectGrounds[2].key'],
    ['no working step: the outcome unreachable', (d) => d.steps.splice(1), 'PROCEDURE_DEFINITION_INVALID', 'steps'],
    ['content not a JSON Schema', (d) => (d.content = { type: 'thing' }), 'PROCEDURE_CONTENT_SCHEMA_INVALID', 'content.type'],
    ['content with an unknown keyword', (d) => (d.content = { type: 'object', colour: 'red' }), 'PROCEDURE_CONTENT_SCHEMA_INVALID', 'content'],
    ['an intake before the text takes effect', (d) => (d.intake.from = '2023-12-31'), 'PROCEDURE_DEFINITION_INVALID', 'intake.from'],
  ];
  it.each(bad)('refuses %s, naming the place', (_, spoil, code, path) => {
    const doc = clone();
    spoil(doc);
    expect(first(doc)).toEqual({ code, path });
  });

  it('takes a kind earlier deployments registered', () => {
    const doc = clone();
    doc.unitKinds = [];
    expect(first(doc, ['fisheries-office'])).toBeNull();
  });
});

describe('readDefinitionText', () => {
  it('reads JSON and YAML alike', () => {
    const json = readDefinitionText(Buffer.from(JSON.stringify(FISHING_SUPPORT)));
    const yaml = readDefinitionText(Buffer.from(stringify(FISHING_SUPPORT)));
    expect(json).toEqual({ ok: true, document: FISHING_SUPPORT });
    expect(yaml).toEqual({ ok: true, document: FISHING_SUPPORT });
  });

  it.each([
    ['not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
    ['broken JSON', Buffer.from('{ "code": ')],
    ['YAML with a key twice', Buffer.from('code: a\ncode: b\n')],
    ['a bare word', Buffer.from('hello')],
  ])('refuses %s', (_, bytes) => {
    const r = readDefinitionText(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].code).toBe('PROCEDURE_DEFINITION_UNREADABLE');
  });

  it('writes paths as a reader does', () => {
    expect(pathOf('/steps/2/actor')).toBe('steps[2].actor');
    expect(pathOf('/content', 'boatNumber')).toBe('content.boatNumber');
  });
});
