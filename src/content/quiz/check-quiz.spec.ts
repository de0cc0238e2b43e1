import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyContent, lineOf, removeContentCopies, replaceIn } from '../../../test/fixtures/content/content-fixture';
import { buildContentTree } from '../loader/content-builder';
import { readContent } from '../loader/content-reader';
import type { Problem } from '../model/problem';
import { validateContent } from '../validation/validate-content';

const INTAKE_COURSE = 'courses/fixture-intake/course.yaml';
const INTAKE_BANK = 'courses/fixture-intake/questions/bank.yaml';
const EXAM = 'exams/annual.yaml';
const VALID_EXAM = `id: annual
title: 年度考试
passMark: 80
opensAt: 2026-12-01T09:00:00+08:00
closesAt: 2026-12-31T18:00:00+08:00
audience:
  roles: [officer]
  units: [甲街道]
draw:
  - { count: 2, dimension: acceptance }
  - { count: 1, courses: [fixture-handling] }
timeLimitMinutes: 30
attemptsAllowed: 1
grading: last
review: { when: after-close, show: chosen }
`;

function withExam(text: string, edit?: (dir: string) => void): { dir: string; problems: Problem[] } {
  const dir = copyContent();
  mkdirSync(join(dir, 'exams'));
  writeFileSync(join(dir, EXAM), text);
  edit?.(dir);
  return { dir, problems: validateContent(readContent(dir)) };
}
const brief = (problems: Problem[]) => problems.map((p) => ({ code: p.code, file: p.file, line: p.line }));

describe('quiz definitions in content', () => {
  afterAll(() => removeContentCopies());

  it('should accept an exam with draw rules and read it with its settings', () => {
    const { dir, problems } = withExam(VALID_EXAM);
    expect(problems).toEqual([]);
    const [exam] = buildContentTree(readContent(dir)).exams;
    expect(exam).toMatchObject({ id: 'annual', opensAt: '2026-12-01T01:00:00.000Z', audience: { roles: ['officer'], units: ['甲街道'] } });
    expect(exam.rules).toMatchObject({ questionCount: 3, grading: 'last', passMark: 80, shuffleQuestions: true, partialCredit: false, review: { when: 'after-close', show: 'chosen' } });
  });

  it('should reject an unknown grading method at its line', () => {
    const { dir, problems } = withExam(VALID_EXAM.replace('grading: last', 'grading: best'));
    expect(brief(problems)).toEqual([{ code: 'QUIZ_FIELD_INVALID', file: EXAM, line: lineOf(dir, EXAM, 'grading: best') }]);
  });

  it('should reject a rule that asks for more questions than its filter finds', () => {
    const { dir, problems } = withExam(VALID_EXAM.replace('{ count: 2, dimension: acceptance }', '{ count: 5, dimension: acceptance }'));
    expect(brief(problems)).toEqual([{ code: 'QUIZ_TOO_FEW_QUESTIONS', file: EXAM, line: lineOf(dir, EXAM, 'count: 5') }]);
  });

  it('should count a family once: a course quiz cannot draw more questions than it has families', () => {
    const { dir, problems } = withExam(VALID_EXAM, (d) => {
      for (const id of ['fx-022-01', 'fx-020-01', 'fx-023-01']) replaceIn(d, INTAKE_BANK, `- id: ${id}\n`, `- id: ${id}\n  family: same-fact\n`);
    });
    expect(brief(problems)).toContainEqual({ code: 'QUIZ_TOO_FEW_QUESTIONS', file: INTAKE_COURSE, line: lineOf(dir, INTAKE_COURSE, 'questionCount: 3') });
  });

  it('should reject closing before opening, an unknown course and an id that is not the file name', () => {
    const { problems } = withExam(
      VALID_EXAM.replace('id: annual', 'id: yearly').replace('closesAt: 2026-12-31T18:00:00+08:00', 'closesAt: 2026-11-30T18:00:00+08:00').replace('courses: [fixture-handling]', 'courses: [no-such-course]'),
    );
    expect(problems.map((p) => p.code).sort()).toEqual(['EXAM_FIELD_INVALID', 'EXAM_FIELD_INVALID', 'QUIZ_FIELD_INVALID']);
  });

  it('should reject a date without a time zone', () => {
    const { dir, problems } = withExam(VALID_EXAM.replace('opensAt: 2026-12-01T09:00:00+08:00', 'opensAt: 2026-12-01 09:00'));
    expect(brief(problems)).toEqual([{ code: 'EXAM_FIELD_INVALID', file: EXAM, line: lineOf(dir, EXAM, 'opensAt') }]);
  });

  it('should reject courses in a course quiz and an unknown quiz field', () => {
    const dir = copyContent();
    replaceIn(dir, INTAKE_COURSE, '  attemptsAllowed: 2', '  attemptsAllowed: 2\n  shuffle: yes\n  draw:\n    - { count: 3, courses: [fixture-handling] }');
    const codes = validateContent(readContent(dir)).map((p) => p.code).sort();
    expect(codes).toEqual(['QUIZ_FIELD_INVALID', 'UNKNOWN_FIELD']);
  });
});
