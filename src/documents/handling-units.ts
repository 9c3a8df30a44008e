// Pure: which agencies handle a procedure, as forms 05 and 06 of Circular 01/2018/TT-VPCP name them:
// the competent agency ("cơ quan chủ trì giải quyết", "cơ quan (bộ phận) giải quyết hồ sơ") and the
// coordinating ones ("cơ quan phối hợp giải quyết hồ sơ"). The procedure says it through its steps:
// the agency of the last step gives the result (the provincial People's Committee approves the
// support; the Social Policy Bank lends), the agencies of the steps before it take part.
import type { UnitKind } from '../common/unit-kinds';
import type { StepActor } from '../workflow/types';

/** What a form writes for an agency of a kind no unit of which is registered for the dossier's area. */
export const KIND_NAMES: Record<UnitKind, string> = {
  'social-insurance': 'Cơ quan Bảo hiểm xã hội',
  'district-pc': 'Ủy ban nhân dân cấp huyện',
  'provincial-pc': 'Ủy ban nhân dân cấp tỉnh',
  'social-policy-bank': 'Ngân hàng Chính sách xã hội',
  dolisa: 'Sở Lao động - Thương binh và Xã hội',
};

/** The unit kinds of a procedure's working steps, in their order: not the applicant's submission. */
export function workingKinds(steps: readonly { order: number; actor: StepActor | 'applicant' }[]): UnitKind[] {
  return [...steps].sort((a, b) => a.order - b.order).map((s) => s.actor).filter((a): a is UnitKind => a !== 'employer' && a !== 'applicant');
}

/**
 * The competent agency (the last working step's) and the coordinating ones (every other step's, once
 * each, in the order the dossier meets them), by the name `nameOf` gives each kind.
 */
export function handlingUnits(steps: readonly { order: number; actor: StepActor | 'applicant' }[], nameOf: (kind: UnitKind) => string): { competent: string; coordinating: string[] } {
  const kinds = workingKinds(steps);
  const last = kinds.at(-1);
  const competent = last ? nameOf(last) : '—';
  const coordinating = [...new Set(kinds.slice(0, -1).map(nameOf))].filter((name) => name !== competent);
  return { competent, coordinating };
}
