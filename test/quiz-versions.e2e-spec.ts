import request from 'supertest';
import { QuestionVersion } from '../src/content/entities/question-version.entity';
import { Question } from '../src/content/entities/question.entity';
import { ContentImportService } from '../src/content/import/content-import.service';
import { QuizAttempt } from '../src/quizzes/entities/quiz-attempt.entity';
import { Quiz } from '../src/quizzes/entities/quiz.entity';
import { copyContent, removeContentCopies, replaceIn } from './fixtures/content/content-fixture';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { keyedAnswers } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

const BANK = 'courses/fixture-intake/questions/bank.yaml';

describe('Quizzes imported from content, and history that editing never re-grades (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let token: string;
  const auth = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    await createOrganisation(t.dataSource);
    token = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    dir = copyContent();
    await t.app.get(ContentImportService).importFrom(dir);
  });
  afterAll(async () => {
    await t.close();
    removeContentCopies();
  });

  it('should import the course quiz block into a quiz with its defaults', async () => {
    const quiz = await t.dataSource.getRepository(Quiz).findOneByOrFail({ id: 'fixture-intake' });
    expect(quiz).toMatchObject({ kind: 'course', courseId: 'fixture-intake', retiredAt: null });
    expect(quiz.rules).toMatchObject({
      questionCount: 3,
      timeLimitMinutes: 10,
      attemptsAllowed: 2,
      passMark: 80,
      grading: 'highest',
      draw: [{ count: 3 }],
    });
    const course = await request(t.http).get('/api/courses/fixture-intake').set(auth()).expect(200);
    expect(course.body.quizId).toBe('fixture-intake');
    await request(t.http)
      .get('/api/courses/fixture-handling')
      .set(auth())
      .expect(200)
      .expect((res) => expect(res.body.quizId).toBeNull());
  });

  it('should keep an attempt’s grade and review on the versions it was drawn from after the bank is edited', async () => {
    const started = await request(t.http)
      .post('/api/quizzes/fixture-intake/attempts')
      .set(auth())
      .expect(201);
    const answers = await keyedAnswers(t.dataSource, started.body.id);
    const graded = await request(t.http)
      .post(`/api/attempts/${started.body.id}/submit`)
      .set(auth())
      .send({ answers })
      .expect(200);
    expect(graded.body).toMatchObject({ score: 100, passed: true });
    const before = await request(t.http).get(`/api/attempts/${started.body.id}`).set(auth()).expect(200);

    // Every answer key changes: a re-grade would now score the attempt 0.
    replaceIn(dir, BANK, 'answer: B', 'answer: C');
    replaceIn(dir, BANK, 'answer: true', 'answer: false\n  family: rewritten');
    replaceIn(dir, BANK, 'answer: [A, B]', 'answer: [A, C]');
    replaceIn(
      dir,
      BANK,
      'answer: false\n  explanation: 依据第二十六条',
      'answer: true\n  explanation: 依据第二十六条',
    );
    const summary = await t.app.get(ContentImportService).importFrom(dir);
    expect(summary.questionsVersioned).toBe(4);

    const after = await request(t.http).get(`/api/attempts/${started.body.id}`).set(auth()).expect(200);
    expect(after.body).toEqual(before.body);
    expect(after.body.score).toBe(100);
    const attempt = await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: started.body.id });
    const versions = await t.dataSource
      .getRepository(QuestionVersion)
      .findBy(attempt.paper.map((p) => ({ id: p.v })));
    expect(versions.every((v) => v.version === 1)).toBe(true);

    // A new attempt draws the new versions.
    const next = await request(t.http).post('/api/quizzes/fixture-intake/attempts').set(auth()).expect(201);
    const nextAttempt = await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: next.body.id });
    const current = await t.dataSource
      .getRepository(Question)
      .findBy(nextAttempt.paper.map((p) => ({ id: p.q })));
    expect(nextAttempt.paper.map((p) => p.v).sort()).toEqual(current.map((q) => q.currentVersionId).sort());
  });
});
