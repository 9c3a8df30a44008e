import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PROCEDURES } from './definitions';
import { procedureDiagram, wrap } from './procedure-diagram';
import type { ProcedureDefinition } from './types';

type Node = Record<string, unknown>;

/** The SVG as a tree (elements with their attributes under `@_`), after checking it is well-formed XML. */
function parse(svg: string): Node {
  expect(XMLValidator.validate(svg)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, isArray: (name: string, _path: unknown, _leaf: boolean, attribute: boolean) => !attribute && name !== '#text', preserveOrder: false, trimValues: false }).parse(svg);
}

/** Every element named `name` anywhere below `node`. */
function all(node: unknown, name: string): Node[] {
  if (!node || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((n) => all(n, name));
  return Object.entries(node as Node).flatMap(([key, value]) => [...(key === name ? (value as Node[]) : []), ...all(value, name)]);
}

const texts = (node: unknown) => all(node, 'text').map((t) => String(t['#text'] ?? ''));
const byClass = (root: Node, cls: string) => all(root, 'g').filter((g) => g['@_class'] === cls);

const seed = (code: string, version: number) => PROCEDURES.find((p) => p.code === code && p.version === version)!;

describe('procedureDiagram (pure SVG of a definition)', () => {
  it('draws one box per step in order, with its label, actor and time limit, and names itself for a screen reader', () => {
    const def = seed('wage-loan-support', 1);
    const root = parse(procedureDiagram(def));
    const svg = all(root, 'svg')[0];
    expect(svg['@_role']).toBe('img');
    const title = all(svg, 'title').find((t) => t['@_id'] === 'diagram-wage-loan-support-1-title')!;
    expect(title['#text']).toBe(`Sơ đồ quy trình: ${def.name} (phiên bản 1)`);
    expect(svg['@_aria-labelledby']).toBe('diagram-wage-loan-support-1-title diagram-wage-loan-support-1-desc');
    const steps = byClass(root, 'step');
    expect(steps.map((g) => g['@_data-step'])).toEqual(['submission', 'insurance-confirmation', 'district-appraisal', 'provincial-approval', 'bank-lending']);
    const bank = texts(steps[4]).join(' ');
    expect(bank).toContain('Bước 5. Ngân hàng Chính sách xã hội cho vay');
    expect(bank).toContain('Ngân hàng Chính sách xã hội');
    expect(bank).toContain('3 ngày làm việc');
    expect(texts(steps[0]).join(' ')).toContain('không tính thời hạn');
    // Boxes go down the page in the steps' order.
    const ys = steps.map((g) => Number(all(g, 'rect')[0]['@_y']));
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    // The advancing actions label the arrows between them.
    expect(byClass(root, 'advance').map((g) => texts(g).join(''))).toEqual(['Nộp hồ sơ', 'Xác nhận', 'Thẩm định, trình phê duyệt', 'Phê duyệt', 'Giải ngân', 'ghi nhận chi trả đến đủ khoản vay']);
  });

  it('draws a supplement loop from each step that may ask for one, and the final states (disbursing before the loan\'s outcome)', () => {
    for (const def of PROCEDURES.slice(0, 4)) {
      const root = parse(procedureDiagram(def));
      const loops = byClass(root, 'supplement-loop').map((g) => g['@_data-step']);
      expect(loops).toEqual(def.steps.filter((s) => s.maySupplement && s.actor !== 'employer').map((s) => s.key));
      expect(loops.length).toBeGreaterThan(0);
      for (const loop of byClass(root, 'supplement-loop')) expect(all(loop, 'path')).toHaveLength(2);
      const states = [...byClass(root, 'state'), ...byClass(root, 'final')].map((g) => g['@_data-state']);
      const lends = def.steps.at(-1)!.advance === 'disburse';
      expect(states.sort()).toEqual(['awaiting-supplement', def.outcome, 'rejected', 'withdrawn', ...(lends ? ['disbursing'] : [])].sort());
      // The refusal rail reaches every working step.
      expect(all(byClass(root, 'reject')[0], 'path')).toHaveLength(def.steps.length);
    }
  });

  it('escapes any text a definition carries and draws no loop where no step may ask', () => {
    const hostile: ProcedureDefinition = {
      ...seed('unpaid-leave-support', 1),
      code: 'x-test',
      name: 'Thủ tục <script>alert("x")</script> & \'khác\'',
      unitKinds: [{ code: 'ward-pc', name: 'UBND cấp xã <b>', level: 'district' }],
      steps: [
        { key: 'submission', order: 1, actor: 'applicant', label: 'Nộp', timeLimitWorkingDays: null, advance: 'submit', maySupplement: false },
        { key: 'ward-check', order: 2, actor: 'ward-pc', label: 'Xã kiểm tra </text><rect/> "ngay"\u0007', timeLimitWorkingDays: 1, advance: 'approve', maySupplement: false },
      ],
    };
    const svg = procedureDiagram(hostile);
    const root = parse(svg);
    expect(svg).not.toContain('<script>');
    expect(all(root, 'title')[0]['#text']).toBe('Sơ đồ quy trình: Thủ tục <script>alert("x")</script> & \'khác\' (phiên bản 1)');
    const step = texts(byClass(root, 'step')[1]);
    expect(step).toEqual(['Bước 2. Xã kiểm tra </text><rect/> "ngay"', 'UBND cấp xã <b>', '1 ngày làm việc']);
    expect(byClass(root, 'supplement-loop')).toHaveLength(0);
    expect(byClass(root, 'state')).toHaveLength(0);
  });

  it('speaks English when asked, the English labels of the steps included', () => {
    const root = parse(procedureDiagram(seed('unpaid-leave-support', 1), 'en'));
    expect(all(root, 'title')[0]['#text']).toMatch(/^Procedure diagram: .* \(version 1\)$/);
    expect(texts(byClass(root, 'step')[1]).join(' ')).toContain('Social insurance (BHXH) confirmation');
    expect(texts(root)).toEqual(expect.arrayContaining(['Approved', 'Rejected', 'Withdrawn']));
  });

  it('wraps long labels at word boundaries and cuts what does not fit', () => {
    expect(wrap('Ủy ban nhân dân cấp huyện thẩm định hồ sơ', 16, 3)).toEqual(['Ủy ban nhân dân', 'cấp huyện thẩm', 'định hồ sơ']);
    expect(wrap('một hai ba bốn năm sáu', 7, 2)).toEqual(['một hai', 'ba bốn…']);
  });
});
