import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyContent, lineOf, removeContentCopies, replaceIn } from '../../../test/fixtures/content/content-fixture';
import { readContent } from '../loader/content-reader';
import { checkRegulationQuotes } from './check-quotes';
import { regulationQuoteProblems } from './regulation-quotes';

const REGULATION_FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'regulation', 'regulation-fixture.md');
const regulation = readFileSync(REGULATION_FIXTURE, 'utf8');
const LESSON_2 = 'courses/fixture-intake/lessons/02-visits.md';
const INTAKE_BANK = 'courses/fixture-intake/questions/bank.yaml';

const quoteProblems = (edit: (dir: string) => void) => {
  const dir = copyContent();
  edit(dir);
  return { dir, problems: checkRegulationQuotes(readContent(dir), regulation) };
};

describe('checkRegulationQuotes (defect 10: 「」 only for verbatim quotes of the 条例)', () => {
  afterAll(() => removeContentCopies());

  it('should accept the fixture, whose one quote is verbatim', () => {
    expect(quoteProblems(() => undefined).problems).toEqual([]);
  });

  it('should report a 「」 quote the text does not contain at its file and line', () => {
    const { dir, problems } = quoteProblems((d) => replaceIn(d, LESSON_2, '「不得超过5人」', '「最多五个人」'));
    expect(problems.map(({ file, line, code }) => ({ file, line, code }))).toEqual([
      { file: LESSON_2, line: lineOf(dir, LESSON_2, '最多五个人'), code: 'QUOTE_NOT_VERBATIM' },
    ]);
    expect(problems[0].message).toContain('「最多五个人」不是条例原文');
    expect(problems[0].message).toContain('“”');
  });

  it('should ignore whitespace inside the quote and in the text', () => {
    expect(quoteProblems((d) => replaceIn(d, LESSON_2, '「不得超过5人」', '「不得超过 5 人」')).problems).toEqual([]);
  });

  it('should split a quote at …… and require every part, naming the missing one', () => {
    expect(
      quoteProblems((d) => replaceIn(d, LESSON_2, '「不得超过5人」', '「多人采用走访形式……代表人数不得超过5人」')).problems,
    ).toEqual([]);
    const { problems } = quoteProblems((d) => replaceIn(d, LESSON_2, '「不得超过5人」', '「多人采用走访形式……不得超过十人」'));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('找不到的部分：“不得超过十人”');
  });

  it('should check question stems, options and explanations at their lines', () => {
    const { dir, problems } = quoteProblems((d) => {
      replaceIn(d, INTAKE_BANK, 'stem: 信访部门收到信访事项后，', 'stem: 「信访部门接到」信访事项后，');
      replaceIn(d, INTAKE_BANK, 'A: 5个工作日', 'A: 「五个工作日内」');
      replaceIn(d, INTAKE_BANK, 'explanation: 依据第二十二条，', 'explanation: 「依据第二十二条」，');
    });
    expect(problems.map((p) => p.line)).toEqual([
      lineOf(dir, INTAKE_BANK, '「信访部门接到」'),
      lineOf(dir, INTAKE_BANK, '「依据第二十二条」'),
      lineOf(dir, INTAKE_BANK, '「五个工作日内」'),
    ]);
    expect(problems.every((p) => p.file === INTAKE_BANK && p.code === 'QUOTE_NOT_VERBATIM')).toBe(true);
  });

  it('should report a text that is not the 条例 instead of failing every quote', () => {
    const dir = copyContent();
    const { problems, checked } = regulationQuoteProblems(readContent(dir), join(dir, LESSON_2));
    expect(checked).toBe(0);
    expect(problems[0].code).toBe('REGULATION_TEXT_INVALID');
    expect(regulationQuoteProblems(readContent(dir), '/nonexistent/regulation.md').problems[0].message).toMatch(/^无法读取条例全文/);
    expect(regulationQuoteProblems(readContent(dir), REGULATION_FIXTURE)).toEqual({ problems: [], checked: 1 });
  });
});
