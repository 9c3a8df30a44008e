import { isSenderContact } from './feedback-view';

describe('the sender of a feedback', () => {
  it('is whoever gives the phone (as typed, with +84, spaces) or the email (any case) they sent', () => {
    const f = { contact: { name: 'Tâm', phone: '0905111222', email: 'Tam.Nguyen@example.vn' } };
    expect(isSenderContact(f, '0905111222')).toBe(true);
    expect(isSenderContact(f, '+84 905 111 222')).toBe(true);
    expect(isSenderContact(f, 'tam.nguyen@example.vn')).toBe(true);
    expect(isSenderContact(f, '0905111223')).toBe(false);
    expect(isSenderContact(f, 'other@example.vn')).toBe(false);
    expect(isSenderContact({ contact: { name: 'A', email: 'a@b.vn' } }, '0905111222')).toBe(false);
  });
});
