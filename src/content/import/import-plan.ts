import { randomUUID } from 'node:crypto';
import type { ContentCitation } from '../entities/citation.entity';
import type { Course } from '../entities/course.entity';
import type { Lesson } from '../entities/lesson.entity';
import type { QuestionVersion } from '../entities/question-version.entity';
import type { Question } from '../entities/question.entity';
import type { RegulationArticle } from '../entities/regulation-article.entity';
import { courseFields, courseHash, lessonHash, questionHash, versionedFields } from '../hashing/item-hashes';
import { renderMarkdown } from '../markdown/render-markdown';
import type { ContentTree, CourseDef, LessonDef, QuestionDef } from '../model/content-model';
import { detailLines, progressLine } from './import-progress';
import { emptyCounts, type ImportCounts } from './import-summary';

export interface ExistingItem {
  contentHash: string;
  retiredAt: Date | null;
}
export interface ExistingQuestion extends ExistingItem {
  courseId: string;
  currentVersion: number;
}
/** What the database holds now, keyed by id. */
export interface ExistingContent {
  courses: Map<string, ExistingItem>;
  lessons: Map<string, ExistingItem>;
  questions: Map<string, ExistingQuestion>;
  articles: Map<number, RegulationArticle>;
}

export type CourseRow = Omit<Course, 'updatedAt'>;
export type LessonRow = Omit<Lesson, 'updatedAt'>;
export type VersionRow = Omit<QuestionVersion, 'createdAt'>;
export type QuestionPatch = Partial<Question> & { id: string };

/** Every write an import needs; empty lists mean nothing to do. */
export interface ImportPlan {
  courses: { insert: CourseRow[]; update: CourseRow[]; retire: string[] };
  lessons: { insert: LessonRow[]; update: LessonRow[]; retire: string[] };
  questions: { insert: Question[]; versions: VersionRow[]; update: QuestionPatch[]; retire: string[] };
  citations: { clear: Record<ContentCitation['kind'], string[]>; insert: ContentCitation[] };
  articles: { insert: RegulationArticle[]; update: RegulationArticle[] };
  counts: ImportCounts;
  /** One line per course in the files, for the CLI's progress output. */
  progress: string[];
}

/** Compares the files with the database and lists the writes; pure apart from ids and rendering. */
export function planImport(tree: ContentTree, existing: ExistingContent): ImportPlan {
  const plan: ImportPlan = {
    courses: { insert: [], update: [], retire: [] },
    lessons: { insert: [], update: [], retire: [] },
    questions: { insert: [], versions: [], update: [], retire: [] },
    citations: { clear: { lesson: [], question: [] }, insert: [] },
    articles: { insert: [], update: [] },
    counts: emptyCounts(),
    progress: [],
  };
  for (const course of tree.courses) {
    const before = { ...plan.counts };
    planCourse(plan, course, existing.courses.get(course.id));
    course.lessons.forEach((l) => planLesson(plan, l, existing.lessons.get(l.id)));
    course.questions.forEach((q) => planQuestion(plan, q, existing.questions.get(q.id)));
    plan.progress.push(progressLine(course, before, plan.counts));
  }
  planRetirements(plan, tree, existing);
  planArticles(plan, tree, existing.articles);
  plan.progress.push(...detailLines(plan, existing));
  return plan;
}

/** A live course or lesson with the same content hash: counted as unchanged and left alone. */
function unchanged(plan: ImportPlan, old: ExistingItem | undefined, contentHash: string): boolean {
  if (!old || old.contentHash !== contentHash || old.retiredAt !== null) return false;
  plan.counts.unchanged++;
  return true;
}

function planCourse(plan: ImportPlan, c: CourseDef, old: ExistingItem | undefined): void {
  const contentHash = courseHash(c);
  if (unchanged(plan, old, contentHash)) return;
  const row: CourseRow = {
    id: c.id,
    ...courseFields(c),
    sortOrder: c.order,
    quiz: c.quiz,
    contentHash,
    retiredAt: null,
  };
  if (old) plan.courses.update.push(row);
  else plan.courses.insert.push(row);
  plan.counts[old && old.retiredAt === null ? 'coursesUpdated' : 'coursesAdded']++;
}

