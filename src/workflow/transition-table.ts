// Pure: a procedure version's behaviour as a table, every reachable state × every event the engine
// sends, so that a machine compiled another way can be compared with it cell by cell.
import { actionsIn, decideAction, startDossier, type StoredSnapshot } from './decide';
import type { Procedure } from './definitions';
import type { LegalEvent } from './legal-rules';
import { ACTIONS, type ActionName, type DossierContext } from './types';

/**
 * What one event does in one state, as one line: `-> <state> <status> [clock]` or
 * `refused <CODE> <http status> <field>`. Events the state does not take are left out (they are
 * refused as not available, which the spec checks by the row's `actions`).
 */
export type Cell = string;

export interface TableRow {
  state: string;
  actions: string[];
  on: Record<string, Cell>;
}

export interface TransitionTable {
  procedure: string;
  /** The steps as `key actor limit advance [supplement]`, the outcome and the grounds' keys. */
  steps: string[];
  outcome: string;
  grounds: string[];
  states: TableRow[];
}

type Probe = [label: string, event: LegalEvent];

const REASON = 'hồ sơ thiếu danh sách';

/** The events the engine sends for one action: complete, bare, and each way a rule can refuse it. */
function probes(procedure: Procedure, action: ActionName): Probe[] {
  const ground = procedure.rejectGrounds.find((g) => !g.afterSupplementOnly)?.key ?? null;
  const afterSupplement = procedure.rejectGrounds.find((g) => g.afterSupplementOnly)?.key ?? null;
  const exclude = [{ worker: 1, ground, reason: REASON }];
  const out: Probe[] = [[`${action}`, { type: action, reason: REASON, ground: action === 'reject' ? ground : undefined }], [`${action} bare`, { type: action }]];
  if (action === 'request-supplement') {
    out[0][1] = { type: action, reason: REASON, items: [{ document: 'danh sách', form: 'electronic' }] };
    out.push(
      [`${action} paper`, { type: action, reason: REASON, items: [{ document: 'danh sách', form: 'paper' }] }],
      [`${action} paper channel`, { type: action, reason: REASON, channel: 'paper' }],
      [`${action} paper, BHXH signed`, { type: action, reason: REASON, items: [{ document: 'danh sách', form: 'paper' }], facts: facts({ insuranceSigned: true }) }],
    );
  }
  if (action === 'reject') {
    out.push([`${action} unknown ground`, { type: action, reason: REASON, ground: 'no-such-ground' }]);
    if (afterSupplement) out.push([`${action} ${afterSupplement}`, { type: action, reason: REASON, ground: afterSupplement }]);
  }
  if (action === 'disburse') {
    out[0][1] = { type: action, data: { contractNumber: 'HD-01', amount: 1_000_000 } };
    out.push(
      [`${action} above cap`, { type: action, data: { contractNumber: 'HD-01', amount: 1_000_000 }, facts: facts({ loanCap: 999_999 }) }],
      [`${action} no amount`, { type: action, data: { contractNumber: 'HD-01' } }],
      [`${action} paying later`, { type: action, data: { contractNumber: 'HD-01', amount: 1_000_000, payments: [] } }],
    );
  }
  if (action === 'record-payment') {
    out[0][1] = { type: action, data: { month: '2020-06', amount: 400_000, workers: [1] } };
    out.push([`${action} paying off`, { type: action, data: { month: '2020-07', amount: 1_000_000, workers: [1] } }]);
  }
  // Each action again with exclusions, and with the findings barring the dossier.
  out.push(
    [`${action} excluding`, { ...out[0][1], data: { ...out[0][1].data, exclude } }],
    [`${action} excluding, refused`, { ...out[0][1], data: { ...out[0][1].data, exclude }, facts: facts({ workers: { kind: 'refused', violation: { code: 'DOSSIER_EXCLUSION_INVALID', status: 400, field: 'data.exclude', message: 'x' } } }) }],
    [`${action} ineligible`, { ...out[0][1], facts: facts({ eligibilityBlocking: true }) }],
    [`${action} with ground`, { ...out[0][1], ground }],
  );
  return out;
}

function facts(over: Partial<NonNullable<LegalEvent['facts']>>): NonNullable<LegalEvent['facts']> {
  return { insuranceSigned: false, eligibilityBlocking: false, loanCap: null, ...over };
}

const keyOf = (s: StoredSnapshot): string => {
  const c: DossierContext = s.context;
  return `${String(s.value)} (${c.signed ? 'signed' : 'unsigned'} ${c.channel}, asked ${c.supplementRequests}, returnTo ${c.returnTo ?? '-'}${c.accepted ? ', accepted' : ''})`;
};

const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

/** Walks the machine from a new dossier (signed online, unsigned on paper) through every event until no new state appears. */
export function transitionTable(procedure: Procedure): TransitionTable {
  const queue = [startDossier(procedure, { signed: true, channel: 'online' }), startDossier(procedure, { signed: false, channel: 'paper' })];
  const seen = new Map<string, StoredSnapshot>(queue.map((s) => [keyOf(s), s]));
  const states: TableRow[] = [];
  while (queue.length) {
    const stored = queue.shift()!;
    const row: TableRow = { state: keyOf(stored), actions: [...actionsIn(procedure, stored)].sort(), on: {} };
    for (const action of ACTIONS) {
      for (const [label, event] of probes(procedure, action)) {
        const d = decideAction(procedure, stored, event);
        if (d.kind === 'not-available') {
          if (!sameList(d.available, row.actions)) throw new Error(`${row.state}: ${label} lists other actions than the state`);
        } else if (d.kind === 'rule') row.on[label] = `refused ${d.violation.code} ${d.violation.status} ${d.violation.field ?? '-'}`;
        else {
          const to = keyOf(d.snapshot);
          const clock = [d.enteredStep && 'enters', d.pausedStep && 'pauses', d.resumedStep && 'resumes', d.final && 'final'].filter(Boolean).join(',');
          row.on[label] = `-> ${to} ${d.status} ${d.step?.key ?? '-'} [${clock}]`;
          if (!seen.has(to)) {
            seen.set(to, d.snapshot);
            queue.push(d.snapshot);
          }
        }
      }
    }
    states.push(row);
  }
  return {
    procedure: `${procedure.code}@${procedure.version}`,
    steps: procedure.steps.map((st) => `${st.key} ${st.actor} ${st.timeLimitWorkingDays ?? '-'} ${st.advance ?? '-'}${st.maySupplement ? ' supplement' : ''}`),
    outcome: procedure.outcome,
    grounds: procedure.rejectGrounds.map((g) => `${g.key}${g.afterSupplementOnly ? ' after-supplement' : ''}`),
    states,
  };
}
