import { textProblem } from './text';
import { STRING_CHECKS } from './validators';

describe('text fields', () => {
  it.each(['', ' ', '\u200b\u200b', '\u00a0\t', '\ufeff\u200d\u2060', '\u202e'])(
    'refuses %j: nothing visible',
    (value) => {
      expect(textProblem(value, 'line')).toMatch(/visible/);
      expect(textProblem(value, 'lines')).toMatch(/visible/);
    },
  );

  it('refuses control characters: all on one line, all but line breaks in several', () => {
    expect(textProblem('Nguyễn\u0007 Thị A', 'line')).toMatch(/control/);
    expect(textProblem('\u0007\u001b[2J', 'line')).toMatch(/control/);
    expect(textProblem('a\nb', 'line')).toMatch(/control/);
    expect(textProblem('lý do\r\nthứ hai', 'lines')).toBeNull();
    expect(textProblem('lý do\tthứ hai', 'lines')).toMatch(/line breaks/);
    expect(textProblem('x\u009b', 'lines')).toMatch(/line breaks/);
  });

  it('takes any script, decomposed or not, and is what the compiled validators check', () => {
    for (const value of ['Nguyễn Thị Ánh', 'Nguyễn Thị Ánh'.normalize('NFD'), '李小龍', 'O\u2019Brien']) {
      expect(textProblem(value, 'line')).toBeNull();
      expect(STRING_CHECKS.isText(value)).toBe(true);
    }
    expect(STRING_CHECKS.isText('\u200b')).toBe(false);
    expect(STRING_CHECKS.isTextLines('a\nb')).toBe(true);
  });

  it('names a value that is not a text', () => {
    expect(textProblem(1, 'line')).toBe('must be a text');
  });
});
