import type { Role } from '../../users/entities/user.entity';
import type { Dimension } from '../dimensions';
import type { QuestionType } from '../entities/question.entity';
import type { Located } from '../model/content-model';

/** One line of a paper's recipe: `count` questions matching every filter that is given. */
export interface DrawRule {
  count: number;
  /** Exams only: the course banks to draw from (default: every bank). */
  courses?: string[];
  dimension?: Dimension;
  /** The question cites at least one of these articles. */
  articles?: number[];
  type?: QuestionType;
  difficulty?: number[];
}

export const GRADING_METHODS = ['highest', 'last', 'first', 'average'] as const;
export type GradingMethod = (typeof GRADING_METHODS)[number];
export const REVIEW_WHEN = ['immediately', 'after-close', 'never'] as const;
export type ReviewWhen = (typeof REVIEW_WHEN)[number];
export const REVIEW_SHOW = ['full', 'chosen', 'score'] as const;
export type ReviewShow = (typeof REVIEW_SHOW)[number];

/** Everything a quiz needs at run time, with defaults filled in (what the `quizzes` table stores). */
export interface QuizRules {
  questionCount: number;
  draw: DrawRule[];
  timeLimitMinutes: number;
  attemptsAllowed: number;
  grading: GradingMethod;
  passMark: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  partialCredit: boolean;
  review: { when: ReviewWhen; show: ReviewShow };
}

export interface Audience {
  roles: Role[];
  /** Unit names: the officer's unit or one of its ancestors must carry one of them (empty = all units). */
  units: string[];
}

/** A standalone exam from `content/exams/<id>.yaml`. */
export interface ExamDef extends Located {
  id: string;
  title: string;
  summary: string;
  opensAt: string | null;
  closesAt: string | null;
  audience: Audience;
  rules: QuizRules;
}

/** The keys of a quiz block (course.yaml `quiz:`) and of an exam file's quiz part. */
export const QUIZ_FIELDS = [
  'questionCount',
  'draw',
  'timeLimitMinutes',
  'attemptsAllowed',
  'grading',
  'shuffleQuestions',
  'shuffleOptions',
  'partialCredit',
  'review',
] as const;
export const DRAW_FIELDS = ['count', 'courses', 'dimension', 'articles', 'type', 'difficulty'] as const;
export const EXAM_FIELDS = ['id', 'title', 'summary', 'passMark', 'opensAt', 'closesAt', 'audience', ...QUIZ_FIELDS] as const;

const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const list = (v: unknown): unknown[] | undefined => (v === undefined || v === null ? undefined : Array.isArray(v) ? v : [v]);

function drawRule(raw: unknown): DrawRule {
  const d = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const rule: DrawRule = { count: num(d.count, 0) };
  const courses = list(d.courses);
  if (courses) rule.courses = courses.map(String);
  if (typeof d.dimension === 'string') rule.dimension = d.dimension as Dimension;
  const articles = list(d.articles);
  if (articles) rule.articles = articles.filter((n): n is number => typeof n === 'number');
  if (typeof d.type === 'string') rule.type = d.type as QuestionType;
  const difficulty = list(d.difficulty);
  if (difficulty) rule.difficulty = difficulty.filter((n): n is number => typeof n === 'number');
  return rule;
}

/**
 * A quiz block with defaults: `questionCount` alone draws that many from the whole pool; `draw`
 * rules say how many per dimension / article set / type / difficulty (their counts add up to the paper).
 */
export function quizRulesOf(q: Record<string, unknown>, passMark: number): QuizRules {
  const draw = Array.isArray(q.draw) && q.draw.length > 0 ? q.draw.map(drawRule) : [{ count: num(q.questionCount, 0) }];
  const review = q.review && typeof q.review === 'object' ? (q.review as Record<string, unknown>) : {};
  return {
    questionCount: draw.reduce((n, r) => n + r.count, 0),
    draw,
    timeLimitMinutes: num(q.timeLimitMinutes, 0),
    attemptsAllowed: num(q.attemptsAllowed, 0),
    grading: (GRADING_METHODS as readonly unknown[]).includes(q.grading) ? (q.grading as GradingMethod) : 'highest',
    passMark,
    shuffleQuestions: bool(q.shuffleQuestions, true),
    shuffleOptions: bool(q.shuffleOptions, true),
    partialCredit: bool(q.partialCredit, false),
    review: {
      when: (REVIEW_WHEN as readonly unknown[]).includes(review.when) ? (review.when as ReviewWhen) : 'immediately',
      show: (REVIEW_SHOW as readonly unknown[]).includes(review.show) ? (review.show as ReviewShow) : 'full',
    },
  };
}
