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
import { pageLogin } from './utils/page-session';

jest.setTimeout(120_000);

type OfficerItem = { id: string; score: number | null; dimensions: Record<string, number | null> };
type OfficerPage = { items: OfficerItem[]; total: number };

/**
 * Issue 18 for the competency report's officer list: an ended period (2025) lists, filters (status,
 * score band), sorts, counts and exports the scores as of its end (the month-end pass); the running
 * one (2026) the live scores. Officer A answered all right in December 2025 and all wrong in 2026.
 */
describe('the officer list true to its period', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (name: string) => ({ Authorization: `Bearer ${tokens[name]}` });
  const r1 = (x: number) => Math.round(x * 10) / 10;
  let end2025: { score: number | null; meetsTarget: boolean };
  let live: { score: number | null; meetsTarget: boolean };

  const take = (name: string, quiz: Quiz, wrong: boolean) => periodAttempts(t, auth).take(name, quiz, wrong);
  const backdate = (attemptId: string, iso: string) => periodAttempts(t, auth).backdate(attemptId, iso);
  const rowOf = (r: { score: unknown; meetsTarget: unknown }) => ({
    score: r.score === null ? null : Number(r.score),
    meetsTarget: r.meetsTarget === true || Number(r.meetsTarget) === 1,
  });
  const list = async (period: string, extra = '') =>
    (
      await request(t.http)
        .get(`/api/reports/competency/officers?unitId=${org.units.streetA.id}&period=${period}${extra}`)
        .set(auth('manager'))
        .expect(200)
    ).body as OfficerPage;
  const itemA = (page: OfficerPage) => page.items.find((i) => i.id === org.users.officerA.id);

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(OutboxRelayService).pause(); // this file scores explicitly
    org = await createOrganisation(t.dataSource);
    for (const name of ['admin', 'manager', 'officer_a']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    const quizzes: Quiz[] = [];
    for (let k = 0; k < 2; k++) {
      const course = await createCourse(t.dataSource, { passMark: 60 });
      const dims = ['prevention', 'acceptance', 'handling'] as const;
      await createBank(t.dataSource, course, 15, (i) => ({
        type: 'single',
        dimension: dims[(i - 1) % 3],
        difficulty: 2,
      }));
      quizzes.push(
        await createQuiz(t.dataSource, course, { questionCount: 15, passMark: 60, attemptsAllowed: 5 }),
      );
    }
    await backdate(await take('officer_a', quizzes[0], false), '2025-12-20T02:00:00Z');
    await take('officer_a', quizzes[1], true);
    await t.app.get(CapabilityService).scoreAll();
    // the dashboard's ranking computes the month-end pass of 2025-12 (what the 2025 figures read)
    await request(t.http)
      .get(`/api/reports/competency?unitId=${org.units.streetA.id}&period=2025`)
      .set(auth('manager'))
      .expect(200);
    const [p] = await t.dataSource.query(
      `SELECT "score", "meetsTarget" FROM capability_period_scores WHERE "periodEnd" = '2025-12' AND "userId" = '${org.users.officerA.id}'`,
    );
    end2025 = rowOf(p);
    const [l] = await t.dataSource.query(
      `SELECT "score", "meetsTarget" FROM capability_scores WHERE "userId" = '${org.users.officerA.id}'`,
    );
    live = rowOf(l);
  });
  afterAll(() => t.close());

  it('the evidence differs between 2025 and now (else the test would prove nothing)', () => {
    expect(end2025.score).not.toBeNull();
    expect(end2025.meetsTarget).toBe(true);
    expect(live.meetsTarget).toBe(false);
    expect(live.score === null || live.score < end2025.score! - 5).toBe(true);
  });

  it('2025 lists, filters and counts the scores as of the end of 2025', async () => {
    const all = await list('2025');
    expect(itemA(all)?.score).toBe(r1(end2025.score!));
    expect(itemA(all)?.dimensions.prevention).not.toBeNull();
    const met = await list('2025', '&status=met');
    expect(met.total).toBe(1);
    expect(met.items.map((i) => i.id)).toEqual([org.users.officerA.id]);
    expect((await list('2025', '&status=below')).total).toBe(0);
    // officer_a2 has no evidence: 未评定 (null), in the unscored filter, sorted last
    const unscored = await list('2025', '&status=unscored');
    expect(unscored.items.map((i) => i.id)).not.toContain(org.users.officerA.id);
    expect(unscored.items.every((i) => i.score === null)).toBe(true);
    const band = end2025.score! >= 90 ? '90-100' : end2025.score! >= 75 ? '75-90' : '60-75';
    expect(itemA(await list('2025', `&band=${band}`))).toBeDefined();
    expect((await list('2025', '&sort=score&dir=desc')).items[0].id).toBe(org.users.officerA.id);
    // the overdue filter and 学时 sort take the joined path: the same period-end scores
    expect(itemA(await list('2025', '&overdue=no&sort=hours'))?.score).toBe(r1(end2025.score!));
  });

  it('2026 (the running year) lists the live scores', async () => {
    const all = await list('2026');
    expect(itemA(all)?.score).toBe(live.score === null ? null : r1(live.score));
    expect(itemA(await list('2026', '&status=met'))).toBeUndefined();
    const status = live.score === null ? 'unscored' : 'below';
    expect(itemA(await list('2026', `&status=${status}`))).toBeDefined();
  });

  it('the CSV export of the 2025 list writes the 2025 score', async () => {
    const csv = await request(t.http)
      .get(`/api/reports/competency.csv?unitId=${org.units.streetA.id}&period=2025&table=officers&status=met`)
      .set(auth('manager'))
      .expect(200);
    const lines = String(csv.text).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(2); // header + officer A
    expect(lines[1]).toContain('officer_a');
    expect(lines[1].split(',')[3]).toBe(String(r1(end2025.score!)));
  });

  it('the drill-down adds the score as of the end of an ended period; the running one has none', async () => {
    const officer = (period: string) =>
      request(t.http)
        .get(`/api/reports/officers/${org.users.officerA.id}?period=${period}`)
        .set(auth('manager'))
        .expect(200);
    const ended = (await officer('2025')).body;
    expect(ended.periodEnd).toMatchObject({ month: '2025-12', score: r1(end2025.score!), meetsTarget: true });
    expect(ended.periodEnd.dimensions.prevention).not.toBeNull();
    expect(ended.capability.score).toEqual(live.score === null ? null : expect.any(Number)); // the current estimate
    expect((await officer('2026')).body.periodEnd).toBeNull();
    // officer_a2 has no evidence: 未评定 at the period end too
    const a2 = (
      await request(t.http)
        .get(`/api/reports/officers/${org.users.officerA2.id}?period=2025`)
        .set(auth('manager'))
        .expect(200)
    ).body;
    expect(a2.periodEnd).toMatchObject({ score: null, meetsTarget: false });
    const manager = (await pageLogin(t.http, 'manager', TEST_PASSWORD)).agent;
    const page = await manager.get(`/reports/officers/${org.users.officerA.id}?period=2025`).expect(200);
    expect(page.text).toContain('期末能力分（2025）');
    expect(page.text).toContain('当前估计');
    const dashboard = await manager
      .get(`/reports/competency?unitId=${org.units.streetA.id}&period=2025`)
      .expect(200);
    expect(dashboard.text).toContain('已结束的期间为截至期末的能力分');
  });
});
