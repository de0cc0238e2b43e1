import request from 'supertest';
import { Assignment } from '../src/assignments/entities/assignment.entity';
import { endOfBureauDayOf } from '../src/common/time/bureau-time';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

const DAY = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** Polls until `check` returns a value (a Bull job runs after the request that queued it). */
async function eventually<T>(check: () => Promise<T | undefined>, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not reached');
}

describe('Learning management: merged requirements, managing assignments, report and record (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const assign = (body: Record<string, unknown>, who = 'trainer') =>
    request(t.http).post('/api/assignments').set(auth(who)).send(body);
  /** The learner's whole list: `GET /api/me/assignments` answers one page `{items, total}`; these learners have far fewer than 200. */
  const mine = async (who: string) => {
    const { items, total } = (
      await request(t.http).get('/api/me/assignments?limit=200').set(auth(who)).expect(200)
    ).body as { items: Array<Record<string, unknown>>; total: number };
    expect(items).toHaveLength(total);
    return items;
  };
  let trainerPages: PageSession;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['trainer', 'admin', 'manager', 'officer_a', 'officer_a2', 'officer_b', 'officer_d']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    trainerPages = await pageLogin(t.http, 'trainer', TEST_PASSWORD);
  }, 60_000);
  afterAll(() => t.close());

  describe('defect 2: one open requirement per learner and course', () => {
    it('should merge overlapping assignments: one row per course, the earliest due date, pending counted once, the trainer told', async () => {
      const { course } = await createCourseWithLessons(t.dataSource, 1);
      const first = await assign({
        courseId: course.id,
        unitIds: [org.units.streetA.id],
        dueAt: inDays(30),
      }).expect(201);
      expect(first.body.mergedCount).toBe(0);
      const second = await assign({
        courseId: course.id,
        unitIds: [org.units.streetA.id],
        dueAt: inDays(30),
      }).expect(201);
      expect(second.body).toMatchObject({ assignedCount: 2, mergedCount: 2 });
      const earlier = await assign({
        courseId: course.id,
        userIds: [org.users.officerA.id],
        dueAt: inDays(10),
      }).expect(201);
      expect(earlier.body).toMatchObject({ assignedCount: 1, mergedCount: 1 });

      const rows = (await mine('officer_a')).filter((a) => a.courseId === course.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ assignmentId: earlier.body.id, status: 'pending' });
      // The earliest due date wins, moved to the end of its Beijing day (the one due-date rule, docs/learning.md).
      expect(new Date(String(rows[0].dueAt)).toISOString()).toBe(
        endOfBureauDayOf(new Date(inDays(10))).toISOString(),
      );
      expect((await mine('officer_a2')).filter((a) => a.courseId === course.id)).toHaveLength(1);

      const page = await (
        await pageLogin(t.http, 'officer_a', TEST_PASSWORD)
      ).agent
        .get('/learning')
        .expect(200);
      expect(page.text.split(course.title).length - 1).toBe(1);
    });

    it('should tell the trainer on the page that requirements were merged', async () => {
      const { course } = await createCourseWithLessons(t.dataSource, 1);
      await assign({ courseId: course.id, userIds: [org.users.officerB.id], dueAt: inDays(20) }).expect(201);
      const tomorrow = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
      const res = await trainerPages.agent
        .post('/trainer/assignments')
        .type('form')
        .send({ courseId: course.id, users: 'officer_b', dueDate: tomorrow, _csrf: trainerPages.csrf })
        .expect(303);
      const show = await trainerPages.agent.get(res.headers.location).expect(200);
      expect(show.text).toContain('其中 1 人已有该课程的其他学习任务，已合并为一项，以最早的截止日期为准');
    });

    it('should make a learner overdue in a later assignment when the earlier one of the same course is overdue', async () => {
      const { course } = await createCourseWithLessons(t.dataSource, 1);
      const past = await assign({
        courseId: course.id,
        userIds: [org.users.officerDept.id],
        dueAt: inDays(1),
      }).expect(201);
      await t.dataSource
        .getRepository(Assignment)
        .update({ id: past.body.id }, { dueAt: new Date(Date.now() - DAY) });
      const later = await assign({
        courseId: course.id,
        userIds: [org.users.officerDept.id],
        dueAt: inDays(30),
      }).expect(201);
      const status = await request(t.http)
        .get(`/api/assignments/${later.body.id}/status`)
        .set(auth('trainer'))
        .expect(200);
      expect(status.body.totals).toMatchObject({ assigned: 1, overdue: 1, pending: 0 });
      expect((await mine('officer_d')).filter((a) => a.courseId === course.id)).toEqual([
        expect.objectContaining({ status: 'overdue' }),
      ]);
    });
  });

  describe('managing assignments', () => {
    it('should extend the due date (later only), and audit it', async () => {
      const { course } = await createCourseWithLessons(t.dataSource, 1);
      const created = await assign({
        courseId: course.id,
        userIds: [org.users.officerA2.id],
        dueAt: inDays(5),
      }).expect(201);
      const id = created.body.id as string;
      const earlier = await request(t.http)
        .post(`/api/assignments/${id}/extend`)
        .set(auth('trainer'))
        .send({ dueAt: inDays(3) })
        .expect(400);
      expect(earlier.body).toMatchObject({
        code: 'ASSIGNMENT.DUE_NOT_LATER',
        errors: { dueAt: 'not_later' },
      });
      await request(t.http)
        .post(`/api/assignments/${id}/extend`)
        .set(auth('officer_a'))
        .send({ dueAt: inDays(9) })
        .expect(403);
      await request(t.http)
        .post(`/api/assignments/${id}/extend`)
        .set(auth('manager'))
        .send({ dueAt: inDays(9) })
        .expect(403);
      const ok = await request(t.http)
        .post(`/api/assignments/${id}/extend`)
        .set(auth('trainer'))
        .send({ dueAt: inDays(9) })
        .expect(200);
      expect(new Date(ok.body.dueAt).getTime()).toBeGreaterThan(Date.now() + 8 * DAY);
      expect(new Date(ok.body.dueAt).toISOString()).toBe(endOfBureauDayOf(new Date(inDays(9))).toISOString());
      const row = (await mine('officer_a2')).find((a) => a.courseId === course.id);
      expect(new Date(String(row?.dueAt)).getTime()).toBe(new Date(ok.body.dueAt).getTime());
      const audit = await t.dataSource.query(`SELECT "action" FROM audit_logs WHERE "entityId" = '${id}'`);
      expect(audit.map((a: { action: string }) => a.action)).toContain('assignment.due.extend');
    });

    it('should cancel softly: history kept, no longer pending or overdue for anyone, no further changes', async () => {
      const { course } = await createCourseWithLessons(t.dataSource, 1);
      const created = await assign({
        courseId: course.id,
        unitIds: [org.units.streetB.id],
        dueAt: inDays(5),
      }).expect(201);
      const id = created.body.id as string;
      expect((await mine('officer_b')).map((a) => a.courseId)).toContain(course.id);

      await request(t.http).post(`/api/assignments/${id}/cancel`).set(auth('trainer')).expect(200);
      expect((await mine('officer_b')).map((a) => a.courseId)).not.toContain(course.id);
      const list = await request(t.http)
        .get('/api/assignments')
        .set(auth('trainer'))
        .query({ courseId: course.id })
        .expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id, cancelledAt: expect.any(String), pending: 0, overdue: 0 }),
      ]);
      const status = await request(t.http)
        .get(`/api/assignments/${id}/status`)
        .set(auth('trainer'))
        .expect(200);
      expect(status.body.totals).toMatchObject({
        assigned: created.body.assignedCount,
        pending: 0,
        overdue: 0,
      });
      expect(status.body.officers.map((o: { status: string }) => o.status)).not.toContain('pending');
      const again = await request(t.http)
        .post(`/api/assignments/${id}/cancel`)
        .set(auth('trainer'))
        .expect(409);
      expect(again.body.code).toBe('ASSIGNMENT.CANCELLED');
      await request(t.http)
        .post(`/api/assignments/${id}/extend`)
        .set(auth('trainer'))
        .send({ dueAt: inDays(20) })
        .expect(409);
      await request(t.http).post(`/api/assignments/${id}/remind`).set(auth('trainer')).expect(409);
      const audit = await t.dataSource.query(`SELECT "action" FROM audit_logs WHERE "entityId" = '${id}'`);
      expect(audit.map((a: { action: string }) => a.action)).toContain('assignment.cancel');

      const page = await trainerPages.agent.get(`/trainer/assignments/${id}`).expect(200);
      expect(page.text).toContain('data-testid="assignment-cancelled"');
      expect(page.text).not.toContain('data-testid="assignment-manage"');
    });

    it('should remind only the learners still pending, as in-app notifications sent by a queued job', async () => {
      const { course, lessons } = await createCourseWithLessons(t.dataSource, 1);
      const created = await assign({
        courseId: course.id,
        unitIds: [org.units.streetA.id],
        dueAt: inDays(5),
      }).expect(201);
      const id = created.body.id as string;
      await request(t.http).post(`/api/lessons/${lessons[0].id}/complete`).set(auth('officer_a')).expect(200);

      const res = await request(t.http)
        .post(`/api/assignments/${id}/remind`)
        .set(auth('trainer'))
        .expect(202);
      expect(res.body).toMatchObject({ recipients: created.body.assignedCount - 1, queued: true });
      const sent = await eventually(async () => {
        const rows: Array<{ userId: string }> = await t.dataSource.query(
          `SELECT "userId" FROM notifications WHERE "kind" = 'assignment.reminder' AND "sourceId" = '${id}'`,
        );
        return rows.length === res.body.recipients ? rows : undefined;
      });
      expect(sent.map((r) => r.userId)).toContain(org.users.officerA2.id);
      expect(sent.map((r) => r.userId)).not.toContain(org.users.officerA.id);
      const twice = await request(t.http)
        .post(`/api/assignments/${id}/remind`)
        .set(auth('trainer'))
        .expect(409);
      expect(twice.body.code).toBe('ASSIGNMENT.REMINDED_RECENTLY');
      const inbox = await request(t.http).get('/api/me/notifications').set(auth('officer_a2')).expect(200);
      expect(inbox.body.items).toContainEqual(
        expect.objectContaining({ kind: 'assignment.reminder', sourceId: id, link: '/learning' }),
      );
    });

    it('should offer the three actions on the trainer page and carry them out (PRG)', async () => {
      const { course } = await createCourseWithLessons(t.dataSource, 1);
      const created = await assign({
        courseId: course.id,
        userIds: [org.users.officerA2.id],
        dueAt: inDays(5),
      }).expect(201);
      const id = created.body.id as string;
      const page = await trainerPages.agent.get(`/trainer/assignments/${id}`).expect(200);
      expect(page.text).toContain('延长截止日期');
      expect(page.text).toContain('提醒未完成的人员');
      expect(page.text).toContain('取消学习任务');

      const bad = await trainerPages.agent
        .post(`/trainer/assignments/${id}/extend`)
        .type('form')
        .send({ dueDate: '', _csrf: trainerPages.csrf })
        .expect(400);
      expect(bad.text).toContain('请选择截止日期');
      const later = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
      const extended = await trainerPages.agent
        .post(`/trainer/assignments/${id}/extend`)
        .type('form')
        .send({ dueDate: later, _csrf: trainerPages.csrf })
        .expect(303);
      expect((await trainerPages.agent.get(extended.headers.location).expect(200)).text).toContain(
        '截止日期已延长',
      );
      const reminded = await trainerPages.agent
        .post(`/trainer/assignments/${id}/remind`)
        .type('form')
        .send({ _csrf: trainerPages.csrf })
        .expect(303);
      expect((await trainerPages.agent.get(reminded.headers.location).expect(200)).text).toContain(
        '已向 1 名尚未完成的人员发送站内提醒',
      );
      const cancelled = await trainerPages.agent
        .post(`/trainer/assignments/${id}/cancel`)
        .type('form')
        .send({ _csrf: trainerPages.csrf })
        .expect(303);
      expect((await trainerPages.agent.get(cancelled.headers.location).expect(200)).text).toContain(
        '学习任务已取消',
      );
    });
  });

  describe('learning report for managers', () => {
    it('should count per unit of the subtree, drill down to officers, and stay inside the manager’s subtree', async () => {
      const { course, lessons } = await createCourseWithLessons(t.dataSource, 1, { creditHours: 3 });
      await assign({ courseId: course.id, unitIds: [org.units.streetA.id], dueAt: inDays(30) }).expect(201);
      await assign({ courseId: course.id, unitIds: [org.units.streetA.id], dueAt: inDays(60) }).expect(201); // merged, not doubled
      await request(t.http)
        .post(`/api/lessons/${lessons[0].id}/complete`)
        .set(auth('officer_a2'))
        .expect(200);

      const before = await report('manager', {});
      expect(before.unit.id).toBe(org.units.streetA.id);
      const community = before.units.items.find(
        (u: { unitId: string }) => u.unitId === org.units.communityA.id,
      );
      expect(community).toMatchObject({ learners: 1 });
      expect(community.completed).toBeGreaterThanOrEqual(1);
      expect(community.hours).toBeGreaterThanOrEqual(3);
      expect(before.totals.assigned).toBe(
        before.totals.completed + before.totals.pending + before.totals.overdue,
      );

      const withCourse = await t.dataSource.query(
        `SELECT COUNT(*) AS n FROM users WHERE role = 'officer' AND "unitId" IN ('${org.units.streetA.id}', '${org.units.communityA.id}')`,
      );
      expect(before.totals.learners).toBe(Number(withCourse[0].n));

      const learners = await request(t.http)
        .get('/api/reports/learning/learners')
        .set(auth('manager'))
        .query({ unitId: org.units.communityA.id })
        .expect(200);
      expect(learners.body.items).toEqual([
        expect.objectContaining({ userId: org.users.officerA2.id, hours: expect.any(Number) }),
      ]);
      const row = learners.body.items[0];
      expect(row.assigned).toBe(row.completed + row.pending + row.overdue);

      expect(
        (
          await request(t.http)
            .get('/api/reports/learning')
            .set(auth('manager'))
            .query({ unitId: org.units.streetB.id })
            .expect(404)
        ).body.code,
      ).toBe('UNIT.NOT_FOUND');
      await request(t.http)
        .get('/api/reports/learning/learners')
        .set(auth('manager'))
        .query({ unitId: org.units.bureau.id })
        .expect(404);
      await request(t.http).get('/api/reports/learning').set(auth('officer_a')).expect(403);
      const bureau = await report('admin', {});
      expect(bureau.unit.id).toBe(org.units.bureau.id);
      expect(bureau.units.total).toBeGreaterThanOrEqual(3);
      await request(t.http).get('/api/reports/learning').set(auth('admin')).query({ year: 'x' }).expect(400);
    });

    it('should export the subtree as CSV, one row per officer, formulas neutralised', async () => {
      await createUser(t.dataSource, org.units.communityA, 'officer', {
        username: 'formula_guy',
        name: '=HYPERLINK("x")',
      });
      const res = await request(t.http).get('/api/reports/learning.csv').set(auth('manager')).expect(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain('attachment');
      const text = res.text.replace(/^\uFEFF/, '');
      expect(text.split('\r\n')[0]).toContain('单位,姓名,用户名,应学课程,已完成,待完成,已逾期');
      expect(text).toContain('officer_a2');
      expect(text).not.toContain('officer_b');
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
      await request(t.http)
        .get('/api/reports/learning.csv')
        .set(auth('manager'))
        .query({ unitId: org.units.streetB.id })
        .expect(404);
    });

    it('should show the report page with drill-down links to the officer’s learning record', async () => {
      const manager = await pageLogin(t.http, 'manager', TEST_PASSWORD);
      const home = await manager.agent.get('/').expect(200);
      expect(home.text).toContain('href="/reports/learning"');
      const page = await manager.agent.get(`/reports/learning?unitId=${org.units.communityA.id}`).expect(200);
      expect(page.text).toContain(`href="/users/${org.users.officerA2.id}/learning"`);
      expect(page.text).toContain('导出 CSV');
      await manager.agent.get(`/reports/learning?unitId=${org.units.streetB.id}`).expect(404);
    });
  });

  describe('learning record', () => {
    it('should show an officer’s record to managers in scope, trainers and admins, the officer themself, and 404 to others', async () => {
      const { course, lessons } = await createCourseWithLessons(t.dataSource, 1);
      await assign({ courseId: course.id, userIds: [org.users.officerA2.id], dueAt: inDays(30) }).expect(201);
      await request(t.http)
        .post(`/api/lessons/${lessons[0].id}/complete`)
        .set(auth('officer_a2'))
        .expect(200);
      const manager = await pageLogin(t.http, 'manager', TEST_PASSWORD);
      const record = await manager.agent.get(`/users/${org.users.officerA2.id}/learning`).expect(200);
      expect(record.text).toContain('的学习档案');
      expect(record.text).toContain('历年学时');
      expect(record.text).toContain('完成的课程');
      await manager.agent.get(`/users/${org.users.officerB.id}/learning`).expect(404);
      await trainerPages.agent.get(`/users/${org.users.officerB.id}/learning`).expect(200);
      const mine = await (
        await pageLogin(t.http, 'officer_a2', TEST_PASSWORD)
      ).agent
        .get('/learning')
        .expect(200);
      expect(mine.text).toContain('历年学时'); // earlier years' 学时 for the officer too
      const self = await pageLogin(t.http, 'officer_b', TEST_PASSWORD);
      await self.agent.get(`/users/${org.users.officerB.id}/learning`).expect(200);
      await self.agent.get(`/users/${org.users.officerA.id}/learning`).expect(404);

      const api = await request(t.http)
        .get(`/api/users/${org.users.officerA2.id}/learning`)
        .set(auth('manager'))
        .expect(200);
      const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
      expect(api.body.yearTotals).toContainEqual({ year, hours: expect.any(Number) });
      expect(api.body.completions[0]).toMatchObject({ courseId: expect.any(String), valid: true });
    });
  });

  async function report(who: string, query: Record<string, string>) {
    return (await request(t.http).get('/api/reports/learning').set(auth(who)).query(query).expect(200)).body;
  }
});
