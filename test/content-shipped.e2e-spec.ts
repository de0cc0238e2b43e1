import { DataSource } from 'typeorm';
import { ContentImport } from '../src/content/entities/content-import.entity';
import { CONTENT_ENTITIES } from '../src/content/entities';
import { Course } from '../src/content/entities/course.entity';
import { Lesson } from '../src/content/entities/lesson.entity';
import { QuestionVersion } from '../src/content/entities/question-version.entity';
import { ContentImportService } from '../src/content/import/content-import.service';
import { loadContent } from '../src/content/loader/load-content';
import {
  copyContent,
  editFile,
  removeContentCopies,
  SHIPPED_CONTENT,
} from './fixtures/content/content-fixture';
import { createTestApp, TestApp } from './utils/create-test-app';

/** Row counts of every content table plus every updatedAt: equal snapshots mean nothing was written. */
async function snapshot(ds: DataSource) {
  const counts = await Promise.all(
    CONTENT_ENTITIES.map(async (e) => [e.name, await ds.getRepository(e).count()] as const),
  );
  const stamps = async (entity: typeof Course | typeof Lesson) =>
    (
      await ds.getRepository(entity).find({ select: { id: true, updatedAt: true }, order: { id: 'ASC' } })
    ).map((r) => `${r.id}@${r.updatedAt.toISOString()}`);
  const lastImport = await ds.getRepository(ContentImport).findOneBy({ id: 'current' });
  const versions = (
    await ds.getRepository(QuestionVersion).find({ select: { id: true }, order: { id: 'ASC' } })
  ).map((v) => v.id);
  return {
    counts,
    courses: await stamps(Course),
    lessons: await stamps(Lesson),
    lastImport: lastImport?.updatedAt.toISOString(),
    versions,
  };
}

describe('Importing the shipped content (e2e)', () => {
  let t: TestApp;
  let importer: ContentImportService;
  const { tree } = loadContent(SHIPPED_CONTENT);
  const lessons = tree.courses.reduce((n, c) => n + c.lessons.length, 0);
  const questions = tree.courses.reduce((n, c) => n + c.questions.length, 0);

  beforeAll(async () => {
    t = await createTestApp();
    importer = t.app.get(ContentImportService);
  });
  afterAll(async () => {
    await t.close();
    removeContentCopies();
  });

  it('should import every course, lesson and question of content/', async () => {
    const summary = await importer.importFrom(SHIPPED_CONTENT);
    expect(summary).toMatchObject({
      coursesAdded: tree.courses.length,
      lessonsAdded: lessons,
      questionsAdded: questions,
      articlesUpdated: 50,
      unchanged: 0,
    });
  });

  it('should change nothing when the same content is imported again', async () => {
    const before = await snapshot(t.dataSource);
    // Past the clock's resolution, so a rewritten updatedAt would show.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const summary = await importer.importFrom(SHIPPED_CONTENT);
    expect(summary).toMatchObject({
      skipped: true,
      coursesAdded: 0,
      coursesUpdated: 0,
      lessonsAdded: 0,
      lessonsUpdated: 0,
      lessonsRetired: 0,
      questionsAdded: 0,
      questionsVersioned: 0,
      questionsRetired: 0,
      unchanged: tree.courses.length + lessons + questions,
    });
    expect(await snapshot(t.dataSource)).toEqual(before);
  });

  it('should compare item by item and still write nothing when only a comment changed', async () => {
    const dir = copyContent(SHIPPED_CONTENT);
    editFile(dir, 'regulation/articles.yaml', (text) => `${text}\n# 一行新注释\n`);
    const before = await snapshot(t.dataSource);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const summary = await importer.importFrom(dir);
    expect(summary).toMatchObject({
      skipped: false,
      unchanged: tree.courses.length + lessons + questions,
      articlesUpdated: 0,
      questionsVersioned: 0,
    });
    const after = await snapshot(t.dataSource);
    expect({ ...after, lastImport: undefined }).toEqual({ ...before, lastImport: undefined });
  });
});
