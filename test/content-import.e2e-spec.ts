import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { ContentBootstrapService } from '../src/content/content-bootstrap.service';
import { ContentCitation } from '../src/content/entities/citation.entity';
import { Course } from '../src/content/entities/course.entity';
import { Lesson } from '../src/content/entities/lesson.entity';
import { QuestionVersion } from '../src/content/entities/question-version.entity';
import { Question } from '../src/content/entities/question.entity';
import { RegulationArticle } from '../src/content/entities/regulation-article.entity';
import { ContentImportStatusService } from '../src/content/import/content-import-status.service';
import { ContentImportService } from '../src/content/import/content-import.service';
import { ContentInvalidError } from '../src/content/model/problem';
import {
  copyContent,
  editFile,
  removeContentCopies,
  replaceIn,
  VALID_CONTENT,
} from './fixtures/content/content-fixture';
import { createTestApp, TestApp } from './utils/create-test-app';

const INTAKE_BANK = 'courses/fixture-intake/questions/bank.yaml';
const OLD_STEM = '信访部门收到信访事项后，应当在多少日内区分情况分别处理？';
const NEW_STEM = '党委和政府信访部门收到信访事项后，应当在多少日内区分情况分别处理？';

const versionsOf = (ds: DataSource, questionId: string) =>
  ds.getRepository(QuestionVersion).find({ where: { questionId }, order: { version: 'ASC' } });
const questionCitations = (ds: DataSource, itemId: string) =>
  ds.getRepository(ContentCitation).findBy({ kind: 'question', itemId });

