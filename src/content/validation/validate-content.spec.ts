import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  copyContent,
  editFile,
  lineOf,
  removeContentCopies,
  replaceIn,
} from '../../../test/fixtures/content/content-fixture';
import { readContent } from '../loader/content-reader';
import type { Problem, ProblemCode } from '../model/problem';
import { validateContent } from './validate-content';

const INTAKE_BANK = 'courses/fixture-intake/questions/bank.yaml';
const HANDLING_BANK = 'courses/fixture-handling/questions/bank.yaml';
const INTAKE_COURSE = 'courses/fixture-intake/course.yaml';
const LESSON_1 = 'courses/fixture-intake/lessons/01-registration.md';
const LESSON_2 = 'courses/fixture-intake/lessons/02-visits.md';
const ARTICLES = 'regulation/articles.yaml';

/** Breaks a copy of the valid fixture and returns every problem the validator finds. */
function problemsAfter(breakIt: (dir: string) => void): { dir: string; problems: Problem[] } {
  const dir = copyContent();
  breakIt(dir);
  return { dir, problems: validateContent(readContent(dir)) };
}

/** The content is rejected with exactly this problem, at this file and line. */
function expectOnly(problems: Problem[], code: ProblemCode, file: string, line: number): void {
  expect(problems.map(({ code: c, file: f, line: l }) => ({ code: c, file: f, line: l }))).toEqual([
    { code, file, line },
  ]);
  expect(problems[0].message.length).toBeGreaterThan(0);
}

