import type { Response } from 'supertest';
import { GrantEntity } from '../../src/grants/grant.entity';
import { PrincipalEntity } from '../../src/auth/principal.entity';
import { findProcedure, type Procedure } from '../../src/workflow/definitions';
import type { UnitKind } from '../../src/common/unit-kinds';
import type { ActionName, StepDefinition } from '../../src/workflow/types';
import { bearer, official, staff, submission, token } from '../support/factories';
import { eventually, expectProblem, refusedSoon } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// The access matrix, generated from the procedure definitions: for every working step of both
// procedures (and awaiting-supplement) × every action × every kind of principal, the exact answer
// (status, code, reasons), and the caller's availableActions equal to the actions it got 200 for.
//
// The expectations restate the access rules and docs/api.md here, independently of src/grants/access.ts:
// an official sees only dossiers of its jurisdiction (403 DOSSIER_OUT_OF_JURISDICTION, before
// anything else); then an action the state does not accept is 409; then the principal must be
// the integration (submit, supplement, withdraw) or an official of the step's unit kind with a
// grant for the procedure's step (403 DOSSIER_ACTION_FORBIDDEN with the reasons); then the rules
// (400/422).

const PROCEDURES: Procedure[] = ['unpaid-leave-support', 'wage-loan-support'].map((code) => findProcedure(code, 1)!);
const AWAITING = 'awaiting-supplement';
const INTEGRATION_ACTIONS: ActionName[] = ['submit', 'supplement', 'withdraw'];
/** The actions of POST /dossiers/{id}/actions (submit is POST /dossiers). */
const ACTIONS: ActionName[] = ['accept', 'confirm', 'appraise', 'approve', 'disburse', 'reject', 'request-supplement', 'supplement', 'withdraw'];
/** Where this file's dossiers are, unless said otherwise: Quảng Ngãi, TP Quảng Ngãi. */
const HOME = { provinceCode: '51', districtCode: '522' };

