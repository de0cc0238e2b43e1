import request from 'supertest';
import { SessionEnrolment } from '../src/sessions/entities/session-parts.entity';
import { TrainingSession } from '../src/sessions/entities/training-session.entity';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';
import { obliterateQueues } from './utils/queues';

const MIN = 60_000;
/** `<input type="datetime-local">` value in Shanghai. */
const local = (offsetMinutes: number) =>
  new Date(Date.now() + offsetMinutes * MIN + 8 * 3600_000).toISOString().slice(0, 16);

/** Issue 21 (1, 3) on the pages: the past-start refusal and 补录 on the form, cancelling with a reason, 签退 confirmation. */
describe('session correction pages (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let trainer: PageSession;
  let officer: PageSession;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    trainer = await pageLogin(t.http, 'trainer', TEST_PASSWORD);
    officer = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
  });
  afterAll(async () => {
    await obliterateQueues(t.app, ['sessions', 'notices']);
    await t.close();
  });

  const form = (extra: Record<string, string>) => ({
    _csrf: trainer.csrf,
    title: '补录的条例培训',
    kind: 'classroom',
    startsAt: local(-3 * 1440),
    endsAt: local(-3 * 1440 + 120),
    creditHours: '2',
    unitIds: org.units.streetA.id,
    includeSubtree: '1',
    ...extra,
  });
  const idOf = (location: string) => /\/trainer\/sessions\/([0-9a-f-]{36})/.exec(location)?.[1] as string;

  it('should give the form back for a past start, and accept it as 补录 shown as such', async () => {
    const form0 = await trainer.agent.get('/trainer/sessions/new').expect(200);
    expect(form0.text).toContain('name="backfill"');
    const refused = await trainer.agent.post('/trainer/sessions').type('form').send(form({})).expect(400);
    expect(refused.text).toContain('开始时间已经过去');
    expect(refused.text).toContain('name="startsAt"'); // the form, with what was typed
    const created = await trainer.agent
      .post('/trainer/sessions')
      .type('form')
      .send(form({ backfill: '1' }))
      .expect(303);
    const id = idOf(created.headers.location);
    const show = await trainer.agent.get(`/trainer/sessions/${id}`).expect(200);
    expect(show.text).toContain('data-testid="backfilled"');
    expect(show.text).toContain('data-testid="backfill-hint"');
    // an ended session can still be cancelled: the form is there
    expect(show.text).toContain('data-testid="cancel-form"');
  });

  it('should refuse cancelling without a reason on the page and cancel with one', async () => {
    const created = await trainer.agent
      .post('/trainer/sessions')
      .type('form')
      .send(form({ title: '误建的培训', startsAt: local(60), endsAt: local(180) }))
      .expect(303);
    const id = idOf(created.headers.location);
    const refused = await trainer.agent
      .post(`/trainer/sessions/${id}/cancel`)
      .type('form')
      .send({ _csrf: trainer.csrf, reason: '' })
      .expect(400);
    expect(refused.text).toContain('请填写取消原因');
    expect(refused.text).toContain('data-testid="cancel-form"');
    expect((await t.dataSource.getRepository(TrainingSession).findOneByOrFail({ id })).status).toBe(
      'scheduled',
    );
    await trainer.agent
      .post(`/trainer/sessions/${id}/cancel`)
      .type('form')
      .send({ _csrf: trainer.csrf, reason: '时间冲突，改期另行通知' })
      .expect(303);
    const show = await trainer.agent.get(`/trainer/sessions/${id}`).expect(200);
    expect(show.text).toContain('时间冲突，改期另行通知');
  });

  it('should ask to confirm a 签退 before the end, saying it is 早退, and record nothing until confirmed', async () => {
    const created = await trainer.agent
      .post('/trainer/sessions')
      .type('form')
      .send(form({ title: '视频收看', kind: 'broadcast', startsAt: local(5), endsAt: local(125) }))
      .expect(303);
    const id = idOf(created.headers.location);
    // the broadcast has been running for ten minutes and officer_a checked in
    const repo = t.dataSource.getRepository(TrainingSession);
    await repo.update({ id }, { startsAt: new Date(Date.now() - 10 * MIN) });
    const trainerToken = await apiLogin(t.http, 'trainer', TEST_PASSWORD);
    const officerToken = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    const code = (
      await request(t.http)
        .get(`/api/sessions/${id}/check-in-code`)
        .set('Authorization', `Bearer ${trainerToken}`)
        .expect(200)
    ).body.code as string;
    await request(t.http)
      .post(`/api/sessions/${id}/check-in`)
      .set('Authorization', `Bearer ${officerToken}`)
      .send({ code })
      .expect(200);
    const mine = () =>
      t.dataSource
        .getRepository(SessionEnrolment)
        .findOneByOrFail({ sessionId: id, userId: org.users.officerA.id });

    // long before the end: a secondary link, not the one-tap button
    const page = await officer.agent.get(`/my/sessions/${id}`).expect(200);
    expect(page.text).toContain('data-testid="early-check-out"');
    expect(page.text).not.toContain('data-testid="check-out-form"');
    const confirm = await officer.agent.get(`/my/sessions/${id}/check-out`).expect(200);
    expect(confirm.text).toContain('现在签退将记为早退');
    // a post without confirm=1 (the old one-tap form) only shows the confirmation
    const unconfirmed = await officer.agent
      .post(`/my/sessions/${id}/check-out`)
      .type('form')
      .send({ _csrf: officer.csrf })
      .expect(200);
    expect(unconfirmed.text).toContain('现在签退将记为早退');
    expect(unconfirmed.text).toContain('data-testid="confirm-check-out"');
    expect((await mine()).checkedOutAt).toBeNull();
    // confirmed: recorded as 早退
    await officer.agent
      .post(`/my/sessions/${id}/check-out`)
      .type('form')
      .send({ _csrf: officer.csrf, confirm: '1' })
      .expect(303);
    const after = await mine();
    expect(after.checkedOutAt).not.toBeNull();
    expect(after.attendance).toBe('left_early');
  });

  it('should offer 签退 as the main button in the last minutes of a broadcast', async () => {
    const created = await trainer.agent
      .post('/trainer/sessions')
      .type('form')
      .send(
        form({ title: '视频收看（临近结束）', kind: 'broadcast', startsAt: local(5), endsAt: local(125) }),
      )
      .expect(303);
    const id = idOf(created.headers.location);
    await t.dataSource.getRepository(TrainingSession).update(
      { id },
      {
        startsAt: new Date(Date.now() - 110 * MIN),
        endsAt: new Date(Date.now() + 10 * MIN),
        checkInClosesAt: new Date(Date.now() + 10 * MIN),
      },
    );
    await t.dataSource
      .getRepository(SessionEnrolment)
      .update(
        { sessionId: id, userId: org.users.officerA.id },
        { checkedInAt: new Date(Date.now() - 110 * MIN), attendance: 'present' },
      );
    const page = await officer.agent.get(`/my/sessions/${id}`).expect(200);
    expect(page.text).toContain('data-testid="check-out-form"');
    expect(page.text).not.toContain('data-testid="early-check-out"');
    await officer.agent
      .post(`/my/sessions/${id}/check-out`)
      .type('form')
      .send({ _csrf: officer.csrf, confirm: '1' })
      .expect(303);
    const row = await t.dataSource
      .getRepository(SessionEnrolment)
      .findOneByOrFail({ sessionId: id, userId: org.users.officerA.id });
    expect(row.attendance).toBe('present');
  });
});
