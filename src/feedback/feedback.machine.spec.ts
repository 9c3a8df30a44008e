import type { Principal } from '../common/principal';
import { feedbackAvailableActions, feedbackRefusals, mayReadFeedback } from './feedback-access';
import { decideFeedback, type FeedbackEvent, feedbackActionsIn, startFeedback, type StoredFeedbackSnapshot } from './feedback.machine';

/** The decision, failing the test with the refusal when there is none. */
function moved(s: StoredFeedbackSnapshot, e: FeedbackEvent) {
  const decided = decideFeedback(s, e);
  if (decided.kind !== 'decision') throw new Error(`expected a move on ${e.type} in ${s.value}, got ${JSON.stringify(decided)}`);
  return decided;
}

const admin: Principal = { id: 'a', kind: 'admin', name: 'admin', official: null };
const officialOf = (unitCode: string, provinceCode = '51', districtCode: string | null = '522'): Principal => ({
  id: `o-${unitCode}`,
  kind: 'official',
  name: 'o',
  official: { officialId: 'x', unitCode, unitKind: 'district-pc', provinceCode, districtCode, grants: [] },
});

describe('feedback machine', () => {
  it('goes received → assigned → answered → published, keeping the unit', () => {
    let s = startFeedback();
    expect(s.value).toBe('received');
    expect(feedbackActionsIn(s)).toEqual(['assign', 'close']);
    s = moved(s, { type: 'assign', unitCode: 'UBND-522' }).snapshot;
    expect(s).toMatchObject({ value: 'assigned', context: { unitCode: 'UBND-522' } });
    s = moved(s, { type: 'assign', unitCode: 'BHXH-522' }).snapshot;
    expect(s.context.unitCode).toBe('BHXH-522');
    s = moved(s, { type: 'answer', answer: 'Đã giải quyết' }).snapshot;
    expect(s.value).toBe('answered');
    const done = moved(s, { type: 'publish' });
    expect(done).toMatchObject({ kind: 'decision', fromState: 'answered', toState: 'published', final: true });
    expect(feedbackActionsIn(done.snapshot)).toEqual([]);
  });

  it('returns an answer to the same unit before publication, and only then (Decision 31/2021, Regulation art. 46 cl. 2)', () => {
    const assigned = moved(startFeedback(), { type: 'assign', unitCode: 'UBND-522' }).snapshot;
    const answered = moved(assigned, { type: 'answer', answer: 'Chưa đúng nội dung' }).snapshot;
    expect(feedbackActionsIn(answered)).toEqual(['return', 'publish', 'close']);
    const returned = moved(answered, { type: 'return', reason: 'Câu trả lời không đúng nội dung phản ánh' });
    expect(returned).toMatchObject({ fromState: 'answered', toState: 'assigned', final: false });
    expect(returned.snapshot.context.unitCode).toBe('UBND-522');
    // Answered again, then published: the unit may be asked more than once.
    const again = moved(returned.snapshot, { type: 'answer', answer: 'Hồ sơ đã được giải quyết ngày 19/8.' }).snapshot;
    expect(moved(again, { type: 'return', reason: 'Chưa nêu rõ thời hạn' }).toState).toBe('assigned');
    const published = moved(again, { type: 'publish' }).snapshot;
    for (const s of [startFeedback(), assigned, published]) expect(decideFeedback(s, { type: 'return', reason: 'x' }).kind).toBe('not-available');
  });

  it('closes from every open state and from no final one', () => {
    const received = startFeedback();
    const assigned = moved(received, { type: 'assign', unitCode: 'U' }).snapshot;
    const answered = moved(assigned, { type: 'answer', answer: 'a' }).snapshot;
    for (const s of [received, assigned, answered]) expect(moved(s, { type: 'close', reason: 'không thuộc thẩm quyền' }).toState).toBe('closed');
    const closed = moved(received, { type: 'close', reason: 'không thuộc thẩm quyền' }).snapshot;
    expect(decideFeedback(closed, { type: 'close', reason: 'không thuộc thẩm quyền' })).toEqual({ kind: 'not-available', available: [] });
    expect(decideFeedback(received, { type: 'answer', answer: 'a' })).toEqual({ kind: 'not-available', available: ['assign', 'close'] });
    expect(decideFeedback(received, { type: 'publish' })).toEqual({ kind: 'not-available', available: ['assign', 'close'] });
  });
});

describe('feedback access', () => {
  const assigned = moved(startFeedback(), { type: 'assign', unitCode: 'UBND-522' }).snapshot;
  const scope = { unitCode: 'UBND-522', snapshot: assigned, linkedDossier: null };

  it('lets only an official of the assigned unit answer', () => {
    expect(feedbackRefusals(officialOf('UBND-522'), scope, 'answer')).toEqual([]);
    expect(feedbackRefusals(officialOf('UBND-524'), scope, 'answer')[0]).toMatch(/assigned to unit UBND-522/);
    expect(feedbackRefusals(admin, scope, 'answer')).toHaveLength(1);
    expect(feedbackAvailableActions(officialOf('UBND-522'), scope)).toEqual(['answer']);
    expect(feedbackAvailableActions(admin, scope)).toEqual(['assign', 'close']);
  });

  it('leaves assign, return, publish and close to admins', () => {
    for (const a of ['assign', 'return', 'publish', 'close'] as const) {
      expect(feedbackRefusals(admin, scope, a)).toEqual([]);
      expect(feedbackRefusals(officialOf('UBND-522'), scope, a)).toHaveLength(1);
    }
  });

  it('shows feedback to its unit and to the units of the dossier it names', () => {
    expect(mayReadFeedback(admin, { unitCode: null, linkedDossier: null })).toBe(true);
    expect(mayReadFeedback(officialOf('UBND-522'), scope)).toBe(true);
    expect(mayReadFeedback(officialOf('UBND-524', '51', '524'), scope)).toBe(false);
    const linked = { unitCode: null, linkedDossier: { provinceCode: '51', districtCode: '524' } };
    expect(mayReadFeedback(officialOf('UBND-524', '51', '524'), linked)).toBe(true);
    expect(mayReadFeedback(officialOf('SO-LDTBXH', '51', null), linked)).toBe(true);
    expect(mayReadFeedback(officialOf('CT-916', '92', '916'), linked)).toBe(false);
    expect(mayReadFeedback({ id: 'i', kind: 'integration', name: 'i', official: null }, linked)).toBe(false);
  });
});
