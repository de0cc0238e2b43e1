import { SessionEnrolment } from '../../src/sessions/entities/session-parts.entity';
import { TrainingSession } from '../../src/sessions/entities/training-session.entity';
import { createOrganisation, TEST_PASSWORD } from '../factories/organisation.factory';
import { obliterateQueues } from '../utils/queues';
import {
  BrowserHarness,
  expectAccessible,
  horizontalOverflow,
  loginThroughForm,
  newPage,
  PHONE,
  screenshot,
  startBrowserHarness,
} from './browser-harness';

const MIN = 60_000;
const local = (offsetMinutes: number) =>
  new Date(Date.now() + offsetMinutes * MIN + 8 * 3600_000).toISOString().slice(0, 16);

/** Issue 21 (1, 3) on a 375 px phone: a 补录 with its cancel form, and 签退 that asks before recording 早退. */
describe('补录 and the 签退 confirmation on a phone (Chromium)', () => {
  let h: BrowserHarness;
  let org: Awaited<ReturnType<typeof createOrganisation>>;

  beforeAll(async () => {
    h = await startBrowserHarness();
    org = await createOrganisation(h.t.dataSource);
  });
  afterAll(async () => {
    await obliterateQueues(h.t.app, ['sessions', 'notices']);
    await h.close();
  });

  const createThroughForm = async (
    page: Awaited<ReturnType<typeof newPage>>['page'],
    fill: { title: string; startsAt: string; endsAt: string; broadcast?: boolean; backfill?: boolean },
  ) => {
    await page.goto(`${h.baseUrl}/trainer/sessions/new`);
    await page.fill('input[name=title]', fill.title);
    if (fill.broadcast) await page.selectOption('select[name=kind]', 'broadcast');
    await page.fill('input[name=startsAt]', fill.startsAt);
    await page.fill('input[name=endsAt]', fill.endsAt);
    await page.locator('label.check', { hasText: '甲街道' }).first().locator('input').check();
    if (fill.backfill) await page.check('input[name=backfill]');
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=session-submit]')]);
    return new URL(page.url()).pathname.split('/').pop() as string;
  };

  it('should refuse a past start on the form, record it as 补录, and show the cancel form on the ended session', async () => {
    const trainer = await newPage(h, PHONE);
    await loginThroughForm(trainer.page, h.baseUrl, 'trainer', TEST_PASSWORD);
    await trainer.page.goto(`${h.baseUrl}/trainer/sessions/new`);
    await trainer.page.fill('input[name=title]', '上周的条例培训');
    await trainer.page.fill('input[name=startsAt]', local(-7 * 1440));
    await trainer.page.fill('input[name=endsAt]', local(-7 * 1440 + 120));
    await trainer.page.locator('label.check', { hasText: '甲街道' }).first().locator('input').check();
    await Promise.all([trainer.page.waitForNavigation(), trainer.page.click('[data-testid=session-submit]')]);
    await expect(trainer.page.textContent('main')).resolves.toContain('开始时间已经过去');
    await expectAccessible(trainer.page, 'session form with the past-start message');
    await screenshot(trainer.page, 'trainer-session-form-past-start-phone');
    await trainer.page.check('input[name=backfill]');
    await Promise.all([trainer.page.waitForNavigation(), trainer.page.click('[data-testid=session-submit]')]);
    await expect(trainer.page.textContent('[data-testid=backfilled]')).resolves.toContain('补录');
    await trainer.page.click('[data-testid=cancel-form] >> xpath=..//summary');
    expect(await horizontalOverflow(trainer.page)).toBeLessThanOrEqual(0);
    await expectAccessible(trainer.page, 'backfilled session page');
    await screenshot(trainer.page, 'trainer-backfilled-session-phone');
    await trainer.context.close();
  });

  it('should offer 提前签退 as a link before the end and confirm 早退 before recording anything', async () => {
    const trainer = await newPage(h, PHONE);
    await loginThroughForm(trainer.page, h.baseUrl, 'trainer', TEST_PASSWORD);
    const id = await createThroughForm(trainer.page, {
      title: '“五个法治化”视频培训',
      startsAt: local(5),
      endsAt: local(125),
      broadcast: true,
    });
    await trainer.context.close();
    // the broadcast has run for ten minutes; officer_a checked in at its start
    await h.t.dataSource
      .getRepository(TrainingSession)
      .update({ id }, { startsAt: new Date(Date.now() - 10 * MIN) });
    const enrolments = h.t.dataSource.getRepository(SessionEnrolment);
    const where = { sessionId: id, userId: org.users.officerA.id };
    await enrolments.update(where, { checkedInAt: new Date(Date.now() - 10 * MIN), attendance: 'present' });

    const officer = await newPage(h, PHONE);
    await loginThroughForm(officer.page, h.baseUrl, 'officer_a', TEST_PASSWORD);
    await officer.page.goto(`${h.baseUrl}/my/sessions/${id}`);
    expect(await officer.page.locator('[data-testid=check-out-form]').count()).toBe(0);
    expect(await horizontalOverflow(officer.page)).toBeLessThanOrEqual(0);
    await screenshot(officer.page, 'officer-broadcast-session-phone');
    await Promise.all([
      officer.page.waitForNavigation(),
      officer.page.click('[data-testid=early-check-out]'),
    ]);
    await expect(officer.page.textContent('[data-testid=check-out-consequence]')).resolves.toContain(
      '现在签退将记为早退',
    );
    expect(await horizontalOverflow(officer.page)).toBeLessThanOrEqual(0);
    await expectAccessible(officer.page, '签退 confirmation');
    await screenshot(officer.page, 'officer-check-out-confirm-phone');
    await Promise.all([officer.page.waitForNavigation(), officer.page.click('[data-testid=keep-watching]')]);
    expect((await enrolments.findOneByOrFail(where)).checkedOutAt).toBeNull();
    await Promise.all([
      officer.page.waitForNavigation(),
      officer.page.click('[data-testid=early-check-out]'),
    ]);
    await Promise.all([
      officer.page.waitForNavigation(),
      officer.page.click('[data-testid=confirm-check-out] button'),
    ]);
    expect((await enrolments.findOneByOrFail(where)).attendance).toBe('left_early');
    await officer.context.close();
  });
});
