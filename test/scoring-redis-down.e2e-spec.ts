import './utils/redis-down.env';
import request from 'supertest';
import { IsNull } from 'typeorm';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz, keyedAnswers } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

jest.setTimeout(60_000);

describe('scoring with Redis unreachable (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['officer_a', 'manager']) tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('an officer still finishes a quiz; the event waits in the outbox; the score is still readable', async () => {
    const course = await createCourse(t.dataSource, { passMark: 60 });
    await createBank(t.dataSource, course, 5, () => ({ dimension: 'order' }));
    const quiz = await createQuiz(t.dataSource, course, { questionCount: 5, passMark: 60 });
    const started = await request(t.http)
      .post(`/api/quizzes/${quiz.id}/attempts`)
      .set(auth('officer_a'))
      .expect(201);
    const answers = await keyedAnswers(t.dataSource, started.body.id);
    await request(t.http)
      .put(`/api/attempts/${started.body.id}/answers`)
      .set(auth('officer_a'))
      .send({ answers })
      .expect(200);
    await request(t.http)
      .post(`/api/attempts/${started.body.id}/submit`)
      .set(auth('officer_a'))
      .send({})
      .expect(200);
    await new Promise((r) => setTimeout(r, 500)); // several relay ticks
    const waiting = await t.dataSource
      .getRepository(OutboxEvent)
      .findBy({ publishedAt: IsNull(), type: 'attempt.finished' });
    expect(waiting).toHaveLength(1);
    // Read on demand from the tables: the evidence is there even though the queue is not.
    const res = await request(t.http)
      .get(`/api/users/${org.users.officerA.id}/capability`)
      .set(auth('officer_a'))
      .expect(200);
    // cap-2: all five answers are counted (cap-1.0 checked the order mastery above the prior 50)
    expect(res.body.dimensions.find((d: { code: string }) => d.code === 'order').answers).toBe(5);
  });

  it('a full recompute cannot be queued: 503 with a stable code, and /health names the queue down', async () => {
    const res = await request(t.http)
      .post('/api/scoring/runs')
      .set(auth('manager'))
      .send({ scope: 'all' })
      .expect(503);
    expect(res.body.code).toBe('SCORING.QUEUE_UNAVAILABLE');
    const health = await request(t.http).get('/health').expect(503);
    expect(health.body.error.queue.status).toBe('down');
  });
});
