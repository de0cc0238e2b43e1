import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Error codes and the messages people read live in one catalogue per feature (`<feature>.errors.ts`,
 * shared ones in common.errors.ts): a code is written down once, so its text cannot drift between
 * two throw sites and a client can rely on it.
 */
const SRC = join(__dirname, '..', '..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const all = files(SRC).filter((f) => !f.endsWith('.spec.ts'));
const catalogues = all.filter((f) => f.endsWith('.errors.ts'));
/** The code is the first string after the factory name, or after `new AppError(<status>,`. */
const CODE = /(?:\b(?:badRequest|conflict|notFound|forbidden)\(\s*|new AppError\(\s*\d+\s*,\s*)'([^']*)'/g;
/** Folders other work is reshaping at the same time; their throw sites move to a catalogue next. */
const NOT_YET: string[] = [];

describe('error catalogues', () => {
  const owners = new Map<string, Set<string>>();
  for (const file of catalogues) {
    for (const [, code] of readFileSync(file, 'utf8').matchAll(CODE)) {
      owners.set(code, (owners.get(code) ?? new Set()).add(relative(SRC, file)));
    }
  }

  it('should find the catalogues and their codes', () => {
    expect(catalogues.length).toBeGreaterThan(10);
    expect(owners.size).toBeGreaterThan(100);
    expect(readFileSync(join(SRC, 'common/errors/common.errors.ts'), 'utf8')).toContain(
      "'VALIDATION.FAILED'",
    );
  });

  it('should spell every code AREA.REASON in capitals', () => {
    const bad = [...owners.keys()].filter((code) => !/^[A-Z_]+\.[A-Z_]+$/.test(code));
    expect(bad).toEqual([]);
  });

  it('should keep each code in exactly one catalogue', () => {
    const shared = [...owners]
      .filter(([, where]) => where.size > 1)
      .map(([code, where]) => `${code}: ${[...where].join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('should throw no literal code outside the catalogues', () => {
    const inline = all
      .filter((f) => !catalogues.includes(f) && !f.endsWith('app-error.ts'))
      .filter((f) => !NOT_YET.some((dir) => relative(SRC, f).startsWith(dir)))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(CODE)].map(([, code]) => `${relative(SRC, f)}: ${code}`),
      );
    expect(inline).toEqual([]);
  });
});