describe('Content import (e2e)', () => {
  let t: TestApp;
  let importer: ContentImportService;

  beforeAll(async () => {
    t = await createTestApp();
    importer = t.app.get(ContentImportService);
  });
  afterAll(async () => {
    await t.close();
    removeContentCopies();
  });

  it('should import the fixture: courses, rendered lessons, version 1 of every question, citations and articles', async () => {
    const summary = await importer.importFrom(VALID_CONTENT);
    expect(summary).toMatchObject({
      skipped: false,
      coursesAdded: 2,
      lessonsAdded: 3,
      questionsAdded: 6,
      questionsVersioned: 0,
      articlesUpdated: 50,
      unchanged: 0,
    });
    const lesson = await t.dataSource.getRepository(Lesson).findOneByOrFail({ id: 'fixture-intake-01' });
    expect(lesson.bodyHtml).toContain('href="/regulation#article-22"');
    expect(lesson.bodyHtml).not.toContain('<script');
    const question = await t.dataSource.getRepository(Question).findOneByOrFail({ id: 'fx-026-01' });
    expect(question).toMatchObject({
      courseId: 'fixture-intake',
      currentVersion: 1,
      type: 'truefalse',
      retiredAt: null,
    });
    const [v1] = await versionsOf(t.dataSource, 'fx-026-01');
    expect(v1).toMatchObject({ id: question.currentVersionId, answer: ['false'], articles: [20, 26] });
    expect((await questionCitations(t.dataSource, 'fx-026-01')).map((c) => c.articleNo).sort()).toEqual([
      20, 26,
    ]);
    expect(await t.dataSource.getRepository(RegulationArticle).count()).toBe(50);
    const course = await t.dataSource.getRepository(Course).findOneByOrFail({ id: 'fixture-intake' });
    expect(course).toMatchObject({
      creditHours: 1.5,
      requiredRoles: ['officer'],
      sortOrder: 10,
      quiz: { questionCount: 3, timeLimitMinutes: 10, attemptsAllowed: 2 },
    });
  });

  it('should skip an unchanged tree without writing anything', async () => {
    const summary = await importer.importFrom(VALID_CONTENT);
    expect(summary).toMatchObject({
      skipped: true,
      coursesAdded: 0,
      lessonsAdded: 0,
      questionsAdded: 0,
      questionsVersioned: 0,
      questionsRetired: 0,
      unchanged: 11,
    });
  });

  it('should write nothing when only comments and formatting changed', async () => {
    const dir = copyContent();
    editFile(
      dir,
      INTAKE_BANK,
      (text) => `# 新增的注释\n${text.replace('  difficulty: 1\n', '  difficulty:   1   # 识记\n')}`,
    );
    const before = await t.dataSource.getRepository(Question).find({ order: { id: 'ASC' } });
    const summary = await importer.importFrom(dir);
    expect(summary).toMatchObject({
      skipped: false,
      questionsAdded: 0,
      questionsVersioned: 0,
      lessonsUpdated: 0,
      coursesUpdated: 0,
      unchanged: 11,
    });
    expect(await t.dataSource.getRepository(Question).find({ order: { id: 'ASC' } })).toEqual(before);
  });

  it('should add a version when a question changes and keep the old version row intact', async () => {
    const [original] = await versionsOf(t.dataSource, 'fx-022-01');
    const dir = copyContent();
    replaceIn(dir, INTAKE_BANK, OLD_STEM, NEW_STEM);
    const summary = await importer.importFrom(dir);
    expect(summary).toMatchObject({
      questionsVersioned: 1,
      questionsAdded: 0,
      questionsRetired: 0,
      unchanged: 10,
    });
    const versions = await versionsOf(t.dataSource, 'fx-022-01');
    expect(versions.map((v) => [v.version, v.stem])).toEqual([
      [1, OLD_STEM],
      [2, NEW_STEM],
    ]);
    expect(versions[0]).toEqual(original); // attempts graded on version 1 still find it as it was
    const question = await t.dataSource.getRepository(Question).findOneByOrFail({ id: 'fx-022-01' });
    expect(question).toMatchObject({ currentVersion: 2, currentVersionId: versions[1].id });
    expect((await questionCitations(t.dataSource, 'fx-022-01')).map((c) => c.articleNo)).toEqual([22]);
  });

  it('should retire a question removed from the files instead of deleting it', async () => {
    const dir = copyContent();
    replaceIn(dir, INTAKE_BANK, OLD_STEM, NEW_STEM); // keep the edit from the previous import
    editFile(dir, INTAKE_BANK, (text) => text.replace(/- id: fx-026-01\n(?: {2}.*\n?)+/, ''));
    const summary = await importer.importFrom(dir);
    expect(summary).toMatchObject({ questionsRetired: 1, questionsAdded: 0, questionsVersioned: 0 });
    const retired = await t.dataSource.getRepository(Question).findOneByOrFail({ id: 'fx-026-01' });
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect(await versionsOf(t.dataSource, 'fx-026-01')).toHaveLength(1);
    expect(await questionCitations(t.dataSource, 'fx-026-01')).toEqual([]);
  });

  it('should bring a returning question back without a new version, and retire removed lessons and courses', async () => {
    const dir = copyContent();
    replaceIn(dir, INTAKE_BANK, OLD_STEM, NEW_STEM);
    editFile(dir, 'courses/fixture-intake/lessons/02-visits.md', (text) =>
      text.replace('多人走访', '多人采用走访形式'),
    );
    const summary = await importer.importFrom(dir);
    expect(summary).toMatchObject({ questionsAdded: 1, questionsVersioned: 0, lessonsUpdated: 1 });
    const back = await t.dataSource.getRepository(Question).findOneByOrFail({ id: 'fx-026-01' });
    expect(back).toMatchObject({ retiredAt: null, currentVersion: 1 });
    expect(await questionCitations(t.dataSource, 'fx-026-01')).toHaveLength(2);

    const { rmSync } = await import('node:fs');
    rmSync(`${dir}/courses/fixture-handling`, { recursive: true });
    const removal = await importer.importFrom(dir);
    expect(removal).toMatchObject({ coursesRetired: 1, lessonsRetired: 1, questionsRetired: 2 });
    const course = await t.dataSource.getRepository(Course).findOneByOrFail({ id: 'fixture-handling' });
    expect(course.retiredAt).toBeInstanceOf(Date);
    expect(await t.dataSource.getRepository(Lesson).countBy({ id: 'fixture-handling-01' })).toBe(1);
    expect(
      await t.dataSource
        .getRepository(ContentCitation)
        .countBy({ kind: 'lesson', itemId: 'fixture-handling-01' }),
    ).toBe(0);
  });

  it('should refuse invalid content with its problems and leave the database as it was', async () => {
    const dir = copyContent();
    replaceIn(dir, INTAKE_BANK, 'answer: B', 'answer: E');
    const before = await t.dataSource.getRepository(QuestionVersion).count();
    const error = await importer.importFrom(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentInvalidError);
    expect((error as ContentInvalidError).problems).toEqual([
      expect.objectContaining({ code: 'ANSWER_NOT_OPTION', file: INTAKE_BANK }),
    ]);
    expect(await t.dataSource.getRepository(QuestionVersion).count()).toBe(before);
  });

  it('should import at start when enabled and keep serving when the content is invalid', async () => {
    const config = (values: Record<string, unknown>) =>
      ({ get: (key: string) => values[key] }) as unknown as AppConfig;
    const broken = copyContent();
    replaceIn(broken, INTAKE_BANK, 'difficulty: 2\n\n- id: fx-026-01', 'difficulty: 7\n\n- id: fx-026-01');
    const status = t.app.get(ContentImportStatusService);
    const onBroken = new ContentBootstrapService(
      config({ CONTENT_IMPORT_ON_START: true, CONTENT_DIR: broken }),
      importer,
      status,
    );
    await expect(onBroken.onApplicationBootstrap()).resolves.toBeUndefined();
    expect(await t.dataSource.getRepository(Course).countBy({ id: 'fixture-handling' })).toBe(1);

    const onValid = new ContentBootstrapService(
      config({ CONTENT_IMPORT_ON_START: true, CONTENT_DIR: VALID_CONTENT }),
      importer,
      status,
    );
    await onValid.onApplicationBootstrap();
    const course = await t.dataSource.getRepository(Course).findOneByOrFail({ id: 'fixture-handling' });
    expect(course.retiredAt).toBeNull();
    expect(await importer.lastTreeHash()).toEqual(expect.any(String));
  });
});
