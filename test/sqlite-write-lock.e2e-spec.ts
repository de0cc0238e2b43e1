import './utils/sqlite-busy.env';
import request from 'supertest';
import { QuizAttempt } from '../src/quizzes/entities/quiz-attempt.entity';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { holdWriteLock } from './utils/outside-lock';

// Requests that hung for ever before (an endless SQLITE_BUSY retry) fail here instead of the whole file.
const ANSWER_WITHIN_MS = 20_000;

/**
 * Another process (the sqlite3 shell, a backup, the scoring worker) holds the SQLite file's write
 * lock for longer than SQLITE_BUSY_WAIT_MS: writes answer 503 DATABASE.BUSY, /health says so, and
 * everything works again once the lock goes.
 */
(process.env.DB_TYPE === 'postgres' ? describe.skip : describe)(
  'a write lock held by another process on the SQLite file (e2e)',
  () => {
    let t: TestApp;
    let examId: string;

    beforeAll(async () => {
      t = await createTestApp();
      await createOrganisation(t.dataSource);
      const course = await createCourse(t.dataSource);
      await createBank(t.dataSource, course, 10);
      examId = (
        await createQuiz(t.dataSource, null, { questionCount: 5, draw: [{ count: 5, courses: [course.id] }] })
      ).id;
    });
    afterAll(() => t.close());

    const login = (username: string) =>
      request(t.http)
        .post('/api/auth/login')
        .timeout(ANSWER_WITHIN_MS)
        .send({ username, password: TEST_PASSWORD });
    const submit = (token: string, attemptId: string) =>
      request(t.http)
        .post(`/api/attempts/${attemptId}/submit`)
        .timeout(ANSWER_WITHIN_MS)
        .set('Authorization', `Bearer ${token}`)
        .send({ answers: [] });

    it('answers 503 DATABASE.BUSY with Retry-After while the lock is held, reports it on /health, and recovers when it goes', async () => {
      const admin = await apiLogin(t.http, 'admin', TEST_PASSWORD);
      const officer = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
      const started = await request(t.http)
        .post(`/api/quizzes/${examId}/attempts`)
        .set('Authorization', `Bearer ${officer}`)
        .expect(201);
      const attemptId = started.body.id as string;

      const outside = await holdWriteLock(process.env.SQLITE_PATH as string);
      try {
        const busyLogin = await login('officer_a');
        expect(busyLogin.status).toBe(503);
        expect(busyLogin.body).toMatchObject({ code: 'DATABASE.BUSY', message: '系统繁忙，请稍后再试' });
        expect(Number(busyLogin.headers['retry-after'])).toBeGreaterThan(0);

        const busySubmit = await submit(officer, attemptId);
        expect(busySubmit.status).toBe(503);
        expect(busySubmit.body.code).toBe('DATABASE.BUSY');

        const health = await request(t.http).get('/health').timeout(ANSWER_WITHIN_MS);
        expect(health.status).toBe(503);
        expect(health.body.error).toEqual({ db: { status: 'down' } });
        const details = await request(t.http)
          .get('/api/health/details')
          .timeout(ANSWER_WITHIN_MS)
          .set('Authorization', `Bearer ${admin}`)
          .expect(200);
        expect(details.body.error.db.message).toContain('busy');
      } finally {
        await outside.release();
      }

      // No restart: the queue moved on, the next writes get the lock.
      expect((await login('officer_a')).status).toBe(200);
      const submitted = await submit(officer, attemptId);
      expect(submitted.status).toBe(200);
      expect((await t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ id: attemptId })).state).toBe(
        'finished',
      );
      const health = await request(t.http).get('/health').timeout(ANSWER_WITHIN_MS);
      expect(health.status).toBe(200);
      expect(health.body.info.db).toEqual({ status: 'up' });
    });
  },
);
