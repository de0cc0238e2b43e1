import './utils/scoring-fast.env';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { Course } from '../src/content/entities/course.entity';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import type { Quiz } from '../src/quizzes/entities/quiz.entity';
import { CapabilityService } from '../src/scoring/capability.service';
import { ScoringRun } from '../src/scoring/entities/scoring-run.entity';
import { ScoringQueue } from '../src/scoring/scoring.queue';
import { dialectOf } from '../src/scoring/sql-dialect';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz, keyedAnswers } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { waitFor } from './utils/wait-for';

jest.setTimeout(60_000);

/** Scores never go backwards in time (issue 18): the evidence watermark, and assignment changes rescored at once. */
describe('capability scores stay as new as their evidence (real Redis)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let course: Course;
  let quiz: Quiz;
  const tokens: Record<string, string> = {};
  const auth = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });

  async function takeQuiz(name: string, wrong: (i: number) => boolean): Promise<void> {
    const started = await request(t.http)
      .post(`/api/quizzes/${quiz.id}/attempts`)
      .set(auth(name))
      .expect(201);
    const answers = await keyedAnswers(t.dataSource, started.body.id, wrong);
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
  }
  const stored = async (userId: string): Promise<Record<string, unknown> | undefined> =>
    (await t.dataSource.query(`SELECT * FROM capability_scores WHERE "userId" = '${userId}'`))[0];
  /** cap-2 counts each question version's first answer: a retake with new questions adds evidence, so this grows. */
  const storedScore = async (userId: string) => {
    const row = await stored(userId);
    return row ? Number(row.acceptanceCount) + Number(row.handlingCount) : null;
  };
  const drained = async () => {
    await waitFor(
      () => t.dataSource.getRepository(OutboxEvent).countBy({ processedAt: IsNull() }),
      (n) => n === 0,
      'every outbox event to be processed',
    );
    const queue = t.app.get(ScoringQueue).queue;
    await waitFor(
      () => queue.getJobCounts(),
      (c) => c.waiting + c.active === 0,
      'the queue to be idle',
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['manager', 'trainer', 'officer_a', 'officer_b']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    course = await createCourse(t.dataSource, { passMark: 60 });
    // 20 questions, 10 a paper: a second attempt draws questions not answered before (new first answers).
    await createBank(t.dataSource, course, 20, (i) => ({
      dimension: i <= 10 ? 'acceptance' : 'handling',
      difficulty: 1 + (i % 3),
    }));
    quiz = await createQuiz(t.dataSource, course, { questionCount: 10, passMark: 60, attemptsAllowed: 10 });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  it('a full run whose chunk was computed before an attempt finished does not write the older score back', async () => {
    const officer = org.users.officerA.id;
    await takeQuiz('officer_a', (i) => i < 6);
    await drained();
    const first = await storedScore(officer);
    expect(first).not.toBeNull();

    // Hold every chunk of the run after it has taken its 'as of' and before its statement runs.
    const svc = t.app.get(CapabilityService);
    const scoreRange = svc.scoreRange.bind(svc);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    jest.spyOn(svc, 'scoreRange').mockImplementation(async (fromId, toId, asOf) => {
      held += 1;
      await gate;
      return scoreRange(fromId, toId, asOf);
    });
    const run = await request(t.http)
      .post('/api/scoring/runs')
      .set(auth('manager'))
      .send({ scope: 'all' })
      .expect(202);
    await waitFor(
      async () => held,
      (n) => n === 2,
      'both chunks of the run to be under way',
    ); // 4 officers, chunks of 3

    // Meanwhile the officer finishes a better attempt; its event scores it from the newer evidence.
    await takeQuiz('officer_a', () => false);
    const newer = await waitFor(
      () => storedScore(officer),
      (s) => s !== null && s > first!,
      'the event to raise the score',
    );

    release();
    const done = await waitFor(
      () => request(t.http).get(`/api/scoring/runs/${run.body.id}`).set(auth('manager')),
      (r) => r.body.state === 'finished' || r.body.state === 'failed',
      'the run to finish',
    );
    expect(done.body).toMatchObject({ state: 'finished', progress: 1 });
    jest.restoreAllMocks();

    expect(await storedScore(officer)).toBe(newer);
    // And the newer score is the one the current evidence gives.
    await svc.scoreOfficer(officer);
    expect(await storedScore(officer)).toBeCloseTo(newer!, 4);
  });

  it('a write computed from older evidence never replaces a stored score; one as new or newer does', async () => {
    const svc = t.app.get(CapabilityService);
    const officer = org.users.officerA.id;
    const current = await storedScore(officer);
    const yesterday = new Date(Date.now() - 86_400_000); // before any of the attempts
    await svc.scoreRange(officer, officer, yesterday);
    await svc.scoreOfficer(officer, yesterday);
    expect(await storedScore(officer)).toBe(current);
    const res = await request(t.http)
      .get(`/api/users/${officer}/capability`)
      .set(auth('officer_a'))
      .expect(200);
    expect(res.body.dimensions.reduce((n: number, d: { answers: number }) => n + d.answers, 0)).toBe(current);

    // A row computed "as of" a future instant read nothing newer than its statement: a later event replaces it.
    await t.dataSource.query(`DELETE FROM capability_scores WHERE "userId" = '${officer}'`);
    await svc.scoreAll(new Date(Date.now() + 3_600_000));
    const ahead = await stored(officer);
    await svc.scoreOfficer(officer);
    const after = await stored(officer);
    const text = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
    expect(text(after!.asOf)).not.toBe(text(ahead!.asOf));
  });

  it('creating and cancelling an assignment rescores its members without a full run', async () => {
    const officer = org.users.officerB.id;
    await request(t.http).get(`/api/users/${officer}/capability`).set(auth('officer_b')).expect(200); // scored on first read
    expect(Number((await stored(officer))!.coursesRequired)).toBe(0);
    const runCount = async () =>
      Number((await t.dataSource.query(`SELECT COUNT(*) AS "n" FROM scoring_runs`))[0].n);
    const runsBefore = await runCount();
    const dueAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const created = await request(t.http)
      .post('/api/assignments')
      .set(auth('trainer'))
      .send({ courseId: course.id, userIds: [officer], dueAt })
      .expect(201);
    expect(created.body.assignedCount).toBe(1);
    await drained();
    const row = await stored(officer);
    expect(Number(row!.coursesRequired)).toBe(1);
    const view = await request(t.http)
      .get(`/api/users/${officer}/capability`)
      .set(auth('officer_b'))
      .expect(200);
    // cap-2: course completion is a participation figure beside the score (必修课程完成 0/1)
    expect(view.body.participation).toMatchObject({ coursesRequired: 1, coursesDone: 0 });
    expect(await runCount()).toBe(runsBefore); // no full run was involved

    await request(t.http)
      .post(`/api/assignments/${created.body.id}/cancel`)
      .set(auth('trainer'))
      .send({})
      .expect(200);
    await drained();
    expect(Number((await stored(officer))!.coursesRequired)).toBe(0);
  });

  it('a run whose chunks are all recorded reads as finished even if its own row was never marked', async () => {
    const id = randomUUID();
    const at = new Date(Date.now() - 60_000);
    await t.dataSource.getRepository(ScoringRun).insert({
      id,
      scope: 'all',
      trigger: 'api',
      state: 'running',
      officersTotal: 4,
      chunksTotal: 2,
      error: null,
      requestedById: null,
      createdAt: at,
      startedAt: at,
      finishedAt: null,
    });
    const chunk = (no: number, officers: number) =>
      t.dataSource.query(
        `INSERT INTO scoring_run_chunks ("runId", "chunkNo", "officers", "finishedAt") VALUES ($1, $2, $3, $4)`.replace(
          /\$\d/g,
          t.dataSource.options.type === 'postgres' ? (m) => m : () => '?',
        ),
        [id, no, officers, dialectOf(t.dataSource).time(at)],
      );
    await chunk(0, 3);
    const half = await request(t.http).get(`/api/scoring/runs/${id}`).set(auth('manager')).expect(200);
    expect(half.body).toMatchObject({ state: 'running', progress: 0.75, officersScored: 3 });
    await chunk(1, 1);
    const all = await request(t.http).get(`/api/scoring/runs/${id}`).set(auth('manager')).expect(200);
    expect(all.body).toMatchObject({ state: 'finished', progress: 1, officersScored: 4 });
    expect(all.body.finishedAt).toBeTruthy();
  });
});
