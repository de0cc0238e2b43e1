import { ROLES } from '../../users/entities/user.entity';
import { ARTICLE_COUNT } from '../dimensions';
import { articleOfLink, linkTargets } from '../markdown/render-markdown';
import type { RawCourse, RawItem, RawLesson } from '../model/content-model';
import { checkQuizBlock, poolOf } from '../quiz/check-quiz';
import {
  checkArticles,
  checkDimension,
  checkId,
  checkText,
  checkUnknownFields,
  isInt,
  isMissing,
  isText,
  Reporter,
} from './reporter';

const COURSE_FIELDS = [
  'id',
  'title',
  'summary',
  'creditHours',
  'validityMonths',
  'passMark',
  'requiredRoles',
  'order',
  'quiz',
] as const;
const LESSON_FIELDS = ['id', 'order', 'title', 'articles', 'dimension'] as const;

/** course.yaml: every field present and valid; a course problem is always COURSE_FIELD_INVALID. */
export function checkCourse(r: Reporter, course: RawCourse): void {
  const c = course.course;
  if (!c) return;
  checkUnknownFields(r, c, COURSE_FIELDS);
  const bad = (field: string | null, message: string) => r.add(c, field, 'COURSE_FIELD_INVALID', message);
  const d = c.data;
  for (const field of COURSE_FIELDS)
    {if (field !== 'quiz' && isMissing(d[field])) bad(null, `course.yaml 缺少 ${field}`);}
  if (!isMissing(d.id) && d.id !== course.folder)
    {bad('id', `id ${JSON.stringify(d.id)} 应与课程目录名 ${course.folder} 相同`);}
  if (!isMissing(d.title) && (!isText(d.title) || d.title.trim().length > 200))
    {bad('title', 'title 应为不超过 200 字的文字');}
  if (!isMissing(d.summary) && !isText(d.summary)) bad('summary', 'summary 应为文字');
  const credit = d.creditHours;
  if (!isMissing(credit) && !(typeof credit === 'number' && credit > 0 && Number.isInteger(credit * 2))) {
    bad(
      'creditHours',
      `creditHours ${JSON.stringify(credit)} 无效：应为大于 0 的学时数，可以是半学时（如 1.5）`,
    );
  }
  if (!isMissing(d.validityMonths) && !(isInt(d.validityMonths) && d.validityMonths >= 0)) {
    bad('validityMonths', 'validityMonths 应为 0（长期有效）或正整数月数');
  }
  if (!isMissing(d.passMark) && !(isInt(d.passMark) && d.passMark >= 0 && d.passMark <= 100))
    {bad('passMark', 'passMark 应为 0 到 100 的整数');}
  if (!isMissing(d.order) && !isInt(d.order)) bad('order', 'order 应为整数');
  const roles = d.requiredRoles;
  if (
    !isMissing(roles) &&
    (!Array.isArray(roles) ||
      roles.length === 0 ||
      roles.some((x) => !(ROLES as readonly unknown[]).includes(x)))
  ) {
    bad('requiredRoles', `requiredRoles 应为角色列表，取值 ${ROLES.join(' | ')}`);
  }
  checkQuiz(r, c, course);
}

function checkQuiz(r: Reporter, c: RawItem, course: RawCourse): void {
  const quiz = c.data.quiz;
  if (quiz === undefined || quiz === null) return;
  if (typeof quiz !== 'object' || Array.isArray(quiz)) {
    r.add(c, 'quiz', 'COURSE_FIELD_INVALID', 'quiz 应包含 questionCount、timeLimitMinutes、attemptsAllowed');
    return;
  }
  checkQuizBlock(r, c, quiz as Record<string, unknown>, { prefix: 'quiz.', pool: poolOf(course.folder, course.questions), courseIds: null });
}

/** Front matter and body of one lesson; unique ids and orders are checked across files. */
export function checkLesson(r: Reporter, lesson: RawLesson): void {
  checkUnknownFields(r, lesson, LESSON_FIELDS);
  checkId(r, lesson);
  checkText(r, lesson, 'title', 200);
  const order = lesson.data.order;
  if (isMissing(order)) r.add(lesson, null, 'FIELD_MISSING', '缺少 order');
  else if (!(isInt(order) && order >= 1))
    {r.add(lesson, 'order', 'FIELD_INVALID', 'order 应为正整数（课时在课程中的位置）');}
  checkArticles(r, lesson);
  checkDimension(r, lesson);
  if (lesson.body.trim() === '') r.add(lesson, null, 'LESSON_BODY_EMPTY', '课时正文为空');
  checkArticleLinks(r, lesson);
}

/**
 * `[第二十二条](article:22)`: the number must be an article of the 条例. The links are read with the
 * reader's own Markdown parser, so reference-style links and `<article:N>` autolinks are checked too.
 */
function checkArticleLinks(r: Reporter, lesson: RawLesson): void {
  const lastAt = new Map<string, number>(); // the same link twice: the second is found after the first
  for (const href of linkTargets(lesson.body).map((h) => h.trim())) {
    if (!/^article:/i.test(href)) continue;
    const target = href.slice('article:'.length);
    const at = lesson.body.indexOf(href, (lastAt.get(href) ?? -1) + 1);
    lastAt.set(href, at);
    const n = articleOfLink(href);
    if (n !== null && n >= 1 && n <= ARTICLE_COUNT) continue;
    const line = lesson.bodyLine + (lesson.body.slice(0, Math.max(at, 0)).match(/\n/g)?.length ?? 0);
    r.at(
      lesson.file,
      line,
      'ARTICLE_LINK_INVALID',
      `链接 article:${target} 无效：应为 article:1 到 article:50`,
    );
  }
}
