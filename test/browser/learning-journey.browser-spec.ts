import { join } from 'node:path';
import { ContentImportService } from '../../src/content/import/content-import.service';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
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

/** The journeys on the real shipped content: a trainer assigns, an officer reads on a phone. */
describe('Learning journey (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
    await h.t.app.get(ContentImportService).importFrom(join(__dirname, '..', '..', 'content'));
  });
  afterAll(() => h.close());

  it('should let a trainer assign a course to a street with a due date', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await loginThroughForm(page, h.baseUrl, 'trainer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/trainer/assignments`);
    await page.selectOption('select[name=courseId]', 'regulation-ch3');
    await page.locator('label.check', { hasText: '甲街道' }).first().locator('input').check();
    const due = new Date(Date.now() + 14 * 86400_000).toISOString().slice(0, 10);
    await page.fill('input[name=dueDate]', due);
    await expectAccessible(page, 'assignment form filled');
    await screenshot(page, 'trainer-assign-form');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=assignment-submit]')]);
    await page.goto(`${h.baseUrl}/trainer/assignments`);
    await expect(page.textContent('[data-testid=assignment-list]')).resolves.toContain(
      '第三章 信访事项的提出和受理',
    );
    await expectAccessible(page, 'assignments list');
    await screenshot(page, 'trainer-assignments');
    await context.close();
  });

  it('should let an officer find the assignment and read a lesson on a 375 px phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/learning`);
    await expect(page.textContent('[data-testid=my-assignments]')).resolves.toContain(
      '第三章 信访事项的提出和受理',
    );
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'my learning on a phone');
    await screenshot(page, 'officer-learning-phone');

    await Promise.all([page.waitForNavigation(), page.click('[data-testid=my-assignments] a')]);
    await expectAccessible(page, 'course page on a phone');
    await Promise.all([page.waitForNavigation(), page.locator('a[href^="/lessons/"]').first().click()]);
    await expect(page.textContent('[data-testid=lesson-body]')).resolves.toMatch(/信访/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'lesson on a phone');
    await screenshot(page, 'officer-lesson-phone');

    // One action at the end of the text: mark read and go on to the next 课节.
    const firstLesson = new URL(page.url()).pathname;
    await expect(page.textContent('[data-testid=mark-read]')).resolves.toBe('标记已读并进入下一课节');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=mark-read]')]);
    expect(new URL(page.url()).pathname).not.toBe(firstLesson);
    await expect(page.textContent('.flash')).resolves.toContain('上一课节已标记为已读');
    await expectAccessible(page, 'next lesson after marking read');
    await page.goto(`${h.baseUrl}${firstLesson}`);
    await expect(page.textContent('article')).resolves.toContain('已读');
    expect(await page.locator('[data-testid=mark-read]').count()).toBe(0);
    await expectAccessible(page, 'lesson after marking read');
    await screenshot(page, 'officer-lesson-read-phone');
    await context.close();
  });
});