const VALID: Record<string, object> = {
  confirm: {}, appraise: {}, approve: {},
  reject: { ground: 'ineligible', reason: 'không đủ điều kiện' },
  'request-supplement': { reason: 'thiếu hồ sơ', channel: 'online' },
  disburse: { data: { contractNumber: 'HD-01', amount: 8500000 } },
  supplement: { data: { attachments: [{ name: 'bo-sung.pdf', sha256: 'b'.repeat(64) }] } },
  withdraw: { comment: 'rút hồ sơ' },
};
interface Answer { status: number; code?: string }
/** A body breaking one business rule, and the answer once the principal passed every other check. */
const RULE_BREAKING: Partial<Record<ActionName, { body: object; answer: Answer }>> = {
  reject: { body: { ground: 'ineligible', reason: '   ' }, answer: { status: 400, code: 'DOSSIER_REASON_REQUIRED' } },
  'request-supplement': { body: { reason: 'nộp bản giấy', channel: 'paper' }, answer: { status: 422, code: 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN' } },
  disburse: { body: { data: { contractNumber: 'HD-01' } }, answer: { status: 400, code: 'DOSSIER_DATA_REQUIRED' } },
  supplement: { body: { data: { workers: [{ fullName: 'Lê Thị Cúc', idNumber: 'x' }] } }, answer: { status: 400, code: 'VALIDATION_FAILED' } },
};

// ---------------------------------------------------------------- the states and what they accept

const workingSteps = (p: Procedure) => p.steps.filter((s) => s.actor !== 'employer');
/** The step that asks for the supplement in this file's awaiting-supplement dossiers. */
const asker = (p: Procedure) => workingSteps(p).find((s) => s.maySupplement)!;
const statesOf = (p: Procedure) => [...workingSteps(p).map((s) => s.key), AWAITING];
/** The step whose unit the principals of a state are built around. */
const stepFor = (p: Procedure, state: string): StepDefinition => (state === AWAITING ? asker(p) : p.steps.find((s) => s.key === state)!);

function accepts(p: Procedure, state: string): ActionName[] {
  if (state === AWAITING) return ['supplement', 'withdraw'];
  const step = stepFor(p, state);
  // Acceptance (tiếp nhận) is the first working step's, until its unit takes any other action.
  const accept = step === workingSteps(p)[0] ? (['accept'] as const) : [];
  return [...accept, step.advance!, 'reject', ...(step.maySupplement ? (['request-supplement'] as const) : []), 'withdraw'];
}

function targetOf(p: Procedure, state: string, action: ActionName): string {
  if (action === 'accept') return state;
  if (action === 'withdraw') return 'withdrawn';
  if (action === 'reject') return 'rejected';
  if (action === 'request-supplement') return AWAITING;
  if (action === 'supplement') return asker(p).key;
  const steps = workingSteps(p);
  return steps[steps.findIndex((s) => s.key === state) + 1]?.key ?? p.outcome;
}

// ---------------------------------------------------------------- the principals

interface OfficialSpec { kind: UnitKind; provinceCode: string; districtCode: string | null; grants: [string, string][] }
interface PrincipalSpec { name: string; official: OfficialSpec | null }

const provinceLevel = (kind: UnitKind) => kind === 'provincial-pc' || kind === 'dolisa';
const unitAt = (kind: UnitKind, provinceCode: string, districtCode: string) => ({ kind, provinceCode, districtCode: provinceLevel(kind) ? null : districtCode });

/** Every kind of principal for the unit holding `step` of procedure `p`. */
function principalsFor(p: Procedure, step: StepDefinition): PrincipalSpec[] {
  const kind = step.actor as UnitKind;
  const grant: [string, string][] = [[p.code, step.key]];
  const steps = workingSteps(p);
  const otherStepKind = steps[(steps.indexOf(step) + 1) % steps.length].actor as UnitKind;
  const other = PROCEDURES.find((o) => o.code !== p.code && o.steps.some((s) => s.key === step.key));
  const specs: [string, OfficialSpec | null][] = [
    ['admin', null],
    ['integration', null],
    ['granted', { ...unitAt(kind, '51', '522'), grants: grant }],
    ['no-grant', { ...unitAt(kind, '51', '522'), grants: [] }],
    ...(other ? [['grant-for-other-procedure', { ...unitAt(kind, '51', '522'), grants: [[other.code, step.key]] }] as [string, OfficialSpec]] : []),
    ['other-province', { ...unitAt(kind, '92', '916'), grants: grant }],
    ...(provinceLevel(kind) ? [] : [['other-district', { ...unitAt(kind, '51', '524'), grants: grant }] as [string, OfficialSpec]]),
    ['other-province-no-grant', { ...unitAt(kind, '92', '916'), grants: [] }],
    [`wrong-kind-${otherStepKind}`, { ...unitAt(otherStepKind, '51', '522'), grants: grant }],
    ['wrong-kind-dolisa', { ...unitAt('dolisa', '51', '522'), grants: grant }],
  ];
  return specs.map(([name, o]) => ({ name, official: o }));
}

const inJurisdiction = (o: OfficialSpec, d: { provinceCode: string; districtCode: string }) =>
  o.provinceCode === d.provinceCode && (o.districtCode === null || o.districtCode === d.districtCode);
const maySee = (who: PrincipalSpec, d: { provinceCode: string; districtCode: string }) => !who.official || inJurisdiction(who.official, d);

// ---------------------------------------------------------------- the expected answer of one cell

/** Kinds that hold another's step: the Department of Labour the provincial People's Committee's (Quảng Ngãi 2107/UBND-HCC 4a). */
const MAY_ALSO_HOLD: Partial<Record<string, string[]>> = { 'provincial-pc': ['dolisa'] };

type Reason = 'integration-only' | 'officials-only' | 'unit-kind' | 'grant' | 'jurisdiction';
interface Cell { cell: string; status: number; code?: string; reasons?: Reason[]; availableActions?: string[]; state?: string }

function expectedReasons(who: PrincipalSpec, p: Procedure, state: string, action: ActionName): Reason[] {
  if (INTEGRATION_ACTIONS.includes(action)) return who.name === 'integration' ? [] : ['integration-only'];
  if (!who.official) return ['officials-only'];
  const step = stepFor(p, state);
  const reasons: Reason[] = [];
  if (who.official.kind !== step.actor && !(MAY_ALSO_HOLD[step.actor] ?? []).includes(who.official.kind)) reasons.push('unit-kind');
  if (!who.official.grants.some(([code, key]) => code === p.code && key === step.key)) reasons.push('grant');
  return reasons;
}

function expectedAnswer(who: PrincipalSpec, p: Procedure, state: string, action: ActionName, breaking: boolean): Answer & { reasons?: Reason[] } {
  if (!maySee(who, HOME)) return { status: 403, code: 'DOSSIER_OUT_OF_JURISDICTION' };
  if (!accepts(p, state).includes(action)) return { status: 409, code: 'DOSSIER_ACTION_NOT_AVAILABLE' };
  const reasons = expectedReasons(who, p, state, action);
  if (reasons.length > 0) return { status: 403, code: 'DOSSIER_ACTION_FORBIDDEN', reasons };
  return breaking ? RULE_BREAKING[action]!.answer : { status: 200 };
}

/** The actions `who` may take at `state`: what availableActions must list. */
const mayTake = (who: PrincipalSpec, p: Procedure, state: string) =>
  ACTIONS.filter((a) => expectedAnswer(who, p, state, a, false).status === 200).sort();

/**
 * A Department of Labour official may approve, but the decision is signed for the Committee: this
 * file's province has a granted Committee official per procedure and matrix, and the matrix names
 * no signer, so the approval asks for one.
 */
const signedForTheCommittee = (who: PrincipalSpec, action: ActionName, a: Answer): Answer =>
  a.status === 200 && action === 'approve' && who.official?.kind === 'dolisa' ? { status: 422, code: 'DECISION_SIGNER_REQUIRED' } : a;

function expectedCell(who: PrincipalSpec, p: Procedure, state: string, action: ActionName, breaking: boolean): Cell {
  const a = signedForTheCommittee(who, action, expectedAnswer(who, p, state, action, breaking));
  return {
    cell: `${action}${breaking ? ' (rule-breaking)' : ''}`,
    ...a,
    ...(a.status === 409 ? { availableActions: mayTake(who, p, state) } : {}),
    ...(a.status === 200 ? { state: targetOf(p, state, action) } : {}),
  };
}

function reasonOf(text: string): Reason | string {
  if (/only the portal integration/.test(text)) return 'integration-only';
  if (/only an official/.test(text)) return 'officials-only';
  if (/is acted on by a .* unit, not/.test(text)) return 'unit-kind';
  if (/no grant for/.test(text)) return 'grant';
  if (/jurisdiction/.test(text)) return 'jurisdiction';
  return `unrecognised reason: ${text}`;
}

function observedCell(cell: string, res: Response): Cell {
  expect(res.status).toBeLessThan(500);
  const out: Cell = { cell, status: res.status };
  if (res.status === 200) return { ...out, state: res.body.state };
  out.code = res.body.code;
  if (Array.isArray(res.body.reasons)) out.reasons = res.body.reasons.map(reasonOf);
  if (res.status === 409) out.availableActions = [...res.body.availableActions].sort();
  return out;
}

describe('who may act where (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  /** Tokens by `${procedure}/${step}/${principal name}`. */
  const tokens = new Map<string, { token: string }>();
  const keyOf = (p: Procedure, step: string, name: string) => `${p.code}/${step}/${name}`;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    for (const p of PROCEDURES) {
      for (const step of workingSteps(p)) {
        for (const who of principalsFor(p, step)) {
          const o = who.official;
          const made = o
            ? await official(t.db, o.kind, { provinceCode: o.provinceCode, districtCode: o.districtCode, grants: o.grants })
            : who.name === 'admin' ? s.admin : s.integration;
          tokens.set(keyOf(p, step.key, who.name), made);
        }
      }
    }
    // About eighty officials, one by one: seconds on a busy machine.
  }, 60_000);
  afterAll(() => t.close());

  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);

  /** A dossier of procedure `p` at `state`, moved there through the API by the staff's granted officials. */
  async function dossierAt(p: Procedure, state: string, applicant: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ procedureCode: p.code }, applicant)).expect(201);
    const id: string = res.body.id;
    const until = state === AWAITING ? asker(p).key : state;
    for (const step of workingSteps(p)) {
      if (step.key === until) break;
      await act(id, s.byStep[step.key], { action: step.advance, ...VALID[step.advance!] }).expect(200);
    }
    if (state === AWAITING) await act(id, s.byStep[until], { action: 'request-supplement', ...VALID['request-supplement'] }).expect(200);
    return id;
  }

  for (const p of PROCEDURES) {
    for (const state of statesOf(p)) {
      describe(`${p.code} at ${state}`, () => {
        const step = stepFor(p, state);
        for (const who of principalsFor(p, step)) {
          it(`${who.name}: every action gets exactly its answer, and availableActions lists exactly the 200s`, async () => {
            const caller = tokens.get(keyOf(p, step.key, who.name))!;
            const shared = await dossierAt(p, state);
            const { version } = (await t.http().get(`/api/v1/dossiers/${shared}`).set(bearer(s.admin)).expect(200)).body;
            const cells = ACTIONS.flatMap((action) => [
              { action, breaking: false, body: VALID[action] },
              ...(RULE_BREAKING[action] ? [{ action, breaking: true, body: RULE_BREAKING[action]!.body }] : []),
            ]);
            const expected = cells.map((c) => expectedCell(who, p, state, c.action, c.breaking));
            // A cell expected to change the dossier gets a fresh one; refusals share one, which must stay unchanged.
            const observed = await Promise.all(
              cells.map(async (c, i) => {
                const id = expected[i].status === 200 ? await dossierAt(p, state) : shared;
                return observedCell(expected[i].cell, await act(id, caller, { action: c.action, ...c.body }));
              }),
            );
            expect(observed).toEqual(expected);

            // The guard and availableActions agree: the actions answered 200 are exactly those listed
            // (with an approval the guard let through that asks who signs for the Committee).
            const passed = (o: Cell) => o.status === 200 || o.code === 'DECISION_SIGNER_REQUIRED';
            const took = observed.filter((o, i) => passed(o) && !cells[i].breaking).map((o) => o.cell).sort();
            const read = await t.http().get(`/api/v1/dossiers/${shared}`).set(bearer(caller));
            if (maySee(who, HOME)) {
              expect(read.status).toBe(200);
              expect([...read.body.availableActions].sort()).toEqual(took);
            } else {
              expectProblem(read, 403, 'DOSSIER_OUT_OF_JURISDICTION');
              expect(took).toEqual([]);
            }
            const after = await t.http().get(`/api/v1/dossiers/${shared}`).set(bearer(s.admin)).expect(200);
            expect(after.body).toMatchObject({ state, version });
          });
        }
      });
    }
  }

  /** Every principal this file made, each once, with its spec. */
  function everyPrincipal(): { who: PrincipalSpec; caller: { token: string } }[] {
    const seen = new Set<string>();
    return PROCEDURES.flatMap((p) =>
      workingSteps(p).flatMap((step) =>
        principalsFor(p, step).map((who) => ({ who, caller: tokens.get(keyOf(p, step.key, who.name))! })),
      ),
    ).filter(({ caller }) => !seen.has(caller.token) && Boolean(seen.add(caller.token)));
  }

  it('lets only the integration submit, whoever else asks', async () => {
    for (const { who, caller } of everyPrincipal()) {
      const res = await t.http().post('/api/v1/dossiers').set(bearer(caller)).send(submission());
      if (who.name === 'integration') expect(res.status).toBe(201);
      else expectProblem(res, 403, 'DOSSIER_SUBMIT_FORBIDDEN');
    }
    // submit is step 1, not an action on a received dossier.
    const id = await dossierAt(PROCEDURES[0], 'insurance-confirmation');
    expectProblem(await act(id, s.integration, { action: 'submit' }), 400, 'VALIDATION_FAILED');
  });

  it('lets a principal read only dossiers of its jurisdiction, and lists exactly those', async () => {
    const places = [HOME, { provinceCode: '51', districtCode: '524' }, { provinceCode: '92', districtCode: '916' }];
    const ids = await Promise.all(places.map((place) => dossierAt(PROCEDURES[0], 'insurance-confirmation', place)));
    const all: { id: string; province_code: string; district_code: string }[] = await t.db.query('SELECT id, province_code, district_code FROM dossier');
    for (const { who, caller } of everyPrincipal()) {
      for (const [i, place] of places.entries()) {
        for (const path of [`/api/v1/dossiers/${ids[i]}`, `/api/v1/dossiers/${ids[i]}/history`]) {
          const res = await t.http().get(path).set(bearer(caller));
          if (maySee(who, place)) expect({ who: who.name, path, status: res.status }).toEqual({ who: who.name, path, status: 200 });
          else expectProblem(res, 403, 'DOSSIER_OUT_OF_JURISDICTION');
        }
      }
      const listed: string[] = [];
      for (let page = 1; ; page += 1) {
        const res = await t.http().get(`/api/v1/dossiers?pageSize=200&page=${page}`).set(bearer(caller)).expect(200);
        listed.push(...res.body.items.map((d: { id: string }) => d.id));
        if (listed.length >= res.body.total || res.body.items.length === 0) break;
      }
      const visible = all.filter((d) => maySee(who, { provinceCode: d.province_code, districtCode: d.district_code })).map((d) => d.id);
      expect({ who: who.name, listed: listed.sort() }).toEqual({ who: who.name, listed: visible.sort() });
    }
  }, 30_000); // pages through every principal's list: seconds on a busy machine

  it('answers 401 without a token, with an unknown one, and within a second of a revocation', async () => {
    expectProblem(await t.http().get('/api/v1/dossiers'), 401, 'AUTH_TOKEN_MISSING');
    expectProblem(await t.http().get('/api/v1/dossiers').set('Authorization', 'Bearer dvc_' + 'x'.repeat(43)), 401, 'AUTH_TOKEN_INVALID');
    const temp = await token(t.db, 'admin');
    await t.http().get('/api/v1/dossiers').set(bearer(temp)).expect(200);
    await t.db.getRepository(PrincipalEntity).update({ id: temp.principalId }, { revokedAt: new Date() });
    expectProblem(await refusedSoon(() => t.http().get('/api/v1/dossiers').set(bearer(temp))), 401, 'AUTH_TOKEN_REVOKED');
  });

  it('takes a revoked grant away within a second', async () => {
    const o = await official(t.db, 'social-insurance', { grants: [['unpaid-leave-support', 'insurance-confirmation']] });
    const id = await dossierAt(PROCEDURES[0], 'insurance-confirmation');
    const read = async () => (await t.http().get(`/api/v1/dossiers/${id}`).set(bearer(o)).expect(200)).body.availableActions;
    expect(await read()).toContain('confirm');
    await t.db.getRepository(GrantEntity).delete({ officialId: o.officialId });
    expect(await eventually(read, (actions) => actions.length === 0)).toEqual([]);
    expectProblem(await act(id, o, { action: 'confirm' }), 403, 'DOSSIER_ACTION_FORBIDDEN');
  });
});

describe('token guessing (e2e)', () => {
  it('answers 429 after too many failed tokens from one address', async () => {
    const t = await createTestApp({ AUTH_FAILURES_PER_MINUTE: '3' });
    try {
      const guess = () => t.http().get('/api/v1/dossiers').set('Authorization', `Bearer dvc_${'y'.repeat(43)}`);
      for (let i = 0; i < 3; i++) expectProblem(await guess(), 401, 'AUTH_TOKEN_INVALID');
      expectProblem(await guess(), 429, 'AUTH_TOO_MANY_FAILURES');
    } finally {
      await t.close();
    }
  });
});
