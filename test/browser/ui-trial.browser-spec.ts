import { randomUUID } from 'node:crypto';
import { Page } from 'playwright-core';
import { Assignment } from '../../src/assignments/entities/assignment.entity';
import { AssignmentTarget } from '../../src/assignments/entities/assignment-target.entity';
import { AuditLog } from '../../src/audit/entities/audit-log.entity';
import { createCourseWithLessons } from '../factories/course.factory';
import { createOrganisation, createUnit, createUser, TEST_PASSWORD } from '../factories/organisation.factory';
import {
  BrowserHarness,
  DESKTOP,
  expectAccessible,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

type Org = Awaited<ReturnType<typeof createOrganisation>>;

/** 100 characters without a space to break at: the worst case for a table cell. */
const LONG_UNIT = `超长名称的街道${'Abcdefghij'.repeat(9)}道`.slice(0, 100);
const LONG_PERSON = `欧阳${'Xiaomingwang'.repeat(8)}`.slice(0, 100);

/** The widest element inside a table wrapper must fit it, and the page must not scroll sideways. */
async function tablesFit(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`Array.from(document.querySelectorAll('table')).filter(function (t) {
    var box = t.parentElement.getBoundingClientRect();
    return t.getBoundingClientRect().width > box.width + 1;
  }).map(function (t) { return t.getAttribute('data-testid') || 'table'; })`);
}

