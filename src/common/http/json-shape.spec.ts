import { bodyShapeProblem } from './json-shape';

const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

describe(bodyShapeProblem.name, () => {
  it('should pass ordinary bodies, including 32 levels of nesting', () => {
    expect(bodyShapeProblem({ username: 'zs', answers: [{ questionId: 'q', optionIds: ['a'] }] })).toBeNull();
    expect(bodyShapeProblem(nested(31))).toBeNull();
    expect(bodyShapeProblem('csv text')).toBeNull();
  });

  it('should refuse 33 levels and a body nested 100,000 levels deep without overflowing the stack', () => {
    expect(bodyShapeProblem(nested(33))).toBe('too_deep');
    expect(bodyShapeProblem(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toBe('too_deep');
  });

  it('should refuse too many keys in one object, too long an array, or too many values in all', () => {
    expect(bodyShapeProblem(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i])))).toBe(
      'too_many_fields',
    );
    expect(bodyShapeProblem({ ids: new Array(10_001).fill('x') })).toBe('too_many_fields');
    expect(bodyShapeProblem(Array.from({ length: 20 }, () => new Array(9000).fill(1)))).toBe(
      'too_many_fields',
    );
  });

  it('should refuse a __proto__ key at any depth, but not constructor or prototype (whitelisting refuses those)', () => {
    expect(bodyShapeProblem(JSON.parse('{"__proto__":{"role":"admin"}}'))).toBe('forbidden_key');
    expect(bodyShapeProblem(JSON.parse('{"answers":[{"__proto__":1}]}'))).toBe('forbidden_key');
    expect(bodyShapeProblem(JSON.parse('{"constructor":{"prototype":{}}}'))).toBeNull();
  });
});
