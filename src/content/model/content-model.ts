import type { Role } from '../../users/entities/user.entity';
import type { Dimension } from '../dimensions';
import type { QuizSettings } from '../entities/course.entity';
import type { QuestionOption } from '../entities/question-version.entity';
import type { QuestionType } from '../entities/question.entity';
import type { ExamDef } from '../quiz/quiz-definition';
import type { Problem } from './problem';

/**
 * Where something was written: the file (relative to the content directory, POSIX slashes), the
 * line of the item, and the line of each field (`articles`, `articles.1`, `options.B`, `quiz.questionCount`).
 */
export interface Located {
  file: string;
  line: number;
  lines: Record<string, number>;
}

/** A YAML map as the author wrote it, before validation: values are whatever YAML produced. */
export interface RawItem extends Located {
  data: Record<string, unknown>;
}

export interface RawLesson extends RawItem {
  body: string;
  /** Line of the body's first line in the .md file (front matter lines come before it). */
  bodyLine: number;
}

export interface RawCourse {
  /** The folder name, which must equal `id` in course.yaml. */
  folder: string;
  courseFile: string;
  course: RawItem | null;
  lessons: RawLesson[];
  questions: RawItem[];
}

export interface RawContent {
  root: string;
  articlesFile: string;
  articles: RawItem[] | null;
  courses: RawCourse[];
  /** `exams/<id>.yaml`: standalone exams drawing from the banks. */
  exams: RawItem[];
  /** Problems found while reading: YAML syntax, missing files, wrong shapes. */
  problems: Problem[];
  /** sha256 over every file read (path and bytes) plus the import format version. */
  treeHash: string;
}

export interface ArticleDef extends Located {
  number: number;
  chapter: number;
  title: string;
  summary: string;
}

export interface LessonDef extends Located {
  id: string;
  courseId: string;
  order: number;
  title: string;
  articles: number[];
  dimension: Dimension;
  bodyMarkdown: string;
  bodyLine: number;
}

export interface QuestionDef extends Located {
  id: string;
  courseId: string;
  type: QuestionType;
  stem: string;
  /** Letters and texts; for truefalse the fixed pair `true`/`false`. */
  options: QuestionOption[];
  /** Option ids of the correct answer(s); truefalse: ['true'] or ['false']. */
  answer: string[];
  explanation: string;
  articles: number[];
  dimension: Dimension;
  difficulty: number;
  /** Questions of one family test the same fact: a paper never draws two of them. */
  family: string | null;
}

export interface CourseDef extends Located {
  id: string;
  title: string;
  summary: string;
  creditHours: number;
  validityMonths: number;
  passMark: number;
  requiredRoles: Role[];
  order: number;
  quiz: QuizSettings | null;
  lessons: LessonDef[];
  questions: QuestionDef[];
}

/** The whole content tree, typed. Built leniently: only trust it when validation found no problems. */
export interface ContentTree {
  root: string;
  treeHash: string;
  articles: ArticleDef[];
  courses: CourseDef[];
  exams: ExamDef[];
}

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'truefalse'];
export const TRUEFALSE_OPTIONS: QuestionOption[] = [
  { id: 'true', text: '正确' },
  { id: 'false', text: '错误' },
];
