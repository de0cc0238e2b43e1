import './utils/scoring-fast.env';
import Bull from 'bull';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Course } from '../src/content/entities/course.entity';
import { AppConfig } from '../src/config/app-config';
import { CourseCompletion } from '../src/completions/entities/course-completion.entity';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { OutboxService } from '../src/outbox/outbox.service';
import type { Quiz } from '../src/quizzes/entities/quiz.entity';
import { CapabilityService } from '../src/scoring/capability.service';
import { toDate } from '../src/database/sql/raw-sql';
import {
  difficultyOf,
  firstAnswers,
  type DifficultyOf,
  type ItemType,
} from '../src/scoring/model/cap2/cap2-model';
import { computeCap2 } from '../src/scoring/model/cap2/overall';
import { DIMENSIONS } from '../src/scoring/model/capability-model';
import { NightlyScheduleService } from '../src/scoring/nightly-schedule.service';
import { OutboxRelayService } from '../src/scoring/outbox-relay.service';
import { QueueCanaryService } from '../src/scoring/queue-canary.service';
import { JOB, SCORING_QUEUE, ScoringQueue } from '../src/scoring/scoring.queue';
import { IsNull } from 'typeorm';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz, keyedAnswers } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { waitFor } from './utils/wait-for';

jest.setTimeout(60_000);

