import { ROLES } from '../../users/entities/user.entity';
import { DIMENSIONS } from '../dimensions';
import { QUESTION_TYPES, type RawItem } from '../model/content-model';
import type { ProblemCode } from '../model/problem';
import { isArticleNo, isInt, isMissing, isText, Reporter } from '../validation/reporter';
import { drawPaper, ruleCapacity, type PoolQuestion } from '../../quizzes/draw-paper';
import { DRAW_FIELDS, GRADING_METHODS, QUIZ_FIELDS, quizRulesOf, REVIEW_SHOW, REVIEW_WHEN } from './quiz-definition';

/** The raw questions of a bank as the draw sees them (lenient: validation of the questions is elsewhere). */
export function poolOf(courseId: string, questions: RawItem[]): PoolQuestion[] {
  return questions.map((q) => ({
    id: String(q.data.id),
    courseId,
    type: q.data.type as PoolQuestion['type'],
    dimension: q.data.dimension as PoolQuestion['dimension'],
    difficulty: typeof q.data.difficulty === 'number' ? q.data.difficulty : 0,
    family: typeof q.data.family === 'string' ? q.data.family : null,
    articles: Array.isArray(q.data.articles) ? q.data.articles.filter((n): n is number => typeof n === 'number') : [],
  }));
}

/** Reports at the most precise line the reader recorded (`quiz.draw.0` falls back to `quiz.draw`, then the item). */
function reportAt(r: Reporter, item: RawItem, field: string, code: ProblemCode, message: string): void {
  const parts = field.split('.');
  while (parts.length > 0 && item.lines[parts.join('.')] === undefined) parts.pop();
  r.add(item, parts.length > 0 ? parts.join('.') : null, code, message);
}

interface QuizContext {
  /** `quiz.` in course.yaml, '' in an exam file. */
  prefix: string;
  pool: PoolQuestion[];
  /** Course ids an exam's rules may name; null for a course quiz (its own bank only). */
  courseIds: Set<string> | null;
}

/**
 * A quiz block: the sizes and settings are valid, every draw rule can be met (one question per family)
 * and so can the whole paper (tried with a fixed sequence of random numbers).
 */
export function checkQuizBlock(r: Reporter, item: RawItem, q: Record<string, unknown>, ctx: QuizContext): void {
  const bad = (field: string, message: string, code: ProblemCode = 'QUIZ_FIELD_INVALID') => reportAt(r, item, `${ctx.prefix}${field}`, code, message);
  if (ctx.prefix !== '') {
    for (const key of Object.keys(q)) {
      if (!(QUIZ_FIELDS as readonly string[]).includes(key)) reportAt(r, item, `${ctx.prefix}${key}`, 'UNKNOWN_FIELD', `quiz 中的未知字段 ${key}（可用字段：${QUIZ_FIELDS.join('、')}）`);
    }
  }
  for (const field of ['timeLimitMinutes', 'attemptsAllowed'] as const) {
    if (!(isInt(q[field]) && q[field] >= 1)) bad(field, `${ctx.prefix}${field} 应为正整数`);
  }
  const hasDraw = q.draw !== undefined;
  if (!hasDraw && !(isInt(q.questionCount) && q.questionCount >= 1)) bad('questionCount', `${ctx.prefix}questionCount 应为正整数（或用 draw 列出抽题规则）`);
  if (!isMissing(q.grading) && !(GRADING_METHODS as readonly unknown[]).includes(q.grading)) bad('grading', `grading 应为 ${GRADING_METHODS.join(' | ')}`);
  for (const flag of ['shuffleQuestions', 'shuffleOptions', 'partialCredit'] as const) {
    if (q[flag] !== undefined && typeof q[flag] !== 'boolean') bad(flag, `${flag} 应为 true 或 false`);
  }
  checkReview(q.review, bad);
  if (hasDraw && !checkDrawRules(r, item, q, ctx)) return;
  const rules = quizRulesOf(q, 0);
  if (rules.questionCount < 1) return;
  if (hasDraw && isInt(q.questionCount) && q.questionCount !== rules.questionCount) {
    bad('questionCount', `questionCount ${q.questionCount} 与 draw 各规则 count 之和 ${rules.questionCount} 不一致`);
    return;
  }
  rules.draw.forEach((rule, i) => {
    const capacity = ruleCapacity(rule, ctx.pool);
    if (capacity < rule.count) {
      const where = hasDraw ? `draw.${i}` : 'questionCount';
      bad(where, `要抽 ${rule.count} 题，但符合条件的题目（同一 family 只算一题）只有 ${capacity} 道`, 'QUIZ_TOO_FEW_QUESTIONS');
    }
  });
  let seed = 1;
  const seeded = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  if (rules.draw.every((rule) => ruleCapacity(rule, ctx.pool) >= rule.count) && drawPaper(ctx.pool, rules.draw, seeded, 50) === null) {
    bad(hasDraw ? 'draw' : 'questionCount', `按这些规则抽不出一份 ${rules.questionCount} 题、无同 family 重复的试卷：请减少题数或放宽规则`, 'QUIZ_TOO_FEW_QUESTIONS');
  }
}

function checkReview(review: unknown, bad: (field: string, message: string) => void): void {
  if (review === undefined) return;
  if (!review || typeof review !== 'object' || Array.isArray(review)) {
    bad('review', 'review 应包含 when 和 show');
    return;
  }
  const rv = review as Record<string, unknown>;
  for (const key of Object.keys(rv)) if (key !== 'when' && key !== 'show') bad('review', `review 中的未知字段 ${key}（可用字段：when、show）`);
  if (rv.when !== undefined && !(REVIEW_WHEN as readonly unknown[]).includes(rv.when)) bad('review', `review.when 应为 ${REVIEW_WHEN.join(' | ')}`);
  if (rv.show !== undefined && !(REVIEW_SHOW as readonly unknown[]).includes(rv.show)) bad('review', `review.show 应为 ${REVIEW_SHOW.join(' | ')}`);
}

