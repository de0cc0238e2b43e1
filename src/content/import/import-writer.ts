import { EntityManager, EntityTarget, In, ObjectLiteral } from 'typeorm';
import { ContentCitation } from '../entities/citation.entity';
import { Course } from '../entities/course.entity';
import { Lesson } from '../entities/lesson.entity';
import { QuestionVersion } from '../entities/question-version.entity';
import { Question } from '../entities/question.entity';
import { RegulationArticle } from '../entities/regulation-article.entity';
import type { ExistingContent, ImportPlan } from './import-plan';

/** Rows per INSERT: well under SQLite's bound-parameter limit for our widest table (13 columns). */
export const CHUNK_SIZE = 100;

const chunks = <T>(rows: T[]): T[][] =>
  Array.from({ length: Math.ceil(rows.length / CHUNK_SIZE) }, (_, i) =>
    rows.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE),
  );

async function insertAll<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: object[],
): Promise<void> {
  for (const chunk of chunks(rows)) await em.insert(target, chunk as never);
}

async function retireAll(
  em: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  ids: string[],
  now: Date,
): Promise<void> {
  for (const chunk of chunks(ids)) await em.update(target, { id: In(chunk) }, { retiredAt: now });
}

/** Applies a plan inside the caller's transaction, parents before children (foreign keys). */
export async function writePlan(em: EntityManager, plan: ImportPlan, now: Date): Promise<void> {
  await insertAll(em, Course, plan.courses.insert);
  for (const row of plan.courses.update) await em.update(Course, { id: row.id }, row);
  await insertAll(em, Lesson, plan.lessons.insert);
  for (const row of plan.lessons.update) await em.update(Lesson, { id: row.id }, row);
  await insertAll(em, Question, plan.questions.insert);
  await insertAll(em, QuestionVersion, plan.questions.versions);
  for (const row of plan.questions.update) await em.update(Question, { id: row.id }, row);
  await retireAll(em, Question, plan.questions.retire, now);
  await retireAll(em, Lesson, plan.lessons.retire, now);
  await retireAll(em, Course, plan.courses.retire, now);
  for (const kind of ['lesson', 'question'] as const) {
    for (const chunk of chunks(plan.citations.clear[kind]))
      {await em.delete(ContentCitation, { kind, itemId: In(chunk) });}
  }
  await insertAll(em, ContentCitation, plan.citations.insert);
  await insertAll(em, RegulationArticle, plan.articles.insert);
  for (const row of plan.articles.update) await em.update(RegulationArticle, { number: row.number }, row);
}

/** The hashes and states the plan compares against: four set-based reads. */
export async function readExisting(em: EntityManager): Promise<ExistingContent> {
  // Sequential on purpose: inside a transaction all queries share one connection.
  const courses = await em.find(Course, { select: { id: true, contentHash: true, retiredAt: true } });
  const lessons = await em.find(Lesson, { select: { id: true, contentHash: true, retiredAt: true } });
  const questions = await em
    .createQueryBuilder(Question, 'q')
    .innerJoin(QuestionVersion, 'v', 'v.id = q.currentVersionId')
    .select('q.id', 'id')
    .addSelect('q.courseId', 'courseId')
    .addSelect('q.currentVersion', 'currentVersion')
    .addSelect('q.retiredAt', 'retiredAt')
    .addSelect('v.contentHash', 'contentHash')
    .getRawMany<{
      id: string;
      courseId: string;
      currentVersion: number | string;
      retiredAt: Date | string | null;
      contentHash: string;
    }>();
  const articles = await em.find(RegulationArticle);
  return {
    courses: new Map(courses.map((c) => [c.id, { contentHash: c.contentHash, retiredAt: c.retiredAt }])),
    lessons: new Map(lessons.map((l) => [l.id, { contentHash: l.contentHash, retiredAt: l.retiredAt }])),
    questions: new Map(
      questions.map((q) => [
        q.id,
        {
          courseId: q.courseId,
          currentVersion: Number(q.currentVersion),
          contentHash: q.contentHash,
          retiredAt: q.retiredAt ? new Date(q.retiredAt) : null,
        },
      ]),
    ),
    articles: new Map(articles.map((a) => [a.number, a])),
  };
}
