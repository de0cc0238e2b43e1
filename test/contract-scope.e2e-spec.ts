import request from 'supertest';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();

/** Issue 7 findings 11 (who reads whom) and 12 (every list is paged or bounded). */
describe('Contract: who reads whom, and bounded lists (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const assign = (body: Record<string, unknown>) =>
    request(t.http).post('/api/assignments').set(as('trainer')).send(body).expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['admin', 'trainer', 'manager', 'officer_a', 'officer_b']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
  });
  afterAll(() => t.close());

  describe('trainers find officers, not staff records', () => {
    it('should answer 404 to a trainer reading an admin’s or a manager’s record, and 200 for any officer and himself', async () => {
      for (const id of [org.users.admin.id, org.users.manager.id]) {
        const res = await request(t.http).get(`/api/users/${id}`).set(as('trainer')).expect(404);
        expect(res.body.code).toBe('USER.NOT_FOUND');
      }
      await request(t.http).get(`/api/users/${org.users.officerB.id}`).set(as('trainer')).expect(200);
      await request(t.http).get(`/api/users/${org.users.officerDept.id}`).set(as('trainer')).expect(200);
      await request(t.http).get(`/api/users/${org.users.trainer.id}`).set(as('trainer')).expect(200);
      await request(t.http).get(`/api/users/${org.users.admin.id}/learning`).set(as('trainer')).expect(404);
      await request(t.http)
        .get(`/api/users/${org.users.officerB.id}/learning`)
        .set(as('trainer'))
        .expect(200);
    });

    it('should list officers bureau-wide (and himself) to a trainer, no other roles', async () => {
      const res = await request(t.http).get('/api/users?limit=200').set(as('trainer')).expect(200);
      const roles = new Set(
        res.body.items.map((u: { role: string; id: string }) =>
          u.id === org.users.trainer.id ? 'self' : u.role,
        ),
      );
      expect([...roles].sort()).toEqual(['officer', 'self']);
      expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(
        expect.arrayContaining(['officer_a', 'officer_b', 'officer_d']),
      );
      const admins = await request(t.http).get('/api/users?role=admin').set(as('trainer')).expect(200);
      expect(admins.body).toEqual({ items: [], total: 0 });
    });

    it('should still let admins read everyone and managers their subtree', async () => {
      await request(t.http).get(`/api/users/${org.users.trainer.id}`).set(as('admin')).expect(200);
      await request(t.http).get(`/api/users/${org.users.officerA.id}`).set(as('manager')).expect(200);
      await request(t.http).get(`/api/users/${org.users.officerB.id}`).set(as('manager')).expect(404);
    });
  });

  describe('managers list the assignments of their subtree', () => {
    it('should list to a manager only assignments reaching the subtree, counting only its members', async () => {
      const { course: both } = await createCourseWithLessons(t.dataSource, 1);
      const { course: elsewhere } = await createCourseWithLessons(t.dataSource, 1);
      const reaching = await assign({
        courseId: both.id,
        unitIds: [org.units.streetA.id, org.units.streetB.id],
        dueAt: inDays(20),
      });
      const other = await assign({
        courseId: elsewhere.id,
        unitIds: [org.units.streetB.id],
        dueAt: inDays(20),
      });

      const res = await request(t.http).get('/api/assignments').set(as('manager')).expect(200);
      const ids = res.body.items.map((a: { id: string }) => a.id);
      expect(ids).toContain(reaching.body.id);
      expect(ids).not.toContain(other.body.id);
      expect(res.body.total).toBe(ids.length);
      const row = res.body.items.find((a: { id: string }) => a.id === reaching.body.id);
      expect(row.assigned).toBe(2); // officer_a and officer_a2 of street A, not officer_b
      expect(row.targets.map((target: { unitId: string }) => target.unitId)).not.toContain(
        org.units.streetB.id,
      );

      const full = await request(t.http).get('/api/assignments').set(as('trainer')).expect(200);
      expect(full.body.items.find((a: { id: string }) => a.id === reaching.body.id).assigned).toBe(3);
      await request(t.http).get('/api/assignments').set(as('officer_a')).expect(403);
    });
  });

  describe('lists are paged', () => {
    it('should page /api/me/assignments with limit and offset and answer {items, total}', async () => {
      for (let i = 0; i < 3; i++) {
        const { course } = await createCourseWithLessons(t.dataSource, 1);
        await assign({ courseId: course.id, userIds: [org.users.officerB.id], dueAt: inDays(10 + i) });
      }
      const all = await request(t.http).get('/api/me/assignments').set(as('officer_b')).expect(200);
      const total = all.body.total as number;
      expect(total).toBeGreaterThanOrEqual(3);
      const first = await request(t.http).get('/api/me/assignments?limit=2').set(as('officer_b')).expect(200);
      expect(first.body).toEqual({ items: all.body.items.slice(0, 2), total });
      const rest = await request(t.http)
        .get('/api/me/assignments?limit=2&offset=2')
        .set(as('officer_b'))
        .expect(200);
      expect(rest.body.items).toEqual(all.body.items.slice(2, 4));
      const tooMany = await request(t.http)
        .get('/api/me/assignments?limit=100000')
        .set(as('officer_b'))
        .expect(400);
      expect(tooMany.body).toMatchObject({ code: 'VALIDATION.FAILED', errors: { limit: 'max' } });
    });

    it('should bound the assignments of a learning record and page the officer rows of an assignment status', async () => {
      const record = await request(t.http)
        .get(`/api/users/${org.users.officerB.id}/learning?limit=1`)
        .set(as('trainer'))
        .expect(200);
      expect(record.body.assignments).toHaveLength(1);
      expect(record.body.assignmentsTotal).toBeGreaterThanOrEqual(3);

      const { course } = await createCourseWithLessons(t.dataSource, 1);
      const bureauWide = await assign({
        courseId: course.id,
        unitIds: [org.units.bureau.id],
        dueAt: inDays(15),
      });
      const page = await request(t.http)
        .get(`/api/assignments/${bureauWide.body.id}/status?limit=2`)
        .set(as('trainer'))
        .expect(200);
      expect(page.body.officers).toHaveLength(2);
      expect(page.body.officersTotal).toBe(page.body.totals.assigned);
      expect(page.body.totals.assigned).toBeGreaterThan(2);
    });

    it('should show 我的学习 twenty assignments at a time with a pager', async () => {
      for (let i = 0; i < 22; i++) {
        const { course } = await createCourseWithLessons(t.dataSource, 1);
        await assign({ courseId: course.id, userIds: [org.users.officerDept.id], dueAt: inDays(30 + i) });
      }
      const token = await apiLogin(t.http, 'officer_d', TEST_PASSWORD);
      const total = (
        await request(t.http).get('/api/me/assignments').set('Authorization', `Bearer ${token}`).expect(200)
      ).body.total as number;
      expect(total).toBeGreaterThanOrEqual(22);
      expect(total).toBeLessThanOrEqual(40);
      const pages = await pageLogin(t.http, 'officer_d', TEST_PASSWORD);
      const rows = (html: string) => (html.match(/<tr>\s*<td data-label="课程">/g) ?? []).length;
      const first = await pages.agent.get('/learning').expect(200);
      expect(rows(first.text)).toBe(20);
      expect(first.text).toContain(`第 1 / 2 页，共 ${total} 条`);
      expect(first.text).toMatch(/href="\/learning\?page(=|&#x3D;)2"/);
      expect(first.text).toContain(`data-testid="open-count">${total}<`); // every one of them is still open
      const second = await pages.agent.get('/learning?page=2').expect(200);
      expect(rows(second.text)).toBe(total - 20);
      const past = await pages.agent.get('/learning?page=99').expect(200);
      expect(rows(past.text)).toBe(total - 20);
    });
  });
});
