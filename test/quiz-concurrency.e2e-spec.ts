import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import request from 'supertest';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { QuizAttempt } from '../src/quizzes/entities/quiz-attempt.entity';
import { QUIZ_ATTEMPTS_QUEUE } from '../src/quizzes/quiz-deadline.queue';
import { createCourse } from './factories/course.factory';
import { createOrganisation } from './factories/organisation.factory';
import { createBank, createQuiz } from './factories/quiz.factory';
import { createSignedInOfficers } from './utils/bulk-officers';
import { createTestApp, TestApp } from './utils/create-test-app';

const OFFICERS = 500;

/** A whole district sits the exam: 500 officers submit at the same moment, 10 % of them twice. */
describe('Quiz attempts under a district-wide submit burst (e2e)', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
  });
  afterAll(async () => {
    await t.app.get<Queue>(getQueueToken(QUIZ_ATTEMPTS_QUEUE)).obliterate({ force: true }); // 500 delayed deadline jobs
    await t.close();
  });

  it('should finish exactly 500 attempts with no duplicates and no 5xx, the double submits answered alike', async () => {
    const org = await createOrganisation(t.dataSource);
    const course = await createCourse(t.dataSource);
    await createBank(t.dataSource, course, 30);
    const exam = await createQuiz(t.dataSource, null, {
      questionCount: 20,
      draw: [{ count: 20, courses: [course.id] }],
    });
    const officers = await createSignedInOfficers(t.dataSource, org.units.streetB, OFFICERS);

    const attemptIds: string[] = [];
    for (let from = 0; from < OFFICERS; from += 100) {
      const started = await Promise.all(
        officers
          .slice(from, from + 100)
          .map((o) =>
            request(base).post(`/api/quizzes/${exam.id}/attempts`).set('Authorization', `Bearer ${o.token}`),
          ),
      );
      expect(started.map((r) => r.status)).toEqual(Array(started.length).fill(201));
      attemptIds.push(...started.map((r) => r.body.id as string));
    }

    const submits = officers.flatMap((o, i) => {
      const send = () =>
        request(base)
          .post(`/api/attempts/${attemptIds[i]}/submit`)
          .set('Authorization', `Bearer ${o.token}`)
          .send({ answers: [] });
      return i % 10 === 0 ? [send(), send()] : [send()];
    });
    const responses = await Promise.all(submits);
    expect(responses).toHaveLength(550);
    expect(responses.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text}`)).toEqual([]);
    const byAttempt = new Map<string, Set<string>>();
    for (const r of responses) {
      byAttempt.set(r.body.id, (byAttempt.get(r.body.id) ?? new Set()).add(JSON.stringify(r.body)));
    }
    expect(byAttempt.size).toBe(OFFICERS);
    expect([...byAttempt.values()].every((bodies) => bodies.size === 1)).toBe(true);

    const rows = await t.dataSource.getRepository(QuizAttempt).findBy({ quizId: exam.id });
    expect(rows).toHaveLength(OFFICERS);
    expect(rows.every((a) => a.state === 'finished' && a.openSlot === null)).toBe(true);
    expect(new Set(rows.map((a) => a.userId)).size).toBe(OFFICERS);
    const events = await t.dataSource.getRepository(OutboxEvent).countBy({ type: 'attempt.finished' });
    expect(events).toBe(OFFICERS);
  }, 180_000);
});
