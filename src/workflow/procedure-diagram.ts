// Pure: a procedure version drawn as an SVG diagram, from its definition alone: the steps in order,
// each with its actor and time limit, the supplement loops, the final states. The console embeds it.
import { AWAITING_SUPPLEMENT, DISBURSING } from './procedure.machine';
import type { ProcedureDefinition, StepDefinition } from './types';

export type DiagramLang = 'vi' | 'en';

const WORDS = {
  vi: {
    title: 'Sơ đồ quy trình',
    version: 'phiên bản',
    step: 'Bước',
    applicant: 'Người nộp hồ sơ',
    employer: 'Doanh nghiệp (người sử dụng lao động)',
    noLimit: 'không tính thời hạn',
    days: (n: number) => `${n} ngày làm việc`,
    supplement: 'Chờ bổ sung hồ sơ',
    asks: 'yêu cầu bổ sung',
    returns: 'bổ sung, về lại bước đã yêu cầu',
    maySupplement: 'có thể yêu cầu bổ sung',
    reject: 'từ chối',
    rejected: 'Từ chối giải quyết',
    withdrawn: 'Rút hồ sơ',
    anyOpen: 'từ mọi trạng thái chưa kết thúc',
    disbursing: 'Đang giải ngân',
    payments: 'ghi nhận chi trả đến đủ khoản vay',
    final: 'kết thúc',
    outcome: { approved: 'Đã phê duyệt', disbursed: 'Đã giải ngân' },
  },
  en: {
    title: 'Procedure diagram',
    version: 'version',
    step: 'Step',
    applicant: 'Applicant',
    employer: 'Employer',
    noLimit: 'no time limit',
    days: (n: number) => `${n} working day${n === 1 ? '' : 's'}`,
    supplement: 'Awaiting a supplement',
    asks: 'request a supplement',
    returns: 'supplement, back to the step that asked',
    maySupplement: 'may ask for a supplement',
    reject: 'reject',
    rejected: 'Rejected',
    withdrawn: 'Withdrawn',
    anyOpen: 'from any state not final',
    disbursing: 'Disbursing',
    payments: 'payments recorded up to the loan',
    final: 'final',
    outcome: { approved: 'Approved', disbursed: 'Disbursed' },
  },
} as const;

/** The registered unit kinds' names; a kind a definition declares is named by its `unitKinds`. */
const KIND_NAMES: Record<string, [string, string]> = {
  'social-insurance': ['Cơ quan Bảo hiểm xã hội', 'Social insurance (BHXH)'],
  'district-pc': ['UBND cấp huyện', 'District People\'s Committee'],
  'provincial-pc': ['UBND cấp tỉnh', 'Provincial People\'s Committee'],
  'social-policy-bank': ['Ngân hàng Chính sách xã hội', 'Social Policy Bank'],
  dolisa: ['Sở Lao động - Thương binh và Xã hội', 'Department of Labour (DOLISA)'],
};

/** Text as XML carries it: markup characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(text: string): string {
  return [...text]
    .filter((c) => {
      const code = c.codePointAt(0)!;
      return (code >= 0x20 || code === 0x9 || code === 0xa || code === 0xd) && !(code >= 0xd800 && code <= 0xdfff) && code !== 0xfffe && code !== 0xffff;
    })
    .join('')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Words broken into lines of at most `width` characters (a longer word stays whole), at most `max` lines. */
export function wrap(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1].slice(0, width - 1)}…`;
  return kept;
}

const W = 760;
const STEP_X = 190;
const STEP_W = 340;
const RAIL_X = 80;
const SIDE_X = 570;
const SIDE_W = 180;
const GAP = 46;
const LABEL_CHARS = 42;
const INK = '#1a1a1a';

interface Box { x: number; y: number; w: number; h: number }
const mid = (b: Box) => b.y + b.h / 2;

function textLines(lines: string[], x: number, y: number, size: number, attrs = ''): string {
  return lines.map((line, i) => `<text x="${x}" y="${y + i * (size + 4)}" font-size="${size}"${attrs}>${xmlText(line)}</text>`).join('');
}

function arrow(x1: number, y1: number, x2: number, y2: number, marker: string, dashed = false): string {
  return `<path d="M${x1} ${y1} L${x2} ${y2}" fill="none" stroke="${INK}" stroke-width="1.5"${dashed ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#${marker})"/>`;
}

