import request from 'supertest';
import type { Quiz } from '../../src/quizzes/entities/quiz.entity';
import { sqliteTime } from '../../src/scoring/sql-dialect';
import { keyedAnswers } from '../factories/quiz.factory';
import type { TestApp } from './create-test-app';

/**
 * Attempts placed in a period, for the period-truth tests: `take` answers a whole paper right (or
 * all wrong) through the API; `backdate` moves a finished attempt back in time and drops its
 * evidence so it is expanded again from the attempt.
 */
export function periodAttempts(t: TestApp, auth: (name: string) => Record<string, string>) {
  async function take(name: string, quiz: Quiz, wrong: boolean): Promise<string> {
    const started = await request(t.http)
      .post(`/api/quizzes/${quiz.id}/attempts`)
      .set(auth(name))
      .expect(201);
    const answers = await keyedAnswers(t.dataSource, started.body.id, () => wrong);
    await request(t.http)
      .put(`/api/attempts/${started.body.id}/answers`)
      .set(auth(name))
      .send({ answers })
      .expect(200);
    await request(t.http)
      .post(`/api/attempts/${started.body.id}/submit`)
      .set(auth(name))
      .send({})
      .expect(200);
    return started.body.id;
  }

  async function backdate(attemptId: string, iso: string): Promise<void> {
    const pg = t.dataSource.options.type === 'postgres';
    const when = pg ? new Date(iso) : sqliteTime(new Date(iso));
    const [p1, p2] = pg ? ['$1', '$2'] : ['?', '?'];
    await t.dataSource.query(`UPDATE quiz_attempts SET "finishedAt" = ${p1} WHERE "id" = ${p2}`, [
      when,
      attemptId,
    ]);
    await t.dataSource.query(`DELETE FROM scoring_evidence WHERE "attemptId" = ${p1}`, [attemptId]);
  }

  return { take, backdate };
}