function planLesson(plan: ImportPlan, l: LessonDef, old: ExistingItem | undefined): void {
  const contentHash = lessonHash(l);
  if (unchanged(plan, old, contentHash)) return;
  const row: LessonRow = {
    id: l.id,
    courseId: l.courseId,
    sortOrder: l.order,
    title: l.title,
    articles: l.articles,
    dimension: l.dimension,
    bodyMarkdown: l.bodyMarkdown,
    bodyHtml: renderMarkdown(l.bodyMarkdown),
    contentHash,
    retiredAt: null,
  };
  if (old) plan.lessons.update.push(row);
  else plan.lessons.insert.push(row);
  plan.counts[old && old.retiredAt === null ? 'lessonsUpdated' : 'lessonsAdded']++;
  cite(plan, 'lesson', l.id, l.articles);
}

function planQuestion(plan: ImportPlan, q: QuestionDef, old: ExistingQuestion | undefined): void {
  const contentHash = questionHash(q);
  if (old && old.contentHash === contentHash) {
    if (old.retiredAt === null && old.courseId === q.courseId) {
      plan.counts.unchanged++;
      return;
    }
    // Same content back in the files (or in another course): no new version, just visible again.
    plan.questions.update.push({ id: q.id, courseId: q.courseId, retiredAt: null });
    plan.counts[old.retiredAt === null ? 'questionsMoved' : 'questionsAdded']++;
    if (old.retiredAt !== null) cite(plan, 'question', q.id, q.articles);
    return;
  }
  const version: VersionRow = {
    id: randomUUID(),
    questionId: q.id,
    version: (old?.currentVersion ?? 0) + 1,
    contentHash,
    ...versionedFields(q),
    family: q.family,
  };
  const current = {
    id: q.id,
    courseId: q.courseId,
    currentVersionId: version.id,
    currentVersion: version.version,
    type: q.type,
    dimension: q.dimension,
    difficulty: q.difficulty,
    family: q.family,
    retiredAt: null,
  };
  plan.questions.versions.push(version);
  if (old) plan.questions.update.push(current);
  else plan.questions.insert.push(current);
  plan.counts[old ? 'questionsVersioned' : 'questionsAdded']++;
  cite(plan, 'question', q.id, q.articles);
}

/** Citations of a changed item are rebuilt: cleared, then inserted from its current articles. */
function cite(plan: ImportPlan, kind: ContentCitation['kind'], itemId: string, articles: number[]): void {
  plan.citations.clear[kind].push(itemId);
  for (const articleNo of articles) plan.citations.insert.push({ kind, itemId, articleNo });
}

function planRetirements(plan: ImportPlan, tree: ContentTree, existing: ExistingContent): void {
  const courseIds = new Set(tree.courses.map((c) => c.id));
  const lessonIds = new Set(tree.courses.flatMap((c) => c.lessons.map((l) => l.id)));
  const questionIds = new Set(tree.courses.flatMap((c) => c.questions.map((q) => q.id)));
  const gone = (map: Map<string, ExistingItem>, present: Set<string>) =>
    [...map].filter(([id, item]) => !present.has(id) && item.retiredAt === null).map(([id]) => id);
  plan.courses.retire = gone(existing.courses, courseIds);
  plan.lessons.retire = gone(existing.lessons, lessonIds);
  plan.questions.retire = gone(existing.questions, questionIds);
  plan.citations.clear.lesson.push(...plan.lessons.retire);
  plan.citations.clear.question.push(...plan.questions.retire);
  plan.counts.coursesRetired = plan.courses.retire.length;
  plan.counts.lessonsRetired = plan.lessons.retire.length;
  plan.counts.questionsRetired = plan.questions.retire.length;
}

function planArticles(plan: ImportPlan, tree: ContentTree, existing: Map<number, RegulationArticle>): void {
  for (const a of tree.articles) {
    const row: RegulationArticle = {
      number: a.number,
      chapter: a.chapter,
      title: a.title,
      summary: a.summary,
    };
    const old = existing.get(a.number);
    if (!old) plan.articles.insert.push(row);
    else if (old.chapter !== row.chapter || old.title !== row.title || old.summary !== row.summary)
      {plan.articles.update.push(row);}
  }
  plan.counts.articlesUpdated = plan.articles.insert.length + plan.articles.update.length;
}