/** A state that ends the dossier: a double border. */
function finalBox(b: Box, label: string, note: string, key: string): string {
  return `<g class="final" data-state="${xmlText(key)}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="18" fill="#eef5ee" stroke="${INK}" stroke-width="1.5"/>`
    + `<rect x="${b.x + 4}" y="${b.y + 4}" width="${b.w - 8}" height="${b.h - 8}" rx="14" fill="none" stroke="${INK}"/>`
    + textLines(wrap(label, Math.floor(b.w / 7.5), 1), b.x + b.w / 2, b.y + 26, 13, ' text-anchor="middle" font-weight="bold"')
    + textLines([note], b.x + b.w / 2, b.y + b.h - 12, 11, ' text-anchor="middle"')
    + '</g>';
}

/**
 * The SVG of one procedure version: a box per step (its order, label, actor and time limit), an
 * arrow labelled with the advancing action to the next, a loop to "awaiting a supplement" and back
 * from each step that may ask for one, a rail from every working step to the refusal, and the
 * final states: the outcome (after "disbursing" where the last step lends), rejected, withdrawn.
 * Its title and description name it and list the same in words, for a screen reader.
 */
export function procedureDiagram(def: ProcedureDefinition, lang: DiagramLang = 'vi'): string {
  const w = WORDS[lang];
  const id = `diagram-${def.code}-${def.version}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const declared = new Map(def.unitKinds.map((k) => [k.code, k.name]));
  const actorName = (actor: string) =>
    actor === 'applicant' ? w.applicant : actor === 'employer' ? w.employer : (KIND_NAMES[actor]?.[lang === 'en' ? 1 : 0] ?? declared.get(actor) ?? actor);
  const label = (s: StepDefinition) => (lang === 'en' && s.labelEn ? s.labelEn : s.label);
  const limit = (s: StepDefinition) => (s.timeLimitWorkingDays === null ? w.noLimit : w.days(s.timeLimitWorkingDays));
  const steps = [...def.steps].sort((a, b) => a.order - b.order);
  const lends = steps.at(-1)?.advance === 'disburse';

  const parts: string[] = [];
  const boxes: Box[] = [];
  let y = 20;
  for (const [i, s] of steps.entries()) {
    const lines = wrap(`${w.step} ${s.order}. ${label(s)}`, LABEL_CHARS, 3);
    const box = { x: STEP_X, y, w: STEP_W, h: 20 + lines.length * 18 + 36 };
    boxes.push(box);
    const applicant = i === 0;
    parts.push(
      `<g class="step" data-step="${xmlText(s.key)}"><rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="6" fill="${applicant ? '#f3f3f3' : '#e8f0fb'}" stroke="${INK}" stroke-width="1.5"/>`
        + textLines(lines, box.x + 12, box.y + 22, 14, ' font-weight="bold" class="step-label"')
        + textLines([actorName(s.actor)], box.x + 12, box.y + 22 + lines.length * 18, 12, ' class="step-actor"')
        + textLines([`${limit(s)}${s.maySupplement ? ` · ${w.maySupplement}` : ''}`], box.x + 12, box.y + 38 + lines.length * 18, 12, ' class="step-limit"')
        + '</g>',
    );
    y += box.h + GAP;
  }
  const advanceWord = (s: StepDefinition) => s.advanceLabel ?? s.advance ?? '';
  // The arrow out of each step: to the next, or from the last to "disbursing" or the outcome.
  const after: Box = lends ? { x: STEP_X + 60, y, w: STEP_W - 120, h: 44 } : { x: STEP_X + 40, y, w: STEP_W - 80, h: 60 };
  for (const [i, s] of steps.entries()) {
    const from = boxes[i];
    const to = boxes[i + 1] ?? after;
    const x = STEP_X + STEP_W / 2;
    parts.push(`<g class="advance">${arrow(x, from.y + from.h, x, to.y - 2, `${id}-arrow`)}${textLines([advanceWord(s)], x + 8, from.y + from.h + GAP / 2 + 4, 12, ' font-style="italic"')}</g>`);
  }
  let outcome = after;
  if (lends) {
    parts.push(
      `<g class="state" data-state="${DISBURSING}"><rect x="${after.x}" y="${after.y}" width="${after.w}" height="${after.h}" rx="18" fill="#fff7e0" stroke="${INK}" stroke-width="1.5"/>`
        + textLines([w.disbursing], after.x + after.w / 2, after.y + 27, 13, ' text-anchor="middle" font-weight="bold"') + '</g>',
    );
    outcome = { x: STEP_X + 40, y: after.y + after.h + GAP, w: STEP_W - 80, h: 60 };
    const x = STEP_X + STEP_W / 2;
    parts.push(`<g class="advance">${arrow(x, after.y + after.h, x, outcome.y - 2, `${id}-arrow`)}${textLines([w.payments], x + 8, after.y + after.h + GAP / 2 + 4, 12, ' font-style="italic"')}</g>`);
  }
  parts.push(finalBox(outcome, w.outcome[def.outcome], w.final, def.outcome));

  // Refusal: a rail on the left from every working step down to the refused state.
  const working = boxes.slice(1);
  const rejected = { x: 4, y: outcome.y, w: 156, h: 60 };
  if (working.length) {
    parts.push(`<g class="reject"><path d="M${RAIL_X} ${mid(working[0])} L${RAIL_X} ${rejected.y - 2}" fill="none" stroke="${INK}" stroke-width="1.5" stroke-dasharray="5 4" marker-end="url(#${id}-arrow)"/>`
      + working.map((b) => `<path d="M${STEP_X} ${mid(b)} L${RAIL_X} ${mid(b)}" fill="none" stroke="${INK}" stroke-width="1.5" stroke-dasharray="5 4"/>`).join('')
      + textLines([w.reject], RAIL_X + 6, mid(working[0]) - 6, 12, ' font-style="italic"') + '</g>');
  }
  parts.push(finalBox(rejected, w.rejected, w.final, 'rejected'));
  const withdrawn = { x: SIDE_X, y: outcome.y, w: SIDE_W, h: 60 };
  parts.push(finalBox(withdrawn, w.withdrawn, w.anyOpen, 'withdrawn'));

  // Supplement: one waiting state beside the steps that may ask, a loop out and back to each.
  const asking = steps.map((s, i) => ({ s, b: boxes[i] })).filter(({ s, b }) => s.maySupplement && b !== boxes[0]);
  if (asking.length) {
    const top = Math.min(...asking.map(({ b }) => b.y));
    const bottom = Math.max(...asking.map(({ b }) => b.y + b.h));
    const h = Math.max(60, 28 * asking.length);
    const node = { x: SIDE_X, y: (top + bottom) / 2 - h / 2, w: SIDE_W, h };
    parts.push(
      `<g class="state" data-state="${AWAITING_SUPPLEMENT}"><rect x="${node.x}" y="${node.y}" width="${node.w}" height="${node.h}" rx="18" fill="#fff7e0" stroke="${INK}" stroke-width="1.5"/>`
        + textLines(wrap(w.supplement, 22, 2), node.x + node.w / 2, mid(node) + 5, 13, ' text-anchor="middle" font-weight="bold"') + '</g>',
    );
    for (const [k, { s, b }] of asking.entries()) {
      const right = STEP_X + STEP_W;
      // Each step's loop meets the waiting state at a height of its own, so the loops stay apart.
      const at = node.y + ((k + 0.5) * node.h) / asking.length;
      parts.push(
        `<g class="supplement-loop" data-step="${xmlText(s.key)}"><title>${xmlText(`${label(s)}: ${w.asks}; ${w.returns}`)}</title>`
          + arrow(right, mid(b) - 7, node.x - 2, at - 5, `${id}-arrow`)
          + arrow(node.x, at + 5, right + 2, mid(b) + 7, `${id}-arrow`, true)
          + '</g>',
      );
    }
    parts.push(textLines([`→ ${w.asks}`, `⇢ ${w.returns}`], node.x, node.y + node.h + 16, 11));
  }

  const height = outcome.y + outcome.h + 20;
  const title = `${w.title}: ${def.name} (${w.version} ${def.version})`;
  const described = steps.map((s) => `${w.step} ${s.order}: ${label(s)}, ${actorName(s.actor)}, ${limit(s)}${s.maySupplement ? `, ${w.maySupplement}` : ''}`);
  const desc = [...described, `${w.final}: ${w.outcome[def.outcome]}, ${w.rejected}, ${w.withdrawn} (${w.anyOpen})`].join('; ');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="procedure-diagram" viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="sans-serif" fill="${INK}">`
    + `<title id="${id}-title">${xmlText(title)}</title><desc id="${id}-desc">${xmlText(desc)}</desc>`
    + `<defs><marker id="${id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="${INK}"/></marker></defs>`
    + parts.join('')
    + '</svg>';
}
