import { containsNul } from './reject-nul';

describe(containsNul.name, () => {
  it('should find U+0000 in a string, a nested value or a key of parsed JSON', () => {
    expect(containsNul('a\u0000b')).toBe(true);
    expect(containsNul({ answers: [{ optionIds: ['x', 'y\u0000'] }] })).toBe(true);
    expect(containsNul({ ['na\u0000me']: 'x' })).toBe(true);
  });

  it('should pass ordinary input, including other control characters and non-strings', () => {
    expect(containsNul({ name: '张三', note: 'line\nbreak\ttab', n: 0, ok: false, none: null })).toBe(false);
    expect(containsNul(undefined)).toBe(false);
    expect(containsNul('username,name\nzs,张三\n')).toBe(false);
  });
});
