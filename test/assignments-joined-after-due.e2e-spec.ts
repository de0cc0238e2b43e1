import request from 'supertest';
import { Assignment } from '../src/assignments/entities/assignment.entity';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, createUnit, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

const DAY = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/**
 * Issue 18: an assignment due before an officer joined never counts against them. Their requirement
 * is 待完成 (not 已逾期) on every page that reads the assignment status; an officer who was a member
 * at the due date is still overdue.
 */
describe('Assignments due before an officer joined (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const mine = async (who: string, assignmentId: string) =>
    (
      (await request(t.http).get('/api/me/assignments').set(auth(who)).expect(200)).body.items as Array<
        Record<string, unknown>
      >
    ).find((a) => a.assignmentId === assignmentId);

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['trainer', 'admin']) tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
  }, 60_000);
  afterAll(() => t.close());

  it('should show a newcomer 待完成 for an assignment due before they joined, and count only the existing officer overdue', async () => {
    const unit = await createUnit(t.dataSource, '新设社区', 'community', org.units.streetA);
    await createUser(t.dataSource, unit, 'officer', { username: 'veteran' }); // member since 2020
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const created = await request(t.http)
      .post('/api/assignments')
      .set(auth('trainer'))
      .send({ courseId: course.id, unitIds: [unit.id], dueAt: inDays(7) })
      .expect(201);
    const id = created.body.id as string;
    const yesterday = new Date(Date.now() - DAY);
    await t.dataSource.getRepository(Assignment).update({ id }, { dueAt: yesterday });
    // Joined today, after the due date (the membership row the application writes on creation).
    await createUser(t.dataSource, unit, 'officer', { username: 'newcomer18', joinedAt: new Date() });
    for (const who of ['veteran', 'newcomer18']) tokens[who] = await apiLogin(t.http, who, TEST_PASSWORD);

    expect(await mine('veteran', id)).toMatchObject({ status: 'overdue', joinedAfterDue: false });
    const newcomer = await mine('newcomer18', id);
    expect(newcomer).toMatchObject({ status: 'pending', joinedAfterDue: true });
    expect(new Date(newcomer?.dueAt as string).getTime()).toBe(yesterday.getTime()); // the original date

    const status = await request(t.http)
      .get(`/api/assignments/${id}/status`)
      .set(auth('trainer'))
      .expect(200);
    expect(status.body.totals).toMatchObject({ assigned: 2, pending: 1, completed: 0, overdue: 1 });
    const byName = Object.fromEntries(
      (status.body.officers as Array<{ username: string; status: string }>).map((o) => [
        o.username,
        o.status,
      ]),
    );
    expect(byName).toEqual({ veteran: 'overdue', newcomer18: 'pending' });
    const list = await request(t.http)
      .get('/api/assignments')
      .set(auth('trainer'))
      .query({ courseId: course.id });
    expect(list.body.items[0]).toMatchObject({ id, assigned: 2, pending: 1, overdue: 1 });

    const report = await request(t.http)
      .get('/api/reports/learning')
      .set(auth('admin'))
      .query({ unitId: unit.id })
      .expect(200);
    expect(report.body.totals).toMatchObject({ learners: 2, assigned: 2, pending: 1, overdue: 1 });
    const learners = await request(t.http)
      .get('/api/reports/learning/learners')
      .set(auth('admin'))
      .query({ unitId: unit.id })
      .expect(200);
    const overdueOf = Object.fromEntries(
      (learners.body.items as Array<{ username: string; overdue: number }>).map((l) => [
        l.username,
        l.overdue,
      ]),
    );
    expect(overdueOf).toEqual({ veteran: 1, newcomer18: 0 });

    // 我的学习 and the officer home say why, and the home has no overdue warning.
    const pages = await pageLogin(t.http, 'newcomer18', TEST_PASSWORD);
    const learning = await pages.agent.get('/learning').expect(200);
    expect(learning.text).toContain('入职晚于截止日期，不计逾期');
    expect(learning.text).not.toContain('status-overdue');
    const home = await pages.agent.get('/').expect(200);
    expect(home.text).toContain('入职晚于截止日期，不计逾期');
    expect(home.text).not.toContain('学习任务已逾期');

    // A later assignment of the same course binds the newcomer: its due date is theirs.
    const later = await request(t.http)
      .post('/api/assignments')
      .set(auth('trainer'))
      .send({ courseId: course.id, userIds: [await userId('newcomer18')], dueAt: inDays(10) })
      .expect(201);
    const merged = await mine('newcomer18', later.body.id);
    expect(merged).toMatchObject({ status: 'pending', joinedAfterDue: false });
    expect(await mine('newcomer18', id)).toBeUndefined(); // one requirement per course
    expect(await mine('veteran', id)).toMatchObject({ status: 'overdue' });
  });

  async function userId(username: string): Promise<string> {
    const [row] = await t.dataSource.query(`SELECT "id" FROM users WHERE "username" = '${username}'`);
    return String(row.id);
  }
});