function checkDrawRules(r: Reporter, item: RawItem, q: Record<string, unknown>, ctx: QuizContext): boolean {
  const before = r.problems.length;
  const at = (i: number, message: string) => reportAt(r, item, `${ctx.prefix}draw.${i}`, 'QUIZ_FIELD_INVALID', message);
  if (!Array.isArray(q.draw) || q.draw.length === 0) {
    reportAt(r, item, `${ctx.prefix}draw`, 'QUIZ_FIELD_INVALID', 'draw 应为抽题规则列表，每条如 { count: 4, dimension: acceptance }');
    return false;
  }
  q.draw.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return at(i, `draw 第 ${i + 1} 条应为 “字段: 值” 映射`);
    const d = raw as Record<string, unknown>;
    for (const key of Object.keys(d)) if (!(DRAW_FIELDS as readonly string[]).includes(key)) at(i, `draw 第 ${i + 1} 条的未知字段 ${key}（可用字段：${DRAW_FIELDS.join('、')}）`);
    if (!(isInt(d.count) && d.count >= 1)) at(i, `draw 第 ${i + 1} 条的 count 应为正整数`);
    if (d.dimension !== undefined && !(DIMENSIONS as readonly unknown[]).includes(d.dimension)) at(i, `draw 第 ${i + 1} 条的 dimension 应为 ${DIMENSIONS.join(' | ')}`);
    if (d.type !== undefined && !(QUESTION_TYPES as readonly unknown[]).includes(d.type)) at(i, `draw 第 ${i + 1} 条的 type 应为 ${QUESTION_TYPES.join(' | ')}`);
    const arr = (v: unknown) => (Array.isArray(v) ? v : [v]);
    if (d.articles !== undefined && !arr(d.articles).every(isArticleNo)) at(i, `draw 第 ${i + 1} 条的 articles 应为 1 到 50 的条号列表`);
    if (d.difficulty !== undefined && !arr(d.difficulty).every((n) => isInt(n) && n >= 1 && n <= 3)) at(i, `draw 第 ${i + 1} 条的 difficulty 应为 1 到 3（或其列表）`);
    if (d.courses !== undefined) {
      if (ctx.courseIds === null) at(i, '课程测验只从本课程题库抽题，不能写 courses');
      else if (!arr(d.courses).every((c) => isText(c) && ctx.courseIds!.has(c))) at(i, `draw 第 ${i + 1} 条的 courses 中有不存在的课程（现有：${[...ctx.courseIds].join('、')}）`);
    }
  });
  return r.problems.length === before;
}

const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `exams/<id>.yaml`: exam fields, audience, dates and the quiz part (drawing from every bank unless rules say otherwise). */
export function checkExam(r: Reporter, exam: RawItem, fileId: string, pool: PoolQuestion[], courseIds: Set<string>): void {
  const d = exam.data;
  const bad = (field: string | null, message: string) => r.add(exam, field, 'EXAM_FIELD_INVALID', message);
  for (const key of Object.keys(d)) {
    if (!(['id', 'title', 'summary', 'passMark', 'opensAt', 'closesAt', 'audience', ...QUIZ_FIELDS] as string[]).includes(key)) {
      r.add(exam, key, 'UNKNOWN_FIELD', `未知字段 ${key}`);
    }
  }
  if (d.id !== fileId) bad(d.id === undefined ? null : 'id', `id ${JSON.stringify(d.id ?? null)} 应与文件名 ${fileId} 相同`);
  if (courseIds.has(fileId)) bad('id', `考试 id ${fileId} 与课程 id 重名：测验与考试共用 id`);
  if (!isText(d.title) || d.title.trim().length > 200) bad(d.title === undefined ? null : 'title', 'title 应为不超过 200 字的文字');
  if (d.summary !== undefined && !isText(d.summary)) bad('summary', 'summary 应为文字');
  if (!(isInt(d.passMark) && d.passMark >= 0 && d.passMark <= 100)) bad(d.passMark === undefined ? null : 'passMark', 'passMark 应为 0 到 100 的整数');
  for (const field of ['opensAt', 'closesAt'] as const) {
    if (d[field] !== undefined && !(typeof d[field] === 'string' && OFFSET_TIME.test(d[field]) && !Number.isNaN(Date.parse(d[field])))) {
      bad(field, `${field} 应为带时区的时间，如 2026-12-01T09:00:00+08:00`);
    }
  }
  if (typeof d.opensAt === 'string' && typeof d.closesAt === 'string' && Date.parse(d.closesAt) <= Date.parse(d.opensAt)) bad('closesAt', 'closesAt 应晚于 opensAt');
  const audience = d.audience as Record<string, unknown> | undefined;
  if (!audience || typeof audience !== 'object' || Array.isArray(audience)) bad(d.audience === undefined ? null : 'audience', 'audience 应包含 roles（角色列表），可选 units（单位名称列表）');
  else {
    const roles = audience.roles;
    if (!Array.isArray(roles) || roles.length === 0 || roles.some((x) => !(ROLES as readonly unknown[]).includes(x))) bad('audience', `audience.roles 应为角色列表，取值 ${ROLES.join(' | ')}`);
    if (audience.units !== undefined && !(Array.isArray(audience.units) && audience.units.every(isText))) bad('audience', 'audience.units 应为单位名称列表');
  }
  checkQuizBlock(r, exam, d, { prefix: '', pool, courseIds });
}
