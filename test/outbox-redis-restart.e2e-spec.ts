import './utils/scoring-fast.env';
import request from 'supertest';
import type { Queue } from 'bull';
import type { Course } from '../src/content/entities/course.entity';
import type { Quiz } from '../src/quizzes/entities/quiz.entity';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz, keyedAnswers } from './factories/quiz.factory';
import { OwnRedis, freePort } from './utils/own-redis';
import type { TestApp } from './utils/create-test-app';
import { waitFor as waitForWithin } from './utils/wait-for';

jest.setTimeout(120_000);

const waitFor = <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string) =>
  waitForWithin(read, ok, what, 30);

/**
 * Redis killed and restarted empty (issue 16, item 4): the app runs on a redis-server of this test's
 * own. Events relayed (their jobs waiting in Redis) when Redis loses its data are still all scored,
 * and the nightly repeatable job is back, without restarting the app.
 */
describe('Redis restarted without its data (own redis-server, e2e)', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let queue: Queue;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let course: Course;
  let quiz: Quiz;
  const tokens: Record<string, string> = {};
  const officers = ['officer_a', 'officer_a2', 'officer_b', 'officer_d'];

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    process.env.REDIS_PORT = String(redis.port);
    process.env.OUTBOX_REQUEUE_SECONDS = '1';
    // Imported only now: the environment is validated when the app module is first loaded.
    const { createTestApp } = await import('./utils/create-test-app');
    const { ScoringQueue } = await import('../src/scoring/scoring.queue');
    t = await createTestApp();
    queue = t.app.get(ScoringQueue).queue;
    org = await createOrganisation(t.dataSource);
    for (const name of officers) {
      tokens[name] = (
        await request(t.http)
          .post('/api/auth/login')
          .send({ username: name, password: TEST_PASSWORD })
          .expect(200)
      ).body.accessToken;
    }
    course = await createCourse(t.dataSource, { passMark: 60 });
    await createBank(t.dataSource, course, 5, () => ({ dimension: 'acceptance' }));
    quiz = await createQuiz(t.dataSource, course, { questionCount: 5, passMark: 60, attemptsAllowed: 10 });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
  });

  async function takeQuiz(name: string): Promise<string> {
    const auth = { Authorization: `Bearer ${tokens[name]}` };
    const started = await request(t.http).post(`/api/quizzes/${quiz.id}/attempts`).set(auth).expect(201);
    const answers = await keyedAnswers(t.dataSource, started.body.id);
    await request(t.http)
      .put(`/api/attempts/${started.body.id}/answers`)
      .set(auth)
      .send({ answers })
      .expect(200);
    await request(t.http).post(`/api/attempts/${started.body.id}/submit`).set(auth).send({}).expect(200);
    return started.body.id as string;
  }

  const count = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
  const nightly = async () => (await queue.getRepeatableJobs()).filter((r) => r.name === 'nightly');

  it('every acknowledged attempt.finished is scored and the nightly job is back', async () => {
    await waitFor(nightly, (r) => r.length === 1, 'the nightly schedule');
    // The worker holds off (as a busy or slow worker would): relayed jobs wait in Redis.
    await queue.pause(true);
    const attempts: string[] = [];
    for (const name of officers) for (let i = 0; i < 2; i++) attempts.push(await takeQuiz(name));
    await waitFor(
      () =>
        count(
          `SELECT COUNT(*) AS "n" FROM outbox_events WHERE "type" = 'attempt.finished' AND "publishedAt" IS NULL`,
        ),
      (n) => n === 0,
      'the relay to publish every event',
    );
    expect(await count(`SELECT COUNT(*) AS "n" FROM outbox_events WHERE "type" = 'attempt.finished'`)).toBe(
      attempts.length,
    );
    expect((await queue.getJobCounts()).waiting).toBe(attempts.length);
    expect(await count(`SELECT COUNT(*) AS "n" FROM scoring_evidence`)).toBe(0);

    // Redis dies with the jobs and the schedule; an empty one takes its place.
    await redis.kill();
    await redis.start();
    await waitFor(
      async () => queue.client.status,
      (s) => s === 'ready',
      'the app to reconnect',
    );
    await queue.resume(true);

    // Every attempt's evidence and every officer's score row, from the table alone (no read scores on demand).
    await waitFor(
      () => count(`SELECT COUNT(DISTINCT "attemptId") AS "n" FROM scoring_evidence`),
      (n) => n === attempts.length,
      'every finished attempt to be scored',
    );
    const ids = officers.map(
      (n) =>
        org.users[
          (
            {
              officer_a: 'officerA',
              officer_a2: 'officerA2',
              officer_b: 'officerB',
              officer_d: 'officerDept',
            } as const
          )[n as 'officer_a']
        ].id,
    );
    await waitFor(
      () =>
        count(
          `SELECT COUNT(*) AS "n" FROM capability_scores WHERE "userId" IN (${ids.map((id) => `'${id}'`).join(', ')})`,
        ),
      (n) => n === ids.length,
      'a score row for every officer',
    );
    const evidence = (await t.dataSource.query(
      `SELECT DISTINCT "attemptId" FROM scoring_evidence`,
    )) as Array<{ attemptId: string }>;
    expect(evidence.map((e) => e.attemptId).sort()).toEqual([...attempts].sort());
    await waitFor(
      () => count(`SELECT COUNT(*) AS "n" FROM outbox_events WHERE "processedAt" IS NULL`),
      (n) => n === 0,
      'every event marked processed',
    );

    const schedule = await waitFor(
      nightly,
      (r) => r.length === 1,
      'the nightly schedule to be registered again',
    );
    expect(schedule[0].tz).toBe('Asia/Shanghai');
    expect(await queue.getRepeatableJobs()).toHaveLength(1);
  });

  it('the canary registers the nightly job again when Redis no longer has it', async () => {
    const { QueueCanaryService } = await import('../src/scoring/queue-canary.service');
    for (const r of await queue.getRepeatableJobs()) await queue.removeRepeatableByKey(r.key);
    expect(await nightly()).toHaveLength(0);
    await t.app.get(QueueCanaryService).tick(60_000);
    expect(await nightly()).toHaveLength(1);
  });
});
