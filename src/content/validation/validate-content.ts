import type { RawContent, RawItem } from '../model/content-model';
import { sortProblems, type Problem } from '../model/problem';
import { checkArticleIndex } from './check-articles';
import { checkCourse, checkLesson } from './check-course';
import { checkQuestion } from './check-questions';
import { checkExam, poolOf } from '../quiz/check-quiz';
import { isInt, isText, Reporter } from './reporter';

/** Every problem in the content tree, each with file and line, sorted by file and line. */
export function validateContent(raw: RawContent): Problem[] {
  const r = new Reporter();
  r.problems.push(...raw.problems);
  if (raw.articles) checkArticleIndex(r, raw.articlesFile, raw.articles);
  for (const course of raw.courses) {
    checkCourse(r, course);
    course.lessons.forEach((lesson) => checkLesson(r, lesson));
    course.questions.forEach((question) => checkQuestion(r, question));
    checkUniqueLessonOrder(r, course.lessons);
  }
  const pool = raw.courses.flatMap((c) => poolOf(c.folder, c.questions));
  const courseIds = new Set(raw.courses.map((c) => c.folder));
  for (const exam of raw.exams) checkExam(r, exam, exam.file.replace(/^.*\//, '').replace(/\.ya?ml$/i, ''), pool, courseIds);
  checkUnique(r, raw.exams, 'id', 'DUPLICATE_ID', (v) => `考试 id ${v} 重复`);
  const lessons = raw.courses.flatMap((c) => c.lessons);
  const questions = raw.courses.flatMap((c) => c.questions);
  checkUnique(r, [...lessons, ...questions], 'id', 'DUPLICATE_ID', (v) => `id ${v} 重复`);
  checkUnique(r, questions, 'stem', 'DUPLICATE_STEM', () => '题干重复');
  return sortProblems(r.problems);
}

/** Reports the second and later occurrences, naming where the first one is. */
function checkUnique(
  r: Reporter,
  items: RawItem[],
  field: 'id' | 'stem',
  code: 'DUPLICATE_ID' | 'DUPLICATE_STEM',
  label: (v: string) => string,
): void {
  const first = new Map<string, RawItem>();
  for (const item of items) {
    const value = item.data[field];
    if (!isText(value)) continue;
    const key = value.replace(/\s+/g, ' ').trim();
    const seen = first.get(key);
    if (seen)
      {r.add(item, field, code, `${label(key)}：与 ${seen.file}:${seen.lines[field] ?? seen.line} 相同`);}
    else first.set(key, item);
  }
}

function checkUniqueLessonOrder(r: Reporter, lessons: RawItem[]): void {
  const first = new Map<number, RawItem>();
  for (const lesson of lessons) {
    const order = lesson.data.order;
    if (!isInt(order)) continue;
    const seen = first.get(order);
    if (seen)
      {r.add(
        lesson,
        'order',
        'LESSON_ORDER_DUPLICATE',
        `order ${order} 与 ${seen.file} 重复：同一课程内课时顺序不能相同`,
      );}
    else first.set(order, lesson);
  }
}
