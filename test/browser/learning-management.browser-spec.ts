import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { createCourseWithLessons } from '../factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import { apiLogin } from '../utils/create-test-app';
import {
  BrowserHarness,
  DESKTOP,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

const DAY = 86400_000;

/**
 * axe-core inside the page: serious and critical violations only. Colour contrast is left out here:
 * the shared grey (--muted) is below 4.5:1 on every page (issue 6, defect 13), fixed in the palette
 * on the accessibility branch, whose harness then runs every rule on every journey.
 */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') does not apply.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const ids = await page.evaluate<string[]>(
    `axe.run(document, { resultTypes: ['violations'], rules: { 'color-contrast': { enabled: false } } }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
  return ids;
}

describe('Learning management pages in Chromium (1280 px and 375 px)', () => {
  let h: BrowserHarness;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let assignmentId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    org = await createOrganisation(h.t.dataSource);
    const { course, lessons } = await createCourseWithLessons(h.t.dataSource, 2, {
      title: '第三章 信访事项的提出和受理（一个相当长的课程名称用来检查换行）',
      creditHours: 2,
    });
    const trainer = await apiLogin(h.t.http, 'trainer', TEST_PASSWORD);
    const officer = await apiLogin(h.t.http, 'officer_a2', TEST_PASSWORD);
    const created = await request(h.t.http)
      .post('/api/assignments')
      .set('Authorization', `Bearer ${trainer}`)
      .send({
        courseId: course.id,
        unitIds: [org.units.bureau.id],
        dueAt: new Date(Date.now() + 14 * DAY).toISOString(),
      })
      .expect(201);
    assignmentId = created.body.id;
    for (const lesson of lessons) {
      await request(h.t.http)
        .post(`/api/lessons/${lesson.id}/complete`)
        .set('Authorization', `Bearer ${officer}`)
        .expect(200);
    }
  }, 60_000);
  afterAll(() => h.close());

  for (const [device, label] of [
    [DESKTOP, 'desktop'],
    [PHONE, 'phone'],
  ] as const) {
    it(`should show the manager's learning report and drill down to a learning record (${label})`, async () => {
      const { context, page } = await newPage(h, device);
      await loginThroughForm(page, h.baseUrl, 'manager', TEST_PASSWORD);
      await page.goto(`${h.baseUrl}/reports/learning`);
      await expect(page.textContent('[data-testid=report-totals]')).resolves.toContain('信访干部');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `manager-learning-report-${label}`);

      await Promise.all([
        page.waitForNavigation(),
        page.click(`[data-testid=report-units] a:has-text("甲街道一社区")`),
      ]);
      await Promise.all([page.waitForNavigation(), page.click('[data-testid=report-learners] a')]);
      await expect(page.textContent('h1')).resolves.toContain('的学习档案');
      await expect(page.textContent('[data-testid=record-completions]')).resolves.toContain('第三章');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `learning-record-${label}`);
      await context.close();
    });

    it(`should let the trainer manage an assignment (${label})`, async () => {
      const { context, page } = await newPage(h, device);
      await loginThroughForm(page, h.baseUrl, 'trainer', TEST_PASSWORD);
      await page.goto(`${h.baseUrl}/trainer/assignments/${assignmentId}`);
      await expect(page.textContent('[data-testid=assignment-manage]')).resolves.toContain('延长截止日期');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, `assignment-manage-${label}`);
      await Promise.all([page.waitForNavigation(), page.click('[data-testid=assignment-remind]')]);
      if (label === 'desktop') {
        await expect(page.textContent('.flash-success')).resolves.toContain('站内提醒');
      }
      // The phone run comes second: a reminder within 10 minutes of the last is refused, and says so.
      else await expect(page.textContent('.flash-error')).resolves.toContain('刚刚已经提醒过');
      await context.close();
    });
  }

  it('should take a new user to the change-password page at first sign-in, on a phone', async () => {
    const admin = await apiLogin(h.t.http, 'admin', TEST_PASSWORD);
    await request(h.t.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({
        username: 'newcomer',
        name: '新同事',
        password: 'Given-Pass-2026',
        role: 'officer',
        unitId: org.units.streetB.id,
      })
      .expect(201);
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'newcomer', 'Given-Pass-2026');
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await expect(page.textContent('[data-testid=password-required]')).resolves.toContain('初始密码');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'change-password-phone');
    await page.fill('input[name=currentPassword]', 'Given-Pass-2026');
    await page.fill('input[name=newPassword]', 'My-Own-Pass-2026');
    await page.fill('input[name=confirmPassword]', 'My-Own-Pass-2026');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=password-submit]')]);
    await expect(page.textContent('.flash-success')).resolves.toContain('密码已修改');
    await page.goto(`${h.baseUrl}/learning`);
    expect(new URL(page.url()).pathname).toBe('/learning');
    await screenshot(page, 'change-password-done-phone');
    await context.close();

    const desktop = await newPage(h, DESKTOP);
    await desktop.page.goto(`${h.baseUrl}/login`);
    await expect(desktop.page.textContent('[data-testid=helpdesk]')).resolves.toContain(
      '请联系本单位系统管理员',
    );
    await screenshot(desktop.page, 'login-helpdesk-desktop');
    await desktop.context.close();
  });
});
