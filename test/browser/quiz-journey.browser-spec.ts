import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ContentImportService } from '../../src/content/import/content-import.service';
import { QuizAttempt } from '../../src/quizzes/entities/quiz-attempt.entity';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import {
  BrowserHarness,
  SCREENSHOT_DIR,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

/** What the phone shows without scrolling (full-page shots of a 10-question paper are too tall to read). */
const viewportShot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });

/** Waits until the autosave status starts with the given words. */
const saveState = (page: Page, words: string) =>
  page.locator('[data-testid=save-state]', { hasText: new RegExp(`^${words}`) }).waitFor();

// Accessibility (axe) checks come with the shared expectAccessible(page, label) helper once merged.

/** An officer takes the final quiz of a shipped course on a phone, reloads and loses the network midway. */
describe('Quiz journey (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
    await h.t.app.get(ContentImportService).importFrom(join(__dirname, '..', '..', 'content'));
  });
  afterAll(() => h.close());

  it('should take a quiz on a 375 px phone, keep answers over a reload and a dropped connection, then review it', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/courses/regulation-ch3`);
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=course-quiz] a')]);
    await expect(page.textContent('[data-testid=attempts-left]')).resolves.toBe('3');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'quiz-intro-phone');

    await Promise.all([page.waitForNavigation(), page.click('[data-testid=start-quiz]')]);
    const questions = page.locator('[data-testid=question]');
    const total = await questions.count();
    expect(total).toBe(10);
    await expect(page.textContent('[data-testid=countdown]')).resolves.toMatch(/^(19|20):\d\d$/);
    for (let i = 0; i < 5; i++) await questions.nth(i).locator('input').first().check();
    await saveState(page, '已保存');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await viewportShot(page, 'quiz-taking-phone');

    // Submitting with questions left warns first.
    await page.click('[data-testid=submit-quiz]');
    await expect(page.textContent('#quiz-unanswered')).resolves.toContain('还有 5 题未作答');
    await viewportShot(page, 'quiz-unanswered-warning-phone');

    await page.reload();
    expect(await page.locator('[data-testid=question] input:checked').count()).toBe(5);

    // The connection drops: the answer is kept on the device, the state says so, and it is saved when back.
    await context.setOffline(true);
    await questions.nth(5).locator('input').first().check();
    await saveState(page, '保存失败');
    await viewportShot(page, 'quiz-save-failed-phone');
    await page.reload().catch(() => undefined); // offline: the reload fails, the page stays
    await context.setOffline(false);
    await page.reload();
    await saveState(page, '已保存');
    expect(await page.locator('[data-testid=question] input:checked').count()).toBe(6);
    const attempt = await h.t.dataSource.getRepository(QuizAttempt).findOneByOrFail({ state: 'open' });
    expect(Object.keys(attempt.answers)).toHaveLength(6);

    for (let i = 6; i < total; i++) await questions.nth(i).locator('input').first().check();
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=submit-quiz]')]);
    await expect(page.textContent('[data-testid=attempt-score]')).resolves.toMatch(/^\d+(\.\d+)?$/);
    expect(await page.locator('[data-testid=review-question]').count()).toBe(10);
    await expect(page.textContent('main')).resolves.toContain('正确答案');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await viewportShot(page, 'quiz-review-phone');
    await screenshot(page, 'quiz-review-full-phone');

    const readAgain = page.locator('[data-testid=read-again] a').first();
    expect(await readAgain.count()).toBe(1);
    await Promise.all([page.waitForNavigation(), readAgain.click()]);
    expect(page.url()).toMatch(/\/lessons\//);
    await expect(page.textContent('[data-testid=lesson-body]')).resolves.toMatch(/信访/);
    await screenshot(page, 'quiz-read-again-lesson-phone');

    // Back on the quiz page: one attempt used, the grade and the best score shown.
    await page.goto(`${h.baseUrl}/quizzes/regulation-ch3`);
    await expect(page.textContent('[data-testid=attempts-left]')).resolves.toBe('2');
    await expect(page.textContent('[data-testid=quiz-best]')).resolves.toMatch(/^\d+(\.\d+)?$/);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'quiz-intro-after-phone');
    await context.close();
  });

  it('should let an officer practise a dimension on a phone and find a wrong answer in the 错题本', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'officer_b', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/practice`);
    await page.selectOption('select[name=dimension]', 'acceptance');
    await Promise.all([page.waitForNavigation(), page.click('text=按维度练习')]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await viewportShot(page, 'practice-question-phone');
    // Choose every option: wrong for single choice and true/false, and for multiple choice unless all are keyed.
    const inputs = page.locator('[data-testid=practice-question] input[name=optionIds]');
    const type = await inputs.first().getAttribute('type');
    if (type === 'checkbox') for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).check();
    else await inputs.first().check();
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=practice-submit]')]);
    await expect(page.textContent('[data-testid=practice-result]')).resolves.toContain('解析');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await viewportShot(page, 'practice-result-phone');
    const wrong = (await page.textContent('[data-testid=practice-result]'))!.includes('答错了');
    await page.goto(`${h.baseUrl}/practice/mistakes`);
    if (wrong) expect(await page.locator('[data-testid=mistake-list] li').count()).toBe(1);
    await screenshot(page, 'practice-mistakes-phone');
    await context.close();
  });
});
