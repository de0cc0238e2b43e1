import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * Proves eslint.config.mjs rejects a bad import: ESLint's API (`lintText`, the config `npm run lint`
 * uses) on fixtures given under existing files' names, so typed linting finds them in the project.
 * One child process for all fixtures, because ESLint loads its flat config as an ES module, which
 * Jest's VM cannot, and because starting typed linting once is the slow part.
 */
const root = path.resolve(__dirname, '..');
type Message = { ruleId: string | null; severity: number; message: string };

const runner = `
const { ESLint } = await import('eslint');
const eslint = new ESLint({ cwd: process.cwd() });
const fixtures = JSON.parse(await new Promise((ok) => { let s = ''; process.stdin.on('data', (d) => (s += d)); process.stdin.on('end', () => ok(s)); }));
const out = [];
for (const [filePath, text] of fixtures) out.push((await eslint.lintText(text, { filePath }))[0].messages);
process.stdout.write(JSON.stringify(out));
`;

let results: Message[][] = [];
const FIXTURES: Array<[string, string]> = [];
const fixture = (filePath: string, text: string): number => FIXTURES.push([filePath, text]) - 1;

const errorsOf = (messages: Message[], ruleId: string) =>
  messages.filter((m) => m.ruleId === ruleId && m.severity === 2);

const commonToFeature = fixture(
  'src/common/views/pager.ts',
  "import type { Role } from '../../users/entities/user.entity';\nexport type R = Role;\n",
);
const commonFine = fixture(
  'src/common/http/public-url.ts',
  "import type { AppConfig } from '../../config/app-config';\nimport { highlightHtml } from '../search/normalised-search';\nexport type C = AppConfig;\nexport const h = highlightHtml;\n",
);
const databaseToFeature = fixture(
  'src/database/column-types.ts',
  "export { Unit } from '../units/entities/unit.entity';\n",
);
const pageControllerQueries = fixture(
  'src/units/units-pages.controller.ts',
  [
    "import { InjectDataSource } from '@nestjs/typeorm';",
    "import { DataSource } from 'typeorm';",
    "import { rawRows } from '../database/sql/raw-sql';",
    'export const x = [InjectDataSource, rawRows];',
    'export type D = DataSource;',
    '',
  ].join('\n'),
);

describe('layering lint rules (eslint.config.mjs)', () => {
  beforeAll(() => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', runner], {
      cwd: root,
      input: JSON.stringify(FIXTURES),
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(run.stderr);
    results = JSON.parse(run.stdout) as Message[][];
  }, 300_000);

  it('src/common importing a feature folder is an error; common, config and a same-named common subfolder are not', () => {
    const bad = results[commonToFeature];
    expect(errorsOf(bad, 'layering/no-feature-imports')).toHaveLength(1);
    expect(errorsOf(bad, 'layering/no-feature-imports')[0].message).toContain("'users' feature");
    const fine = results[commonFine];
    expect(errorsOf(fine, 'layering/no-feature-imports')).toEqual([]);
  });

  it('src/database importing a feature folder is an error', () => {
    const bad = results[databaseToFeature];
    expect(errorsOf(bad, 'layering/no-feature-imports')).toHaveLength(1);
  });

  it('a page controller importing the data source, @nestjs/typeorm or raw SQL is an error', () => {
    const bad = results[pageControllerQueries];
    expect(errorsOf(bad, 'no-restricted-imports')).toHaveLength(3);
  });
});
