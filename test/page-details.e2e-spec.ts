import request from 'supertest';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

/** Defects 14 (favicon, paging beyond the end, filters keep results in view) and 15 (one due-time rule and wording). */
describe('Page details from the first user trial (e2e)', () => {
  let t: TestApp;
  let trainer: PageSession;
  let officer: PageSession;
  let assignmentId: string;
  let courseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const org = await createOrganisation(t.dataSource);
    trainer = await pageLogin(t.http, 'trainer', TEST_PASSWORD);
    officer = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    courseId = course.id;
    const token = await apiLogin(t.http, 'trainer', TEST_PASSWORD);
    const res = await request(t.http)
      .post('/api/assignments')
      .set('Authorization', `Bearer ${token}`)
      .send({ courseId, unitIds: [org.units.streetA.id], dueAt: '2099-06-30T09:30:00+08:00' })
      .expect(201);
    assignmentId = res.body.id;
  });
  afterAll(() => t.close());

  describe('defect 14', () => {
    it('should serve a favicon from the app and link it from every page', async () => {
      const ico = await request(t.http).get('/favicon.ico').expect(301);
      expect(ico.headers.location).toBe('/assets/favicon.svg');
      const svg = await request(t.http).get('/assets/favicon.svg').expect(200);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      for (const page of [
        await request(t.http).get('/login').expect(200),
        await officer.agent.get('/').expect(200),
      ]) {
        expect(page.text).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">');
      }
    });

    it('should take a page number beyond the end to the last page instead of saying there are no assignments', async () => {
      const res = await trainer.agent.get('/trainer/assignments?page=999').expect(302);
      expect(res.headers.location).toBe('/trainer/assignments');
      const last = await trainer.agent.get(res.headers.location).expect(200);
      expect(last.text).not.toContain('还没有布置学习任务');
      expect(last.text).toContain(`href="/trainer/assignments/${assignmentId}"`);
    });

    it('should keep filtered results in view: filters lead to #results', async () => {
      const page = await trainer.agent.get(`/trainer/assignments/${assignmentId}`).expect(200);
      expect(page.text).toContain('<h2 id="results">');
      expect(page.text).toContain(`href="/trainer/assignments/${assignmentId}?status&#x3D;overdue#results"`); // Handlebars escapes =
      const regulation = await officer.agent.get('/regulation').expect(200);
      expect(regulation.text).toContain('action="/regulation#results"');
      const admin = await pageLogin(t.http, 'admin', TEST_PASSWORD);
      for (const path of ['/admin/users', '/admin/audit']) {
        const res = await admin.agent.get(path).expect(200);
        expect(res.text).toContain(`action="${path}#results"`);
        expect(res.text).toContain('id="results"');
      }
    });
  });

  describe('defect 15', () => {
    const due = '2099/06/30 23:59';

    it('should say the one rule on the form and never 「24 时」', async () => {
      const form = await trainer.agent.get('/trainer/assignments').expect(200);
      expect(form.text).toContain('截止到所选日期当天 23:59（北京时间）');
      expect(form.text).not.toContain('24 时');
    });

    it('should show the same due time, the end of the day in Beijing, on every page', async () => {
      const list = await trainer.agent.get('/trainer/assignments').expect(200);
      expect(list.text).toContain(`<td data-label="截止时间">${due}</td>`);
      const detail = await trainer.agent.get(`/trainer/assignments/${assignmentId}`).expect(200);
      expect(detail.text).toContain(`截止时间 ${due}（北京时间）`);
      const learning = await officer.agent.get('/learning').expect(200);
      expect(learning.text).toContain(`<td data-label="截止时间">${due}</td>`);
      const course = await officer.agent.get(`/courses/${courseId}`).expect(200);
      expect(course.text).toContain(`截止时间 ${due}（北京时间）`);
    });

    it('should write the same due time in the audit log, in Beijing time', async () => {
      const admin = await pageLogin(t.http, 'admin', TEST_PASSWORD);
      const audit = await admin.agent.get('/admin/audit?action=assignment.create').expect(200);
      expect(audit.text).toContain(`截止时间：${due}`); // the page says every time is Beijing time
    });
  });
});