describe('capability scoring on the queue (real Redis)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let course: Course;
  let quiz: Quiz;
  const tokens: Record<string, string> = {};
  const auth = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });

  /** An officer takes the quiz through the API; `wrong` picks the positions answered wrongly. */
  async function takeQuiz(name: string, wrong: (i: number) => boolean = () => false): Promise<void> {
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
  const capability = (name: string, id: string) =>
    request(t.http).get(`/api/users/${id}/capability`).set(auth(name));
  const storedRows = async () =>
    (await t.dataSource.query(`SELECT * FROM capability_scores ORDER BY "userId"`)).map(
      (r: Record<string, unknown>) => {
        const { computedAt: _c, ...rest } = r;
        return Object.fromEntries(
          Object.entries(rest).map(([k, v]) => [
            k,
            typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v instanceof Date ? v.toISOString() : v,
          ]),
        );
      },
    );

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['manager', 'admin', 'trainer', 'officer_a', 'officer_a2', 'officer_b', 'officer_d']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    course = await createCourse(t.dataSource, { passMark: 60 });
    await createBank(t.dataSource, course, 10, (i) => ({
      dimension: i <= 5 ? 'acceptance' : 'handling',
      difficulty: 1 + (i % 3),
    }));
    quiz = await createQuiz(t.dataSource, course, { questionCount: 10, passMark: 60, attemptsAllowed: 10 });
  });
  afterAll(() => t.close());

  it('an attempt finished moves the officer’s score: the event flows through the outbox and the queue', async () => {
    const before = await capability('officer_a', org.users.officerA.id).expect(200);
    // cap-2: no evidence is 未评定 (null), not the old prior of 50
    expect(before.body).toMatchObject({ score: null, rated: false, interval: null, formula: 'cap-2' });
    expect(
      before.body.dimensions.every(
        (d: { value: unknown; answers: number }) => d.value === null && d.answers === 0,
      ),
    ).toBe(true);
    await takeQuiz('officer_a');
    const dim = (r: request.Response, code: string) =>
      r.body.dimensions.find((d: { code: string }) => d.code === code);
    const after = await waitFor(
      () => capability('officer_a', org.users.officerA.id),
      (r) => dim(r, 'acceptance').answers > 0,
      'the evidence to count',
    );
    expect(dim(after, 'acceptance').answers).toBe(5);
    expect(dim(after, 'handling').answers).toBe(5);
    expect(dim(after, 'order')).toMatchObject({
      value: null,
      rated: false,
      reason: 'too_few_answers',
      answers: 0,
    });
    // the paper covers two dimensions: an overall score needs three rated ones
    expect(after.body.score).toBeNull();
    await waitFor(
      () => t.dataSource.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() }),
      (n) => n === 0,
      'the outbox to drain',
    );
  });

  it('capability is visible to self, the manager in scope, trainer and admin, and 404 elsewhere', async () => {
    await capability('manager', org.users.officerA.id).expect(200);
    await capability('trainer', org.users.officerA.id).expect(200);
    await capability('admin', org.users.officerA.id).expect(200);
    await capability('manager', org.users.officerB.id).expect(404);
    await capability('officer_b', org.users.officerA.id).expect(404);
    await capability('admin', 'not-a-uuid').expect(404);
  });

  it('full run = the sum of single runs = the pure model, and running twice changes nothing', async () => {
    await takeQuiz('officer_b', (i) => i % 2 === 0);
    await takeQuiz('officer_a2', (i) => i < 3);
    await t.dataSource.getRepository(CourseCompletion).insert({
      id: randomUUID(),
      userId: org.users.officerB.id,
      courseId: course.id,
      completedAt: new Date(Date.now() - 86_400_000),
      expiresAt: null,
      creditHours: 2,
    });
    const assignmentId = randomUUID();
    await t.dataSource.query(
      `INSERT INTO assignments ("id", "courseId", "dueAt", "createdById", "createdAt") VALUES ($1, $2, $3, $4, $5)`.replace(
        /\$\d/g,
        t.dataSource.options.type === 'postgres' ? (m) => m : () => '?',
      ),
      [assignmentId, course.id, new Date(Date.now() + 86_400_000), org.users.trainer.id, new Date()],
    );
    await t.dataSource.query(
      `INSERT INTO assignment_targets ("id", "assignmentId", "kind", "unitId", "includeSubtree", "role", "userId") VALUES ($1, $2, 'unit', $3, $4, NULL, NULL)`.replace(
        /\$\d/g,
        t.dataSource.options.type === 'postgres' ? (m) => m : () => '?',
      ),
      [randomUUID(), assignmentId, org.units.bureau.id, true],
    );
    // Let the events of these attempts finish first (their jobs score with asOf = now), then hold the relay.
    await waitFor(
      () => t.dataSource.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() }),
      (n) => n === 0,
      'the outbox to drain',
    );
    const queue = t.app.get(ScoringQueue).queue;
    await waitFor(
      () => queue.getJobCounts(),
      (c) => c.waiting + c.active === 0,
      'the queue to be idle',
    );
    const svc = t.app.get(CapabilityService);
    const asOf = new Date(Date.now() + 60_000);
    const officers = await svc.officerIds();
    expect(officers).toHaveLength(4);

    for (const id of officers) await svc.scoreOfficer(id, asOf);
    const singles = await storedRows();
    for (const id of officers) await svc.scoreOfficer(id, asOf); // the same job again
    expect(await storedRows()).toEqual(singles);

    await t.dataSource.query(`DELETE FROM capability_scores`);
    await svc.scoreAll(asOf);
    const full = await storedRows();
    expect(full).toEqual(singles);
    await svc.scoreAll(asOf);
    expect(await storedRows()).toEqual(full);

    // The pure per-answer module (firstAnswers, computeCap2, label difficulties) on the same evidence
    // gives the same numbers as the grouped SQL path.
    const evidence = (await t.dataSource.query(
      `SELECT e.*, qv."type", qv."options" AS "optionList" FROM scoring_evidence e JOIN question_versions qv ON qv."id" = e."versionId"`,
    )) as Array<Record<string, unknown>>;
    const labels = new Map(evidence.map((e) => [String(e.versionId), Number(e.difficulty)]));
    const byOfficer = firstAnswers(
      evidence.map((e) => ({
        officerId: String(e.userId),
        dimension: String(e.dimension),
        itemId: String(e.versionId),
        type: String(e.type) as ItemType,
        options: (typeof e.optionList === 'string' ? JSON.parse(e.optionList) : e.optionList).length,
        credit: Number(e.credit),
        answeredAt: toDate(e.finishedAt)!,
        source: 'quiz' as const,
        finished: true,
        attemptId: String(e.attemptId),
      })),
    );
    const expectPure = (rows: Array<Record<string, unknown>>, difficulty: DifficultyOf) => {
      for (const row of rows) {
        const pure = computeCap2(
          byOfficer.get(String(row.userId)) ?? new Map(),
          DIMENSIONS,
          difficulty,
          asOf,
          { minAnswers: 5 },
        );
        expect(row.score === null ? null : Number(row.score)).toEqual(
          pure.score === null ? null : expect.closeTo(pure.score, 9),
        );
        const detail = JSON.parse(String(row.dimensionDetail));
        for (const d of pure.dimensions) {
          expect(detail[d.dimension]).toMatchObject({
            answers: d.answers,
            correct: d.correct,
            rated: d.rated,
            reason: d.reason,
          });
          expect(detail[d.dimension].value === null ? null : Number(detail[d.dimension].value)).toEqual(
            d.value === null ? null : expect.closeTo(d.value, 9),
          );
          expect(row[`${d.dimension}Mastery`] === null ? null : Number(row[`${d.dimension}Mastery`])).toEqual(
            d.value === null ? null : expect.closeTo(d.value / 100, 9),
          );
        }
      }
    };
    expectPure(
      full,
      difficultyOf(new Map(), (id) => labels.get(id)!),
    );

    // Stored calibrated difficulties (item_calibrations) are what both paths score with: the full
    // run and the per-officer (event) path give the same rows, equal to the pure module on those b.
    const items = [...labels.keys()].sort();
    const calibrated = new Map(
      items.map((id, i) => [id, { b: (i % 2 === 0 ? 1.5 : -1.5) + labels.get(id)! - 2 }]),
    );
    for (const [id, c] of calibrated) {
      await t.dataSource.query(
        `INSERT INTO item_calibrations ("versionId", "b", "se", "answers", "calibratedAt") VALUES ('${id}', ${c.b}, 0.3, 50, '2026-01-01')`,
      );
    }
    await svc.scoreAll(asOf);
    const withCalibration = await storedRows();
    expect(withCalibration).not.toEqual(full);
    expectPure(
      withCalibration,
      difficultyOf(calibrated, (id) => labels.get(id)!),
    );
    for (const id of officers) await svc.scoreOfficer(id, asOf);
    expect(await storedRows()).toEqual(withCalibration);
    await t.dataSource.query(`DELETE FROM item_calibrations`);
    await svc.scoreAll(asOf);
    const b = full.find((r: Record<string, unknown>) => r.userId === org.users.officerB.id);
    expect(b).toMatchObject({ coursesRequired: 1, coursesDone: 1, courseRate: 1 });
  });

  it('POST /api/scoring/runs runs a full recompute as queue jobs with progress', async () => {
    await request(t.http).post('/api/scoring/runs').set(auth('officer_a')).send({ scope: 'all' }).expect(403);
    await request(t.http).post('/api/scoring/runs').set(auth('manager')).send({ scope: 'some' }).expect(400);
    // Evidence lost (or never expanded, as after an upgrade): the run rebuilds it range by range.
    const [{ n: evidenceBefore }] = await t.dataSource.query(`SELECT COUNT(*) AS "n" FROM scoring_evidence`);
    await t.dataSource.query(`DELETE FROM scoring_evidence`);
    const res = await request(t.http)
      .post('/api/scoring/runs')
      .set(auth('manager'))
      .send({ scope: 'all' })
      .expect(202);
    const done = await waitFor(
      () => request(t.http).get(`/api/scoring/runs/${res.body.id}`).set(auth('admin')),
      (r) => r.body.state === 'finished' || r.body.state === 'failed',
      'the run to finish',
    );
    expect(done.body).toMatchObject({ state: 'finished', progress: 1, officersScored: 4, officersTotal: 4 });
    const [{ n: evidenceAfter }] = await t.dataSource.query(`SELECT COUNT(*) AS "n" FROM scoring_evidence`);
    expect(Number(evidenceAfter)).toBe(Number(evidenceBefore));
    expect(Number(evidenceAfter)).toBeGreaterThan(0);
    const chunks = await t.dataSource.query(
      `SELECT * FROM scoring_run_chunks WHERE "runId" = '${res.body.id}'`,
    );
    expect(chunks.map((c: { officers: number }) => Number(c.officers)).sort()).toEqual([1, 3]); // 4 officers in chunks of 3
    expect(done.body.startedAt).toBeTruthy();
    expect(done.body.finishedAt).toBeTruthy();
    await request(t.http).get(`/api/scoring/runs/${randomUUID()}`).set(auth('admin')).expect(404);
  });

  it('Redis unreachable while events are written: the API works, events wait, then each is scored once', async () => {
    const relay = t.app.get(OutboxRelayService);
    const config = t.app.get(AppConfig);
    relay.pause();
    // A relay whose Redis is a closed port: it must give up quickly and mark nothing.
    const deadQueue = new Bull(SCORING_QUEUE, {
      prefix: config.get('QUEUE_PREFIX'),
      redis: { host: '127.0.0.1', port: 1, maxRetriesPerRequest: 1, retryStrategy: () => 1000 },
    });
    deadQueue.on('error', () => undefined);
    const deadRelay = new OutboxRelayService(t.app.get(OutboxService), new ScoringQueue(deadQueue), config);
    const completed: string[] = [];
    const queue = t.app.get(ScoringQueue).queue;
    const onCompleted = (job: Bull.Job) => job.name === JOB.event && completed.push(String(job.id));
    queue.on('completed', onCompleted);
    try {
      await takeQuiz('officer_d', (i) => i === 0);
      await takeQuiz('officer_b');
      expect(await deadRelay.relay()).toBe(0);
      const waiting = await t.dataSource.getRepository(OutboxEvent).findBy({ publishedAt: IsNull() });
      expect(waiting.length).toBeGreaterThanOrEqual(2);
      const before = await capability('admin', org.users.officerDept.id).expect(200); // still the score from before the attempt
      const acceptance = (r: request.Response) =>
        r.body.dimensions.find((d: { code: string }) => d.code === 'acceptance');
      expect(acceptance(before).answers).toBe(0);
      relay.resume();
      await waitFor(
        () => t.dataSource.getRepository(OutboxEvent).countBy({ publishedAt: IsNull() }),
        (n) => n === 0,
        'the outbox to drain',
      );
      await waitFor(
        async () => waiting.every((e) => completed.includes(e.id)),
        Boolean,
        'every waiting event to be processed',
      );
      await relay.relay();
      await new Promise((r) => setTimeout(r, 300));
      for (const e of waiting) expect(completed.filter((id) => id === e.id)).toHaveLength(1);
      const after = await capability('admin', org.users.officerDept.id).expect(200);
      expect(acceptance(after).answers).toBe(5);
      expect(after.body.dimensions.reduce((n: number, d: { correct: number }) => n + d.correct, 0)).toBe(9); // one of ten answered wrongly
    } finally {
      queue.off('completed', onCompleted);
      await deadQueue.close().catch(() => undefined);
      relay.resume();
    }
  });

  it('an event no job can use is set aside with a logged reason instead of blocking the outbox', async () => {
    const relay = t.app.get(OutboxRelayService);
    const queue = t.app.get(ScoringQueue).queue;
    relay.pause();
    const failed: Array<{ id: string; attempts: number }> = [];
    const onFailed = (job: Bull.Job) => failed.push({ id: String(job.id), attempts: job.attemptsMade });
    queue.on('failed', onFailed);
    try {
      const repo = t.dataSource.getRepository(OutboxEvent);
      const broken = randomUUID();
      const noOfficer = randomUUID();
      await repo.insert({
        id: broken,
        type: 'attempt.finished',
        payload: 'not json',
        createdAt: new Date(Date.now() - 2000),
        publishedAt: null,
        attempts: 0,
      });
      await repo.insert({
        id: noOfficer,
        type: 'course.completed',
        payload: '{}',
        createdAt: new Date(Date.now() - 1000),
        publishedAt: null,
        attempts: 0,
      });
      relay.resume();
      expect(await relay.relay()).toBe(2);
      expect(await repo.findOneByOrFail({ id: broken })).toMatchObject({ attempts: 1 });
      expect((await repo.findOneByOrFail({ id: broken })).publishedAt).not.toBeNull();
      // The job of an event that names no officer fails once and is not retried.
      await waitFor(
        async () => failed.filter((f) => f.id === noOfficer),
        (f) => f.length > 0,
        'the job to fail',
      );
      await new Promise((r) => setTimeout(r, 1500));
      expect(failed.filter((f) => f.id === noOfficer)).toEqual([{ id: noOfficer, attempts: 1 }]);
    } finally {
      queue.off('failed', onFailed);
      relay.resume();
    }
  });

  it('an officer reads their own score and what it is made of on 我的能力分', async () => {
    const res = await request(t.http).get('/my/capability/breakdown').set(auth('officer_a')).expect(200);
    expect(res.text).toContain('受理法治化');
    expect(res.text).toContain('未评定'); // two dimensions answered: no overall score
    expect(res.text).toContain('参训情况（不计入能力分）');
    expect(res.text).not.toContain('知识掌握');
  });

  it('the admin page shows runs with a progress bar', async () => {
    const res = await request(t.http).get('/admin/scoring').set(auth('admin')).expect(200);
    expect(res.text).toMatch(/<progress[^>]*value="100"/);
    expect(res.text).toContain('已完成');
    await request(t.http).get('/admin/scoring').set(auth('manager')).expect(403);
  });

  it('the nightly run is one repeatable job, however often the process restarts', async () => {
    const config = t.app.get(AppConfig);
    const schedule = t.app.get(NightlyScheduleService);
    await schedule.ensure();
    // A restarted process: a new connection registers the schedule again.
    const again = new Bull(SCORING_QUEUE, {
      prefix: config.get('QUEUE_PREFIX'),
      redis: { host: config.get('REDIS_HOST'), port: config.get('REDIS_PORT') },
    });
    try {
      const restarted = Object.assign(new NightlyScheduleService(new ScoringQueue(again), config), {
        enabled: true,
      });
      await restarted.ensure();
      await restarted.ensure();
      const repeatable = (await again.getRepeatableJobs()).filter((r) => r.name === JOB.nightly);
      expect(repeatable).toHaveLength(1);
      expect(repeatable[0].cron).toBe(config.get('SCORING_NIGHTLY_CRON'));
    } finally {
      await again.close();
    }
  });

  it('the canary notices a worker that stopped taking jobs, /health says so, and the worker recovers', async () => {
    const canary = t.app.get(QueueCanaryService);
    const queue = t.app.get(ScoringQueue).queue;
    await request(t.http).get('/health').expect(200);
    await queue.pause(true); // the worker stops taking jobs, as after the Bull reconnect defect
    expect(await canary.tick(50)).toBe('ok'); // sends a canary
    await new Promise((r) => setTimeout(r, 100));
    expect(await canary.tick(50)).toBe('recovered');
    await waitFor(
      async () => canary.stuck,
      (s) => !s,
      'the canary to arrive after recovery',
    );
    expect(canary.recoveries).toBe(1);
    const health = await request(t.http).get('/health').expect(200);
    expect(health.body.info.queue.status).toBe('up');
  });
});
