import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyContent, removeContentCopies, replaceIn } from '../../../test/fixtures/content/content-fixture';
import { loadContent } from '../loader/load-content';
import { qualityProblems } from './bank-quality';
import { keyIsLongest } from './bank-measures';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'content', 'bank-quality');
const INTAKE_BANK = 'courses/fixture-intake/questions/bank.yaml';
const INTAKE_COURSE = 'courses/fixture-intake/course.yaml';

/** The valid fixture tree with the intake course's bank replaced by one of the bank-quality fixtures. */
function treeWithBank(fixture: string) {
  const dir = copyContent();
  copyFileSync(join(FIXTURES, fixture), join(dir, INTAKE_BANK));
  replaceIn(dir, INTAKE_COURSE, 'questionCount: 3', 'questionCount: 2'); // the smallest fixture has two items
  const { tree, problems } = loadContent(dir);
  expect(problems).toEqual([]); // the fixture is valid content; only the cue limits may fail
  return tree;
}

const summary = (fixture: string, exempt: string[] = []) =>
  qualityProblems(treeWithBank(fixture), exempt).map((p) => ({ code: p.code, file: p.file, line: p.line }));

describe('bank quality limits', () => {
  afterAll(() => removeContentCopies());

  it('should accept a bank that meets every limit', () => {
    expect(summary('passing.yaml')).toEqual([]);
  });

  it('should fail a course whose keyed option is the longest in more than 30 % of single-choice items, naming them', () => {
    const problems = qualityProblems(treeWithBank('key-longest.yaml'), []);
    const keyLongest = problems.filter((p) => p.code === 'KEY_LONGEST_TOO_OFTEN');
    expect(keyLongest.map((p) => p.file)).toContain(INTAKE_COURSE);
    expect(keyLongest[0].message).toContain('2/3');
    expect(keyLongest[0].message).toContain('bq-kl-01');
    expect(keyLongest[0].message).toContain('bq-kl-02');
    expect(keyLongest[0].message).not.toContain('bq-kl-03');
  });

  it('should fail a course whose difficulty-3 keys are the longest in more than 40 % even when the overall share is within 30 %', () => {
    const problems = qualityProblems(treeWithBank('key-longest-difficulty-3.yaml'), []);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'KEY_LONGEST_TOO_OFTEN', file: INTAKE_COURSE });
    expect(problems[0].message).toContain('1/2');
    expect(problems[0].message).toContain('bq-d3-01');
  });

  it('should fail a multiple-choice item with only one wrong option, at its line', () => {
    expect(summary('one-wrong-option.yaml')).toEqual([
      { code: 'MULTIPLE_TOO_FEW_WRONG_OPTIONS', file: INTAKE_BANK, line: 2 },
    ]);
  });

  it('should fail a course whose false statements carry absolute words more than 1.5x as often as its true ones', () => {
    const problems = qualityProblems(treeWithBank('absolute-words.yaml'), []);
    expect(problems.map((p) => p.code)).toEqual(['ABSOLUTE_WORDS_CUE']);
    expect(problems[0].message).toContain('3/5');
    expect(problems[0].message).toContain('bq-aw-f3');
  });

  it('should fail a near-duplicate pair outside a family, and accept it once both share one', () => {
    expect(summary('near-duplicate.yaml')).toEqual([{ code: 'NEAR_DUPLICATE', file: INTAKE_BANK, line: 15 }]);
    const tree = treeWithBank('near-duplicate.yaml');
    for (const q of tree.courses.flatMap((c) => c.questions)) q.family = 'fx-delegates';
    expect(qualityProblems(tree, [])).toEqual([]);
  });

  it('should measure but not enforce an exempt course', () => {
    expect(summary('key-longest.yaml', ['fixture-intake'])).toEqual([]);
  });

  it('should ignore whitespace and punctuation when comparing option lengths', () => {
    const tree = treeWithBank('passing.yaml');
    const q = tree.courses.flatMap((c) => c.questions).find((x) => x.id === 'bq-022-01')!;
    q.options = [
      { id: 'A', text: '十五日，。「」' },
      { id: 'B', text: '三十日内' },
    ];
    q.answer = ['A'];
    expect(keyIsLongest(q)).toBe(false);
    q.options[1].text = '三十';
    expect(keyIsLongest(q)).toBe(true);
  });
});
