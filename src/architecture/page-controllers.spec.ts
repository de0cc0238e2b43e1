import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Issue 17: page controllers route, validate DTOs and render or redirect; the database is read in
 * page services and presenters. This scans their imports so a repository, data source, entity
 * manager, TypeORM or the raw-SQL helper coming back into one fails here, not in review.
 */

const SRC = join(__dirname, '..');
const FORBIDDEN_NAMES = new Set([
  'Repository',
  'InjectRepository',
  'DataSource',
  'InjectDataSource',
  'EntityManager',
  'InjectEntityManager',
]);
// The raw-SQL helper is matched by file name, wherever it lives (it is moving to a shared home).
const forbiddenModule = (spec: string) =>
  spec === 'typeorm' ||
  spec.startsWith('typeorm/') ||
  spec === '@nestjs/typeorm' ||
  /(^|\/)raw-sql(\.ts)?$/.test(spec);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const isPageController = (path: string) =>
  /pages[^/]*\.controller\.ts$/.test(path) || /(^|\/)pages\/[^/]+\.controller\.ts$/.test(path);

export function pageControllers(): string[] {
  return walk(SRC)
    .map((p) => relative(SRC, p).split(sep).join('/'))
    .filter(isPageController)
    .sort();
}

/** What a file imports that a page controller must not: `module` or `module: Name`. */
export function forbiddenImports(source: string): string[] {
  const found: string[] = [];
  const statements =
    /\bimport\s+(?:type\s+)?([\s\S]*?)\s+from\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(statements)) {
    const spec = m[2] ?? m[3] ?? m[4];
    if (forbiddenModule(spec)) found.push(spec);
    const names = (m[1] ?? '')
      .replace(/[{}*]/g, ' ')
      .split(/[\s,]+/)
      .map((n) => n.replace(/^type$/, ''));
    for (const name of names.filter(Boolean)) if (FORBIDDEN_NAMES.has(name)) found.push(`${spec}: ${name}`);
  }
  return [...new Set(found)];
}

describe('page controllers do no database access', () => {
  const files = pageControllers();

  it('finds the page controllers (the scan itself works)', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'audit/audit-pages.controller.ts',
        'reports/reports-pages.controller.ts',
        'users/pages/users-pages.controller.ts',
      ]),
    );
  });

  it('no page controller imports a repository, data source, entity manager, TypeORM or the raw-SQL helper', () => {
    const offenders = files
      .map((f) => ({ file: f, imports: forbiddenImports(readFileSync(join(SRC, f), 'utf8')) }))
      .filter((o) => o.imports.length > 0);
    expect(offenders).toEqual([]);
  });

  it('recognises the imports it forbids', () => {
    const sample = [
      "import { InjectEntityManager } from '@nestjs/typeorm';",
      "import { EntityManager, In } from 'typeorm';",
      "import type {\n  Repository,\n} from './somewhere';",
      "import { rawRows } from '../database/raw-sql';",
      "import { Roles } from '../auth/decorators/auth.decorators';",
    ].join('\n');
    expect(forbiddenImports(sample)).toEqual([
      '@nestjs/typeorm',
      '@nestjs/typeorm: InjectEntityManager',
      'typeorm',
      'typeorm: EntityManager',
      './somewhere: Repository',
      '../database/raw-sql',
    ]);
  });
});
