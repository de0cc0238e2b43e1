import type { CourseDef, LessonDef, QuestionDef } from '../model/content-model';
import { hashOf, IMPORT_FORMAT_VERSION } from './content-hash';

/** What a course row stores; a change in any of these updates the course. */
export const courseHash = (c: CourseDef): string => hashOf({ ...courseFields(c), order: c.order, quiz: c.quiz });

/** The fields a course row copies from its definition as they are, in their hashing order. */
export const courseFields = (c: CourseDef) => ({
  title: c.title,
  summary: c.summary,
  creditHours: c.creditHours,
  validityMonths: c.validityMonths,
  passMark: c.passMark,
  requiredRoles: c.requiredRoles,
});

/** Lessons keep their rendered HTML, so the renderer's format version is part of their hash. */
export const lessonHash = (l: LessonDef): string =>
  hashOf({
    format: IMPORT_FORMAT_VERSION,
    courseId: l.courseId,
    order: l.order,
    title: l.title,
    articles: l.articles,
    dimension: l.dimension,
    body: l.bodyMarkdown,
  });

/** Exactly what a question version snapshots: a different hash means a new version. */
export const questionHash = (q: QuestionDef): string =>
  hashOf({
    ...versionedFields(q),
    // Left out when absent so that adding the field did not re-version every question.
    ...(q.family ? { family: q.family } : {}),
  });

/** The fields of a question that a version snapshots (and hashes), in their hashing order. */
export const versionedFields = (q: QuestionDef) => ({
  type: q.type,
  stem: q.stem,
  options: q.options,
  answer: q.answer,
  explanation: q.explanation,
  articles: q.articles,
  dimension: q.dimension,
  difficulty: q.difficulty,
});
