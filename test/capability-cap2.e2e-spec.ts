import './utils/scoring-fast.env';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import type { Course } from '../src/content/entities/course.entity';
import type { Quiz } from '../src/quizzes/entities/quiz.entity';
import { CapabilityService } from '../src/scoring/capability.service';
import { type GradedAnswer, type ItemType, labelMean } from '../src/scoring/model/cap2/cap2-model';
import { computeCap2 } from '../src/scoring/model/cap2/overall';
import { DIMENSIONS } from '../src/scoring/model/capability-model';
import { toDate } from '../src/database/sql/raw-sql';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz, keyedAnswers } from './factories/quiz.factory';
import { insertRow } from './factories/report-fixture';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

jest.setTimeout(60_000);

/**
 * Issue 18's acceptance for model cap-2 on a fresh app: nothing answered is 未评定 (never 50, never
 * 达标), one answer rates nothing, a retake after the review adds nothing from repeated questions,
 * and the stored score and intervals are those of the pure module (model/cap2).
 */
describe('capability model cap-2 on a fresh app', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let paper: Quiz; // 15 single-choice questions: 5 each of prevention, acceptance, handling
  let single: Quiz; // 1 question of order
  const tokens: Record<string, string> = {};
  const auth = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });
  const year = String(new Date().getUTCFullYear());

  async function take(
    name: string,
    quiz: Quiz,
    wrong: (i: number) => boolean = () => false,
  ): Promise<string> {
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
    return started.body.id;
  }
  /** Scores now (the queue does the same after the event) and reads the API. */
  async function capabilityOf(id: string) {
    await t.app.get(CapabilityService).scoreOfficer(id);
    return (await request(t.http).get(`/api/users/${id}/capability`).set(auth('admin')).expect(200)).body;
  }
  const dim = (body: { dimensions: Array<{ code: string }> }, code: string) =>
    body.dimensions.find((d) => d.code === code) as Record<string, unknown>;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['admin', 'manager', 'officer_a', 'officer_a2', 'officer_b', 'officer_d']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    const course: Course = await createCourse(t.dataSource, { passMark: 60 });
    const dims = ['prevention', 'acceptance', 'handling'] as const;
    await createBank(t.dataSource, course, 15, (i) => ({
      type: 'single',
      dimension: dims[(i - 1) % 3],
      difficulty: 2,
    }));
    paper = await createQuiz(t.dataSource, course, { questionCount: 15, passMark: 60, attemptsAllowed: 5 });
    const other: Course = await createCourse(t.dataSource, { passMark: 60 });
    await createBank(t.dataSource, other, 1, () => ({ type: 'single', dimension: 'order', difficulty: 2 }));
    single = await createQuiz(t.dataSource, other, { questionCount: 1, passMark: 60, attemptsAllowed: 5 });
  });
  afterAll(() => t.close());

  it('an officer with no answers and one attended session is 未评定, not 达标, on the API, the pages and the report', async () => {
    const sessionId = randomUUID();
    const at = new Date(Date.now() - 3 * 3_600_000);
    await insertRow(t.dataSource, 'training_sessions', {
      id: sessionId,
      kind: 'classroom',
      title: '条例专题培训班',
      description: null,
      startsAt: at,
      endsAt: new Date(at.getTime() + 3_600_000),
      checkInClosesAt: new Date(at.getTime() + 3_600_000),
      checkInOpensMinutes: 30,
      lateGraceMinutes: 10,
      location: '会议室',
      streamUrl: null,
      noticeNumber: null,
      capacity: null,
      creditHours: 3,
      minPresenceRatio: 0.8,
      courseId: null,
      materials: '[]',
      status: 'closed',
      sequence: 0,
      codeSecret: 'x',
      createdById: org.users.trainer.id,
      createdAt: at,
      updatedAt: at,
      closedAt: new Date(at.getTime() + 3_600_000),
    });
    await insertRow(t.dataSource, 'session_enrolments', {
      id: randomUUID(),
      sessionId,
      userId: org.users.officerB.id,
      venueId: null,
      state: 'enrolled',
      enrolledAt: at,
      attendance: 'present',
      finalisedAt: new Date(at.getTime() + 3_600_000),
    });

    const body = await capabilityOf(org.users.officerB.id);
    // cap-1.0 gave 60 here (attendance 100 % and every dimension at the prior 50), which counted as 达标
    expect(body).toMatchObject({
      score: null,
      rated: false,
      interval: null,
      meetsTarget: false,
      formula: 'cap-2',
    });
    expect(body.participation).toMatchObject({ attendanceRate: 1, courseRate: null });
    for (const d of body.dimensions) {
      expect(d).toMatchObject({
        value: null,
        interval: null,
        answers: 0,
        rated: false,
        reason: 'too_few_answers',
      });
    }

    const page = (
      await (
        await pageLogin(t.http, 'officer_b', TEST_PASSWORD)
      ).agent
        .get('/my/capability/breakdown')
        .expect(200)
    ).text;
    expect(page).toMatch(/data-testid="capability-score"><strong class="capability-score">未评定<\/strong>/);
    expect(page).not.toMatch(/data-label="能力估计">\d/); // every dimension 未评定, none shown as 50
    const own = (
      await (
        await pageLogin(t.http, 'officer_b', TEST_PASSWORD)
      ).agent
        .get(`/my/capability?period=${year}`)
        .expect(200)
    ).text;
    expect(own).toMatch(/data-testid="officer-score"><div class="stat">未评定</);

    const report = (q: string) =>
      request(t.http).get(`/api/reports/competency${q}`).set(auth('admin')).expect(200);
    const dash = (await report(`?unitId=${org.units.bureau.id}&period=${year}`)).body;
    expect(dash.tiles.meanCapability).toBeNull();
    expect(dash.dimensions.every((d: { value: unknown }) => d.value === null)).toBe(true);
    const met = (await report(`/officers?unitId=${org.units.bureau.id}&period=${year}&status=met`)).body;
    expect(met.items.map((o: { username: string }) => o.username)).not.toContain('officer_b');
    const unscored = (await report(`/officers?unitId=${org.units.bureau.id}&period=${year}&status=unscored`))
      .body;
    const b = unscored.items.find((o: { username: string }) => o.username === 'officer_b');
    expect(b).toMatchObject({
      score: null,
      dimensions: { prevention: null, acceptance: null, handling: null, supervision: null, order: null },
    });
    const html = (
      await (
        await pageLogin(t.http, 'admin', TEST_PASSWORD)
      ).agent
        .get(`/reports/competency?unitId=${org.units.bureau.id}&period=${year}`)
        .expect(200)
    ).text;
    expect(html).toMatch(/data-testid="tile-capability"><div class="stat">未评定</);
    const csv = (
      await request(t.http)
        .get(`/api/reports/competency.csv?unitId=${org.units.bureau.id}&period=${year}&status=unscored`)
        .set(auth('admin'))
        .expect(200)
    ).text;
    expect(csv.split('\n').find((l) => l.includes('officer_b'))).toMatch(
      /,未评定,未评定,未评定,未评定,未评定,未评定,/,
    );
  });

  it('one answer does not rate a dimension', async () => {
    await take('officer_a2', single);
    const body = await capabilityOf(org.users.officerA2.id);
    expect(dim(body, 'order')).toMatchObject({
      answers: 1,
      correct: 1,
      value: null,
      interval: null,
      rated: false,
      reason: 'too_few_answers',
    });
    expect(body.score).toBeNull();
  });

  it('a retake of the same paper after its review gains nothing from the repeated questions', async () => {
    const first = await take('officer_a', paper, (i) => i % 3 === 0); // 5 of 15 wrong
    await request(t.http).get(`/api/attempts/${first}`).set(auth('officer_a')).expect(200); // the review, with the keys
    const before = await capabilityOf(org.users.officerA.id);
    expect(before.dimensions.reduce((n: number, d: { answers: number }) => n + d.answers, 0)).toBe(15);
    await take('officer_a', paper); // everything right this time
    const after = await capabilityOf(org.users.officerA.id);
    const { computedAt: _a, ...kept } = before;
    const { computedAt: _b, ...now } = after;
    expect(now).toEqual(kept); // cap-1.0 moved 31.8 → 39.9 → 44.7 on such retakes
  });

  it('the stored score and intervals are those of the pure module, and the report averages only rated officers', async () => {
    await take('officer_d', paper); // 5 right answers in each of three dimensions
    const body = await capabilityOf(org.users.officerDept.id);
    const rows = (await t.dataSource.query(
      `SELECT e."dimension", e."versionId", e."credit", e."finishedAt", qv."type", qv."difficulty" FROM scoring_evidence e JOIN question_versions qv ON qv."id" = e."versionId" WHERE e."userId" = '${org.users.officerDept.id}'`,
    )) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(15);
    const byDimension = new Map<string, GradedAnswer[]>();
    for (const r of rows) {
      const list = byDimension.get(String(r.dimension)) ?? [];
      list.push({
        itemId: String(r.versionId),
        type: String(r.type) as ItemType,
        options: 4,
        correct: Number(r.credit) >= 1,
        answeredAt: toDate(r.finishedAt)!,
      });
      byDimension.set(String(r.dimension), list);
    }
    const [stored] = await t.dataSource.query(
      `SELECT * FROM capability_scores WHERE "userId" = '${org.users.officerDept.id}'`,
    );
    const asOf = toDate(stored.asOf)!;
    const pure = computeCap2(byDimension, DIMENSIONS, () => labelMean(2), asOf, { minAnswers: 5 });
    expect([pure.rated, pure.meetsTarget]).toEqual([true, true]);
    expect(Number(stored.score)).toBeCloseTo(pure.score!, 9);
    expect(Number(stored.scoreLower)).toBeCloseTo(pure.interval!.lower, 9);
    expect(Number(stored.scoreUpper)).toBeCloseTo(pure.interval!.upper, 9);
    expect(body).toMatchObject({
      rated: true,
      meetsTarget: pure.meetsTarget,
      score: Math.round(pure.score! * 10) / 10,
    });
    expect(body.interval).toEqual({
      lower: Math.round(pure.interval!.lower * 10) / 10,
      upper: Math.round(pure.interval!.upper * 10) / 10,
    });
    for (const d of pure.dimensions) {
      expect(dim(body, d.dimension)).toMatchObject({
        answers: d.answers,
        correct: d.correct,
        rated: d.rated,
        value: d.value === null ? null : Math.round(d.value * 10) / 10,
        interval: d.interval
          ? { lower: Math.round(d.interval.lower * 10) / 10, upper: Math.round(d.interval.upper * 10) / 10 }
          : null,
      });
    }
    // 平均能力分 of the bureau: the mean over rated officers only (未评定 officers are not zeros, nor 50s)
    const officers = [org.users.officerA, org.users.officerA2, org.users.officerB, org.users.officerDept];
    const scores = (
      await Promise.all(
        officers.map((o) =>
          t.dataSource.query(`SELECT "score" FROM capability_scores WHERE "userId" = '${o.id}'`),
        ),
      )
    ).map((r) => r[0]?.score ?? null);
    const rated = scores.filter((s) => s !== null).map(Number);
    expect(rated.length).toBeGreaterThan(0);
    expect(rated.length).toBeLessThan(4);
    const dash = (
      await request(t.http)
        .get(`/api/reports/competency?unitId=${org.units.bureau.id}&period=${year}`)
        .set(auth('admin'))
        .expect(200)
    ).body;
    expect(dash.tiles.meanCapability).toBeCloseTo(rated.reduce((s, x) => s + x, 0) / rated.length, 1);
  });
});