/** Issue 6 defects 4, 5, 9, 11, 12 and 13 and the officer home, as a person sees them in Chromium. */
describe('Trial findings: accessibility, long names, home, audit, units and users (Chromium)', () => {
  let h: BrowserHarness;
  let org: Org;
  let assignmentId: string;

  beforeAll(async () => {
    h = await startBrowserHarness();
    org = await createOrganisation(h.t.dataSource);
    const longUnit = await createUnit(h.t.dataSource, LONG_UNIT, 'street', org.units.bureau);
    for (let i = 1; i <= 30; i++) await createUnit(h.t.dataSource, `第${i}社区`, 'community', longUnit);
    const longOfficer = await createUser(h.t.dataSource, longUnit, 'officer', {
      username: 'long_name_officer',
      name: LONG_PERSON,
    });
    const { course, lessons } = await createCourseWithLessons(h.t.dataSource, 3, {
      title: `课程${'名称很长的课程'.repeat(12)}`.slice(0, 100),
    });
    assignmentId = randomUUID();
    const ds = h.t.dataSource;
    await ds.getRepository(Assignment).insert({
      id: assignmentId,
      courseId: course.id,
      dueAt: new Date(Date.now() - 86400_000),
      createdById: org.users.trainer.id,
      createdAt: new Date(),
      note: null,
    });
    for (const userId of [longOfficer.id, org.users.officerA.id]) {
      await ds.getRepository(AssignmentTarget).insert({
        id: randomUUID(),
        assignmentId,
        kind: 'user',
        unitId: null,
        includeSubtree: false,
        role: null,
        userId,
      });
    }
    await ds.getRepository(AuditLog).insert({
      id: randomUUID(),
      actorId: org.users.admin.id,
      actorUsername: 'admin',
      action: 'unit.update',
      entityType: 'unit',
      entityId: longUnit.id,
      before: { name: LONG_UNIT.slice(0, 50) },
      after: { name: LONG_UNIT },
      ip: '127.0.0.1',
    } as object);
    void lessons;
  }, 120_000);
  afterAll(() => h.close());

  it('should open and close the phone menu by keyboard, with a skip link and aria-current (defect 13)', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/courses`);
    expect(await page.locator('input.menu-toggle, input[type=checkbox]#menu-toggle').count()).toBe(0);
    expect(await page.locator('[aria-hidden=true]').count()).toBe(0);
    await expect(page.locator('#main-menu').isVisible()).resolves.toBe(false);

    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('跳到正文');
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.dataset.testid')).resolves.toBe('menu-button');
    await expect(page.getAttribute('[data-testid=menu-button]', 'aria-expanded')).resolves.toBe('false');
    await page.keyboard.press('Enter');
    await expect(page.getAttribute('[data-testid=menu-button]', 'aria-expanded')).resolves.toBe('true');
    await expect(page.locator('#main-menu').isVisible()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.closest("#main-menu") !== null')).resolves.toBe(true);
    await expect(page.getAttribute('#main-menu a[aria-current=page]', 'href')).resolves.toBe('/courses');
    await expectAccessible(page, 'phone menu open');
    await screenshot(page, 'ui-phone-menu-open');
    await page.keyboard.press('Escape');
    await expect(page.locator('#main-menu').isVisible()).resolves.toBe(false);
    await expect(page.evaluate('document.activeElement.dataset.testid')).resolves.toBe('menu-button');

    await page.goto(`${h.baseUrl}/courses`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('main');
    await context.close();
  });

  it('should pass axe on every page an officer reads (headings in order, contrast, names)', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await loginThroughForm(page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    const course = await page.locator('[data-testid=officer-todos] a.cell-text').first().getAttribute('href');
    for (const path of ['/courses', course as string, '/learning', '/regulation']) {
      await page.goto(`${h.baseUrl}${path}`);
      await expectAccessible(page, `officer ${path}`);
    }
    await page.goto(`${h.baseUrl}/no-such-page`);
    await expectAccessible(page, 'error page');
    await context.close();
  });

  it('should show the officer what to do next on the home page, overdue first, at 375 px and 1280 px', async () => {
    for (const [device, name] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      const { context, page } = await newPage(h, device);
      await loginThroughForm(page, h.baseUrl, 'long_name_officer', TEST_PASSWORD);
      await expect(page.textContent('[data-testid=officer-todos]')).resolves.toContain('已逾期');
      await expect(
        page.locator('[data-testid=officer-todos] a.button').first().textContent(),
      ).resolves.toContain('开始学习');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `officer home (${name})`);
      await screenshot(page, `ui-officer-home-${name}`);
      await context.close();
    }
  });

  it('should keep 100-character names inside every table and page at 375 px and 1280 px (defect 12)', async () => {
    const pages: Array<[string, string]> = [
      ['trainer', `/trainer/assignments/${assignmentId}`],
      ['trainer', '/trainer/assignments'],
      ['trainer', '/'],
      ['admin', '/admin/users'],
      ['admin', '/admin/users?role=officer&status=active'],
      ['admin', '/admin/units'],
      ['admin', '/admin/audit'],
      ['admin', '/'],
    ];
    for (const [device, deviceName] of [
      [PHONE, 'phone'],
      [DESKTOP, 'desktop'],
    ] as const) {
      for (const who of ['trainer', 'admin']) {
        const { context, page } = await newPage(h, device);
        await loginThroughForm(page, h.baseUrl, who, TEST_PASSWORD);
        for (const [, path] of pages.filter(([role]) => role === who)) {
          await page.goto(`${h.baseUrl}${path}`);
          const label = `${path} (${deviceName})`;
          expect({ label, overflow: await horizontalOverflow(page), tables: await tablesFit(page) }).toEqual({
            label,
            overflow: 0,
            tables: [],
          });
          await expectAccessible(page, label);
          await screenshot(page, `ui-long-${who}-${path.replace(/[^a-z0-9]+/gi, '-')}-${deviceName}`);
        }
        await context.close();
      }
    }
  });

  it('should show every unit of the assignment form without a small scroll box hiding the last ones (defect 12)', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await loginThroughForm(page, h.baseUrl, 'trainer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/trainer/assignments`);
    await page.click('[data-testid=assignment-form] summary');
    const picker = page.locator('[data-testid=unit-picker]');
    const inner = await picker.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(inner.scroll).toBeLessThanOrEqual(inner.client + 1);
    const last = page.locator('[data-testid=unit-picker] label', { hasText: '第30社区' }); // numbers sort as numbers: 第30 comes last
    await last.scrollIntoViewIfNeeded();
    await expect(last.isVisible()).resolves.toBe(true);
    await expectAccessible(page, 'assignment form open');
    await context.close();
  });

  it('should filter the audit log by action in Chinese and offer the export (defect 4)', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'admin', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/admin/audit`);
    await page.selectOption('select[name=action]', 'auth.login.succeeded');
    await Promise.all([
      page.waitForNavigation(),
      page.click('[data-testid=audit-filter] button[type=submit]'),
    ]);
    expect(new URL(page.url()).searchParams.get('action')).toBe('auth.login.succeeded');
    await expect(page.textContent('[data-testid=audit-table]')).resolves.toContain('登录成功');
    await expect(page.textContent('[data-testid=audit-table]')).resolves.not.toContain(
      'auth.login.succeeded',
    );
    await expect(page.getAttribute('[data-testid=audit-export]', 'href')).resolves.toBe(
      '/admin/audit/export.csv?action=auth.login.succeeded',
    );
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'audit log filtered (phone)');
    await screenshot(page, 'ui-audit-filtered-phone');
    await context.close();
  });
});
