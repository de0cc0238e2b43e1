import './utils/scoring-fast.env';
import request from 'supertest';
import type { Quiz } from '../src/quizzes/entities/quiz.entity';
import { CapabilityService } from '../src/scoring/capability.service';
import { OutboxRelayService } from '../src/scoring/outbox-relay.service';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createBank, createQuiz } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { periodAttempts } from './utils/period-attempts';

jest.setTimeout(120_000);

/** The end of 2025 in bureau time (UTC+8), the last instant a 2025 answer may have. */
const END_2025 = new Date('2025-12-31T16:00:00Z');

/**
 * Issue 18, "every figure true to its period": the capability figures of an ended period come from
 * the evidence up to its end (not today's scores), the trend from month-end estimates; closing a
 * month stores its values with numerator and denominator, later evidence leaves them alone, and an
 * admin reopens it only with a reason (audited, recomputed); a target for one year and unit is only theirs.
 */
describe('figures true to their period', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let quiz2025: Quiz; // 15 single-choice questions: 5 each of prevention, acceptance, handling
  let quiz2026: Quiz; // 15 other questions of the same dimensions
  const tokens: Record<string, string> = {};
  const auth = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });
  const indicators = async (unitId: string, period: string, scope = 'subtree') =>
    (
      await request(t.http)
        .get(`/api/indicators?unitId=${unitId}&period=${period}&scope=${scope}`)
        .set(auth('admin'))
        .expect(200)
    ).body as Array<Record<string, unknown> & { code: string; actual: number | null }>;
  const row = async (unitId: string, period: string, code: string, scope = 'subtree') =>
    (await indicators(unitId, period, scope)).find((r) => r.code === code)!;

  const take = (name: string, quiz: Quiz, wrong: boolean) => periodAttempts(t, auth).take(name, quiz, wrong);
  const backdate = (attemptId: string, iso: string) => periodAttempts(t, auth).backdate(attemptId, iso);
  async function scoreOf(userId: string, asOf?: Date): Promise<number | null> {
    await t.app.get(CapabilityService).scoreOfficer(userId, asOf);
    const [r] = await t.dataSource.query(
      `SELECT "score" FROM capability_scores WHERE "userId" = '${userId}'`,
    );
    return r.score === null ? null : Number(r.score);
  }
  const r2 = (x: number) => Math.round(x * 100) / 100;

  let s2025: number;
  let sNow: number | null;

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(OutboxRelayService).pause(); // this file scores explicitly
    org = await createOrganisation(t.dataSource);
    for (const name of ['admin', 'manager', 'officer_a', 'officer_a2']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    const dims = ['prevention', 'acceptance', 'handling'] as const;
    for (const which of [2025, 2026]) {
      const course = await createCourse(t.dataSource, { passMark: 60 });
      await createBank(t.dataSource, course, 15, (i) => ({
        type: 'single',
        dimension: dims[(i - 1) % 3],
        difficulty: 2,
      }));
      const quiz = await createQuiz(t.dataSource, course, {
        questionCount: 15,
        passMark: 60,
        attemptsAllowed: 5,
      });
      if (which === 2025) quiz2025 = quiz;
      else quiz2026 = quiz;
    }
    // officer A: all right in late December 2025 (older evidence widens the interval past rating), all wrong on other questions now (2026)
    await backdate(await take('officer_a', quiz2025, false), '2025-12-20T02:00:00Z');
    await take('officer_a', quiz2026, true);
    s2025 = (await scoreOf(org.users.officerA.id, new Date(END_2025.getTime() - 1)))!;
    sNow = await scoreOf(org.users.officerA.id);
  });
  afterAll(() => t.close());

  it('answers in 2025 and more in 2026: the 2025 figures reflect only the 2025 evidence', async () => {
    expect(s2025).not.toBeNull();
    // today's estimate differs: the 2026 wrong answers pull it down (and the aged 2025 ones widen it to 未评定)
    expect(sNow === null || sNow < s2025 - 5).toBe(true);
    const streetA = org.units.streetA.id;
    expect((await row(streetA, '2025', 'CAPABILITY_AVG', 'own')).actual).toBe(r2(s2025));
    expect((await row(streetA, '2025-Q4', 'CAPABILITY_AVG', 'own')).actual).toBe(r2(s2025));
    expect((await row(streetA, '2025-Q3', 'CAPABILITY_AVG', 'own')).actual).toBeNull(); // no evidence yet: 未评定, never 0 or 50
    expect((await row(streetA, '2025-Q3', 'CAPABILITY_MET_RATE', 'own')).basis).toEqual({
      numerator: 0,
      denominator: 0,
    });
    expect((await row(streetA, '2026', 'CAPABILITY_AVG', 'own')).actual).toBe(
      sNow === null ? null : r2(sNow),
    ); // the running year: live
    // A2 has no evidence: excluded from the mean, not counted as rated
    expect((await row(streetA, '2025', 'CAPABILITY_MET_RATE')).basis).toMatchObject({ denominator: 1 });
    // the trend: each month's point as of that month's end
    const report = await request(t.http)
      .get(`/api/reports/competency?unitId=${streetA}&period=2025`)
      .set(auth('admin'))
      .expect(200);
    const trend = Object.fromEntries(
      (report.body.trend as Array<{ month: string; value: number | null }>).map((m) => [m.month, m.value]),
    );
    expect(trend['2025-11']).toBeNull();
    expect(trend['2025-12']).toBe(r2(s2025));
    expect(report.body.ranking.find((r: { own: boolean }) => r.own)).toMatchObject({
      meanScore: r2(s2025),
      scored: 1,
    });
  });

  it('closing a month stores its values with numerator and denominator; later evidence leaves them', async () => {
    const admin = auth('admin');
    await request(t.http).post('/api/indicators/periods/2025-12/close').set(admin).expect(201);
    // A2's answers of December 2025 arrive after the close
    await backdate(await take('officer_a2', quiz2025, false), '2025-12-22T02:00:00Z');
    await t.app.get(CapabilityService).scoreOfficer(org.users.officerA2.id);
    const closed = await row(org.units.streetA.id, '2025-12', 'CAPABILITY_MET_RATE');
    expect(closed).toMatchObject({ frozen: true, basis: { denominator: 1 } });
    expect(await row(org.units.streetA.id, '2025-12', 'CAPABILITY_AVG')).toMatchObject({ actual: r2(s2025) });
    const stored = await t.dataSource.query(
      `SELECT "numerator", "denominator" FROM indicator_values WHERE "period" = '2025-12' AND "code" = 'TRAINING_COVERAGE' AND "unitId" = '${org.units.streetA.id}' AND "scope" = 'subtree'`,
    );
    expect(stored[0].denominator).not.toBeNull();
  });

  it('reopening needs a reason (plain Chinese error), is audited and recomputes', async () => {
    const admin = auth('admin');
    const refused = await request(t.http)
      .post('/api/indicators/periods/2025-12/reopen')
      .set(admin)
      .send({})
      .expect(400);
    expect(refused.body.code).toBe('INDICATOR.REOPEN_REASON_REQUIRED');
    expect(refused.body.message).toContain('原因');
    await request(t.http)
      .post('/api/indicators/periods/2025-12/reopen')
      .set(admin)
      .send({ reason: '  ' })
      .expect(400);
    await request(t.http)
      .post('/api/indicators/periods/2025-12/reopen')
      .set(auth('manager'))
      .send({ reason: '补录' })
      .expect(403);
    await request(t.http)
      .post('/api/indicators/periods/2025-12/reopen')
      .set(admin)
      .send({ reason: '补录了甲街道一社区漏记的考试' })
      .expect(201);
    const audit = await t.dataSource.query(
      `SELECT * FROM audit_logs WHERE "action" = 'indicator.period.reopen'`,
    );
    expect(audit).toHaveLength(1);
    expect(String(audit[0].after)).toContain('补录了甲街道一社区漏记的考试');
    const reopened = await row(org.units.streetA.id, '2025-12', 'CAPABILITY_MET_RATE');
    expect(reopened).toMatchObject({ frozen: false, basis: { denominator: 2 } }); // A2 counted now
    await request(t.http)
      .post('/api/indicators/periods/2025-12/reopen')
      .set(admin)
      .send({ reason: '再开' })
      .expect(409);
  });

  it('a 2026 target for one unit leaves other units and 2025 alone', async () => {
    const admin = auth('admin');
    const { streetA, streetB } = org.units;
    await request(t.http)
      .put('/api/indicators/targets/CAPABILITY_AVG')
      .set(admin)
      .send({ target: 10, year: '2026', unitId: streetA.id })
      .expect(200);
    await request(t.http)
      .put('/api/indicators/targets/CAPABILITY_AVG')
      .set(admin)
      .send({ target: 10, year: '26' })
      .expect(400);
    await request(t.http)
      .put('/api/indicators/targets/CAPABILITY_AVG')
      .set(admin)
      .send({ target: 10, unitId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    expect((await row(streetA.id, '2026', 'CAPABILITY_AVG', 'own')).target).toBe(10);
    expect((await row(streetA.id, '2026', 'CAPABILITY_AVG')).target).toBe(10); // the unit's, own or with its subtree
    expect((await row(streetB.id, '2026', 'CAPABILITY_AVG')).target).toBe(75);
    expect((await row(streetA.id, '2025', 'CAPABILITY_AVG', 'own')).target).toBe(75);
    // the bureau-wide default still applies where no narrower target is set
    await request(t.http)
      .put('/api/indicators/targets/CAPABILITY_AVG')
      .set(admin)
      .send({ target: 70 })
      .expect(200);
    expect((await row(streetB.id, '2026', 'CAPABILITY_AVG')).target).toBe(70);
    expect((await row(streetA.id, '2026', 'CAPABILITY_AVG', 'own')).target).toBe(10);
    const audit = await t.dataSource.query(
      `SELECT * FROM audit_logs WHERE "action" = 'indicator.target.set'`,
    );
    expect(audit).toHaveLength(2);
  });
});