describe('validateContent', () => {
  afterAll(() => removeContentCopies());

  it('should accept the valid fixture tree', () => {
    expect(problemsAfter(() => undefined).problems).toEqual([]);
  });

  it('should reject an article number outside 1..50 at the line that cites it', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_BANK, 'articles: [23]', 'articles: [23, 51]'),
    );
    expectOnly(problems, 'ARTICLE_UNKNOWN', INTAKE_BANK, lineOf(dir, INTAKE_BANK, 'articles: [23, 51]'));
  });

  it('should reject a lesson that cites no article', () => {
    const { dir, problems } = problemsAfter((d) => replaceIn(d, LESSON_1, 'articles: [22]', 'articles: []'));
    expectOnly(problems, 'ARTICLES_MISSING', LESSON_1, lineOf(dir, LESSON_1, 'articles: []'));
  });

  it('should reject a question without articles at the question line', () => {
    const { dir, problems } = problemsAfter((d) => replaceIn(d, HANDLING_BANK, '  articles: [35]\n', ''));
    expectOnly(problems, 'ARTICLES_MISSING', HANDLING_BANK, lineOf(dir, HANDLING_BANK, 'id: fx-035-01'));
  });

  it('should reject a question without an answer', () => {
    const { dir, problems } = problemsAfter((d) => replaceIn(d, HANDLING_BANK, '  answer: C\n', ''));
    expectOnly(problems, 'ANSWER_MISSING', HANDLING_BANK, lineOf(dir, HANDLING_BANK, 'id: fx-034-01'));
  });

  it('should reject an answer letter that is not an option', () => {
    const { dir, problems } = problemsAfter((d) => replaceIn(d, HANDLING_BANK, 'answer: C', 'answer: D'));
    expectOnly(problems, 'ANSWER_NOT_OPTION', HANDLING_BANK, lineOf(dir, HANDLING_BANK, 'answer: D'));
  });

  it('should reject a multiple-choice question with fewer than two answers', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_BANK, 'answer: [A, B]', 'answer: [A]'),
    );
    expectOnly(problems, 'MULTIPLE_TOO_FEW_ANSWERS', INTAKE_BANK, lineOf(dir, INTAKE_BANK, 'answer: [A]'));
  });

  it('should reject a true/false question that has options', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, HANDLING_BANK, '  answer: true\n', '  options:\n    A: 对\n    B: 错\n  answer: true\n'),
    );
    // the first `options:` of this bank belongs to the single-choice fx-034-01; the new one is the last
    expectOnly(
      problems,
      'TRUEFALSE_HAS_OPTIONS',
      HANDLING_BANK,
      readLines(dir, HANDLING_BANK).lastIndexOf('  options:') + 1,
    );
  });

  it('should reject a true/false answer that is not a boolean', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, HANDLING_BANK, 'answer: true', 'answer: yes'),
    );
    expectOnly(problems, 'ANSWER_INVALID', HANDLING_BANK, lineOf(dir, HANDLING_BANK, 'answer: yes'));
  });

  // Courses are read in folder order: fixture-handling first, so the copy in fixture-intake is the duplicate.
  it('should reject a question id used again in another course', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_BANK, 'id: fx-026-01', 'id: fx-035-01'),
    );
    expectOnly(problems, 'DUPLICATE_ID', INTAKE_BANK, lineOf(dir, INTAKE_BANK, 'id: fx-035-01'));
    expect(problems[0].message).toContain(HANDLING_BANK);
  });

  it('should reject a lesson id equal to another lesson id', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, LESSON_2, 'id: fixture-intake-02', 'id: fixture-intake-01'),
    );
    expectOnly(problems, 'DUPLICATE_ID', LESSON_2, lineOf(dir, LESSON_2, 'id: fixture-intake-01'));
  });

  it('should reject a stem that already exists in another file', () => {
    const stem = '出具信访处理意见书的信访事项，一般应当自受理之日起多少日内办结？';
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_BANK, 'stem: 信访人可以在机关门口滞留以表达诉求。', `stem: ${stem}`),
    );
    expectOnly(problems, 'DUPLICATE_STEM', INTAKE_BANK, lineOf(dir, INTAKE_BANK, stem));
  });

  it('should reject a dimension outside the five', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, LESSON_2, 'dimension: order', 'dimension: security'),
    );
    expectOnly(problems, 'DIMENSION_INVALID', LESSON_2, lineOf(dir, LESSON_2, 'dimension: security'));
  });

  it('should reject a difficulty outside 1..3', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_BANK, 'difficulty: 2\n\n- id: fx-026-01', 'difficulty: 4\n\n- id: fx-026-01'),
    );
    expectOnly(problems, 'DIFFICULTY_INVALID', INTAKE_BANK, lineOf(dir, INTAKE_BANK, 'difficulty: 4'));
  });

  it('should reject a question type outside the three', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_BANK, 'type: multiple', 'type: essay'),
    );
    expectOnly(problems, 'TYPE_INVALID', INTAKE_BANK, lineOf(dir, INTAKE_BANK, 'type: essay'));
  });

  it('should reject an explanation that names no article', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(
        d,
        HANDLING_BANK,
        'explanation: 依据第三十四条，应当自受理之日起60日内办结。',
        'explanation: 应当自受理之日起60日内办结。',
      ),
    );
    expectOnly(
      problems,
      'EXPLANATION_NO_ARTICLE',
      HANDLING_BANK,
      lineOf(dir, HANDLING_BANK, 'explanation: 应当自受理之日起60日内办结。'),
    );
  });

  it('should reject an invalid course field', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_COURSE, 'passMark: 80', 'passMark: 120'),
    );
    expectOnly(problems, 'COURSE_FIELD_INVALID', INTAKE_COURSE, lineOf(dir, INTAKE_COURSE, 'passMark: 120'));
  });

  it('should reject a course file with a missing field', () => {
    const { problems } = problemsAfter((d) => replaceIn(d, INTAKE_COURSE, 'creditHours: 1.5\n', ''));
    expectOnly(problems, 'COURSE_FIELD_INVALID', INTAKE_COURSE, 1);
  });

  it('should reject a course id that differs from its folder', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_COURSE, 'id: fixture-intake', 'id: intake'),
    );
    expectOnly(problems, 'COURSE_FIELD_INVALID', INTAKE_COURSE, lineOf(dir, INTAKE_COURSE, 'id: intake'));
  });

  it('should reject two lessons with the same order in one course', () => {
    const { dir, problems } = problemsAfter((d) => replaceIn(d, LESSON_2, 'order: 2', 'order: 1'));
    expectOnly(problems, 'LESSON_ORDER_DUPLICATE', LESSON_2, lineOf(dir, LESSON_2, 'order: 1'));
  });

  it('should reject an article link outside 1..50 at its line in the lesson body', () => {
    const { dir, problems } = problemsAfter((d) => replaceIn(d, LESSON_2, '(article:26)', '(article:62)'));
    expectOnly(problems, 'ARTICLE_LINK_INVALID', LESSON_2, lineOf(dir, LESSON_2, 'article:62'));
  });

  it('should reject reference-style and autolinked article links outside 1..50, as the reader would render them', () => {
    const { dir, problems } = problemsAfter((d) =>
      editFile(d, LESSON_2, (text) => `${text}\n另见<article:77>和[某条][r]；\`[代码](article:88)\`。\n\n[r]: article:99\n`),
    );
    expect(problems.map(({ code, file, line }) => ({ code, file, line }))).toEqual([
      { code: 'ARTICLE_LINK_INVALID', file: LESSON_2, line: lineOf(dir, LESSON_2, '<article:77>') },
      { code: 'ARTICLE_LINK_INVALID', file: LESSON_2, line: lineOf(dir, LESSON_2, '[r]: article:99') },
    ]);
  });

  it('should reject an articles.yaml that misses an article', () => {
    const { problems } = problemsAfter((d) =>
      editFile(d, ARTICLES, (text) => text.replace(/- number: 37\n(?: {2}.*\n)+/, '')),
    );
    expectOnly(problems, 'ARTICLE_INDEX_MISSING', ARTICLES, 1);
    expect(problems[0].message).toContain('37');
  });

  it('should reject an articles.yaml that lists an article twice', () => {
    const { dir, problems } = problemsAfter((d) =>
      editFile(d, ARTICLES, (text) => text.replace('- number: 37\n', '- number: 36\n')),
    );
    const codes = problems.map((p) => p.code).sort();
    expect(codes).toEqual(['ARTICLE_INDEX_DUPLICATE', 'ARTICLE_INDEX_MISSING']);
    const duplicate = problems.find((p) => p.code === 'ARTICLE_INDEX_DUPLICATE') as Problem;
    expect(duplicate.file).toBe(ARTICLES);
    expect(duplicate.line).toBe(readLines(dir, ARTICLES).lastIndexOf('- number: 36') + 1);
  });

  it('should report a YAML syntax error with its line', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, HANDLING_BANK, '    B: 30日', '    B: [30日'),
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'YAML_SYNTAX' && p.file === HANDLING_BANK)).toBe(true);
    expect(problems[0].line).toBeGreaterThanOrEqual(lineOf(dir, HANDLING_BANK, 'B: [30日'));
    expect(problems[0].line).toBeLessThanOrEqual(lineOf(dir, HANDLING_BANK, 'B: [30日') + 1);
  });

  it('should report a YAML syntax error in lesson front matter at the file line', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, LESSON_2, 'title: 走访与代表人数', 'title: "走访与代表人数'),
    );
    expect(problems[0]).toMatchObject({ code: 'YAML_SYNTAX', file: LESSON_2 });
    expect(problems[0].line).toBeGreaterThanOrEqual(lineOf(dir, LESSON_2, 'title:'));
  });

  it('should reject a lesson without front matter', () => {
    const { problems } = problemsAfter((d) => editFile(d, LESSON_2, (text) => text.replace(/^---\n/, '')));
    expectOnly(problems, 'FRONT_MATTER_MISSING', LESSON_2, 1);
  });

  it('should reject a misspelt field name', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(
        d,
        HANDLING_BANK,
        'difficulty: 1\n\n- id: fx-035-01',
        'difficulty: 1\n  dificulty: 2\n\n- id: fx-035-01',
      ),
    );
    expectOnly(problems, 'UNKNOWN_FIELD', HANDLING_BANK, lineOf(dir, HANDLING_BANK, 'dificulty'));
  });

  it('should reject a quiz that draws more questions than the bank has', () => {
    const { dir, problems } = problemsAfter((d) =>
      replaceIn(d, INTAKE_COURSE, 'questionCount: 3', 'questionCount: 5'),
    );
    expectOnly(
      problems,
      'QUIZ_TOO_FEW_QUESTIONS',
      INTAKE_COURSE,
      lineOf(dir, INTAKE_COURSE, 'questionCount: 5'),
    );
  });
});

function readLines(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'utf8').split('\n');
}
