import { validateSync } from 'class-validator';
import { IsCleanText, uncleanCharacter } from './is-clean-text';

class Named {
  @IsCleanText('姓名') name: unknown;
}

const errorsFor = (name: unknown) => validateSync(Object.assign(new Named(), { name }));

describe('IsCleanText', () => {
  it.each([
    ['BEL', 'ab\u0007c', 'U+0007'],
    ['ESC', '\u001b[31m张三', 'U+001B'],
    ['a line break', '张\n三', 'U+000A'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['RIGHT-TO-LEFT OVERRIDE', '张三\u202Egpj.exe', 'U+202E'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202A甲街道', 'U+202A'],
    ['a bidi isolate', '甲\u2067街道', 'U+2067'],
    ['ZERO WIDTH SPACE', '张\u200B三', 'U+200B'],
    ['ZERO WIDTH JOINER', '张\u200D三', 'U+200D'],
    ['WORD JOINER', '张\u2060三', 'U+2060'],
    ['a BOM inside the text', '张\uFEFF三', 'U+FEFF'],
  ])('should refuse %s and name the field in the message', (_what, text, codePoint) => {
    expect(uncleanCharacter(text)).toBe(codePoint);
    const [error] = errorsFor(text);
    expect(error.constraints).toEqual({ invalid_characters: expect.stringContaining('姓名') });
  });

  it('should accept ordinary Chinese and Latin names, middle dots, spaces and punctuation', () => {
    for (const name of [
      '张三',
      '阿卜杜拉·买买提',
      'Li Lei',
      '甲街道（一社区）',
      "O'Brien-Smith",
      '=SUM(A1)',
    ]) {
      expect(errorsFor(name)).toEqual([]);
    }
  });

  it('should leave non-strings to the other rules of the field', () => {
    expect(errorsFor(42)).toEqual([]);
  });
});
