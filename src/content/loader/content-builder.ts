import type { Role } from '../../users/entities/user.entity';
import type { Dimension } from '../dimensions';
import type { QuizSettings } from '../entities/course.entity';
import type { QuestionType } from '../entities/question.entity';
import {
  TRUEFALSE_OPTIONS,
  type ArticleDef,
  type ContentTree,
  type CourseDef,
  type LessonDef,
  type QuestionDef,
  type RawContent,
  type RawCourse,
  type RawItem,
  type RawLesson,
} from '../model/content-model';
import { quizRulesOf, type ExamDef } from '../quiz/quiz-definition';

const str = (v: unknown): string =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const located = (item: RawItem) => ({ file: item.file, line: item.line, lines: item.lines });

/** Distinct valid article numbers in ascending order (the canonical form that gets hashed). */
const articleList = (v: unknown): number[] =>
  Array.isArray(v)
    ? [...new Set(v.filter((n): n is number => Number.isInteger(n)))].sort((a, b) => a - b)
    : [];

/**
 * Raw items to the typed tree. Lenient: wrong values become empty ones, so statistics work on broken
 * content too; the importer only uses a tree whose raw content passed validation.
 */
export function buildContentTree(raw: RawContent): ContentTree {
  return {
    root: raw.root,
    treeHash: raw.treeHash,
    articles: (raw.articles ?? []).map(buildArticle),
    courses: raw.courses.map(buildCourse),
    exams: raw.exams.map(buildExam),
  };
}

function buildExam(e: RawItem): ExamDef {
  const d = e.data;
  const audience = d.audience && typeof d.audience === 'object' ? (d.audience as Record<string, unknown>) : {};
  return {
    ...located(e),
    id: str(d.id),
    title: str(d.title),
    summary: str(d.summary),
    opensAt: typeof d.opensAt === 'string' ? new Date(d.opensAt).toISOString() : null,
    closesAt: typeof d.closesAt === 'string' ? new Date(d.closesAt).toISOString() : null,
    audience: {
      roles: Array.isArray(audience.roles) ? (audience.roles as Role[]) : [],
      units: Array.isArray(audience.units) ? audience.units.map(str) : [],
    },
    rules: quizRulesOf(d, num(d.passMark)),
  };
}

function buildArticle(a: RawItem): ArticleDef {
  return {
    ...located(a),
    number: num(a.data.number),
    chapter: num(a.data.chapter),
    title: str(a.data.title),
    summary: str(a.data.summary),
  };
}

function buildCourse(course: RawCourse): CourseDef {
  const d = course.course?.data ?? {};
  const quiz = d.quiz && typeof d.quiz === 'object' ? (d.quiz as Record<string, unknown>) : null;
  return {
    ...(course.course ? located(course.course) : { file: course.courseFile, line: 1, lines: {} }),
    id: course.folder,
    title: str(d.title),
    summary: str(d.summary),
    creditHours: num(d.creditHours),
    validityMonths: num(d.validityMonths),
    passMark: num(d.passMark),
    requiredRoles: Array.isArray(d.requiredRoles) ? (d.requiredRoles as Role[]) : [],
    order: num(d.order),
    quiz: quiz
      ? ({
          ...(quiz as Partial<QuizSettings>),
          questionCount: quizRulesOf(quiz, 0).questionCount,
          timeLimitMinutes: num(quiz.timeLimitMinutes),
          attemptsAllowed: num(quiz.attemptsAllowed),
        } satisfies QuizSettings)
      : null,
    lessons: course.lessons.map((l) => buildLesson(l, course.folder)).sort((a, b) => a.order - b.order),
    questions: course.questions.map((q) => buildQuestion(q, course.folder)),
  };
}

function buildLesson(l: RawLesson, courseId: string): LessonDef {
  return {
    ...located(l),
    id: str(l.data.id),
    courseId,
    order: num(l.data.order),
    title: str(l.data.title),
    articles: articleList(l.data.articles),
    dimension: str(l.data.dimension) as Dimension,
    bodyMarkdown: l.body.trim(),
    bodyLine: l.bodyLine,
  };
}

function buildQuestion(q: RawItem, courseId: string): QuestionDef {
  const type = str(q.data.type) as QuestionType;
  const answer = q.data.answer;
  const options =
    type === 'truefalse'
      ? TRUEFALSE_OPTIONS
      : Object.entries(
          q.data.options && typeof q.data.options === 'object'
            ? (q.data.options as Record<string, unknown>)
            : {},
        )
          .map(([id, text]) => ({ id, text: str(text) }))
          .sort((a, b) => a.id.localeCompare(b.id));
  return {
    ...located(q),
    id: str(q.data.id),
    courseId,
    type,
    stem: str(q.data.stem),
    options,
    answer:
      typeof answer === 'boolean'
        ? [String(answer)]
        : (Array.isArray(answer) ? answer.map(str) : [str(answer)]).sort(),
    explanation: str(q.data.explanation),
    articles: articleList(q.data.articles),
    dimension: str(q.data.dimension) as Dimension,
    difficulty: num(q.data.difficulty),
    family: typeof q.data.family === 'string' ? q.data.family : null,
  };
}
