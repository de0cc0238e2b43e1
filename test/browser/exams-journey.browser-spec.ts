import { createCourseWithLessons } from '../factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import { createBank, createQuiz } from '../factories/quiz.factory';
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

const DAY = 24 * 3600_000;

/** 考试中心 (issue 19): the annual exam is one tap from an officer's 首页 on a phone. */
describe('Exam centre journey (Chromium)', () => {
  let h: BrowserHarness;
  beforeAll(async () => {
    h = await startBrowserHarness();
    await createOrganisation(h.t.dataSource);
    const { course } = await createCourseWithLessons(h.t.dataSource, 1);
    await createBank(h.t.dataSource, course, 6);
    await createQuiz(
      h.t.dataSource,
      null,
      { questionCount: 3, attemptsAllowed: 2 },
      {
        id: 'annual-journey',
        title: '年度依法履职考试',
        opensAt: new Date(Date.now() - DAY),
        closesAt: new Date(Date.now() + 20 * DAY),
      },
    );
  });
  afterAll(() => h.close());

  it('should open the annual exam from 首页 in one tap on a 375 px phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await loginThroughForm(page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/`);
    const card = page.locator('[data-testid=home-exams] [data-quiz-id=annual-journey]');
    await expect(card.textContent()).resolves.toContain('距截止还有');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'home with an open exam on a phone');
    await screenshot(page, 'home-exams-phone');
    await Promise.all([
      page.waitForURL(/\/quizzes\/annual-journey$/),
      card.getByRole('link', { name: /去考试/ }).click(),
    ]);
    await expect(page.textContent('h1')).resolves.toBe('年度依法履职考试');
    await expect(page.textContent('[data-testid=attempts-left]')).resolves.toBe('2');

    await page.goto(`${h.baseUrl}/my/exams`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, '我的考试 on a phone');
    await screenshot(page, 'my-exams-phone');
    await context.close();
  });

  it('should list exams with their item analysis for a trainer', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await loginThroughForm(page, h.baseUrl, 'trainer', TEST_PASSWORD);
    await page.goto(`${h.baseUrl}/trainer/exams`);
    await expectAccessible(page, '考试管理');
    await screenshot(page, 'trainer-exams-desktop');
    await Promise.all([
      page.waitForURL(/\/trainer\/quizzes\/annual-journey\/analysis$/),
      page.locator('tr[data-quiz-id=annual-journey] a', { hasText: '题目分析' }).click(),
    ]);
    await context.close();
  });
});
