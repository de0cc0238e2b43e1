import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { NOTICES_QUEUE } from '../src/notices/notices.service';
import { TEST_PASSWORD } from './factories/organisation.factory';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { pageLogin, PageSession } from './utils/page-session';
import { obliterateQueues } from './utils/queues';

/** Issue 21, defect 4: a chosen scope, a confirmed count, withdrawal, read times, a reminder cooldown. */
describe('notice scope, confirmation, withdrawal and reminders (e2e)', () => {
  let api: OrganisationApi;
  let http: OrganisationApi['t']['http'];
  let trainer: PageSession;
  let officer: PageSession;

  beforeAll(async () => {
    api = await startOrganisationApi();
    http = api.t.http;
    trainer = await pageLogin(http, 'trainer', TEST_PASSWORD);
    officer = await pageLogin(http, 'officer_a', TEST_PASSWORD);
  });
  afterAll(async () => {
    await obliterateQueues(api.t.app, [NOTICES_QUEUE, 'sessions']);
    await api.t.close();
  });

  const post = (path: string) => request(http).post(path).set(api.as('trainer'));
  const send = (body: object) =>
    post('/api/notices').send({ title: '培训通知', body: '请准时参加。', ...body });

  it('should refuse roles alone (the whole bureau) unless 全局 is chosen, naming 发送范围', async () => {
    const roleOnly = await send({ roles: ['officer'] }).expect(400);
    expect(roleOnly.body.code).toBe('NOTICE.SCOPE_REQUIRED');
    expect(roleOnly.body.message).toContain('发送范围');
    const none = await send({}).expect(400);
    expect(none.body.code).toBe('NOTICE.NO_TARGETS');
    expect(none.body.message).toContain('发送范围');

    // the form at its defaults (role 干部 ticked, nothing else) is refused on the form, nothing sent
    const form = await trainer.agent
      .post('/trainer/notices')
      .type('form')
      .send({ _csrf: trainer.csrf, title: '默认', body: '内容', roles: 'officer', includeSubtree: '1' })
      .expect(400);
    expect(form.text).toContain('data-testid="notice-scope-error"');
    expect(form.text).toContain('发送范围');

    const whole = await send({ roles: ['officer'], wholeBureau: true }).expect(201);
    const officers = await api.t.dataSource.query(`SELECT COUNT(*) AS n FROM users WHERE "role" = 'officer'`);
    expect(whole.body.recipients).toBe(Number(officers[0].n));
    expect(whole.body.units).toBeGreaterThan(1);
  });

  it('should show 「将发送给 N 人（M 个单位）」 before sending, and send only on the confirm POST', async () => {
    const fields = {
      _csrf: trainer.csrf,
      title: '确认步骤的通知',
      body: '内容',
      unitIds: api.org.units.streetA.id,
      includeSubtree: '1',
      roles: 'officer',
    };
    const preview = await post('/api/notices/preview')
      .send({ title: 'x', body: 'y', unitIds: [api.org.units.streetA.id], roles: ['officer'] })
      .expect(200);
    expect(preview.body).toEqual({ recipients: 2, units: 2 });
    const confirm = await trainer.agent.post('/trainer/notices').type('form').send(fields).expect(200);
    expect(confirm.text).toContain('将发送给 2 人（2 个单位）');
    const before = await api.t.dataSource.query(
      `SELECT COUNT(*) AS n FROM notices WHERE "title" = '确认步骤的通知'`,
    );
    expect(Number(before[0].n)).toBe(0);
    const sent = await trainer.agent
      .post('/trainer/notices')
      .type('form')
      .send({ ...fields, confirm: '1' })
      .expect(303);
    expect(sent.headers.location).toMatch(/\?sent=2$/);
  });

  it('should withdraw a notice: recipients see 已撤回 without the body, and it leaves their unread count', async () => {
    const notice = await send({ body: '机密的正文内容', userIds: [api.org.users.officerA.id] }).expect(201);
    const id = notice.body.id as string;
    const unread = async () =>
      (await request(http).get('/api/me/notifications').set(api.as('officerA')).expect(200)).body
        .unread as number;
    const before = await unread();
    await request(http).post(`/api/notices/${id}/withdraw`).set(api.as('officerA')).expect(403);
    await post(`/api/notices/${id}/withdraw`).expect(200);
    await post(`/api/notices/${id}/withdraw`).expect(409);
    expect(await unread()).toBe(before - 1);
    const page = await officer.agent.get(`/notices/${id}`).expect(200);
    expect(page.text).toContain('已撤回');
    expect(page.text).not.toContain('机密的正文内容');
    const api1 = await request(http).get(`/api/notices/${id}`).set(api.as('officerA')).expect(200);
    expect(api1.body.body).toBe('');
    const audit = await api.t.dataSource
      .getRepository(AuditLog)
      .findBy({ action: 'notice.withdraw', entityId: id });
    expect(audit).toHaveLength(1);
    const remind = await post(`/api/notices/${id}/remind`).expect(409);
    expect(remind.body.code).toBe('NOTICE.WITHDRAWN');
  });

  it('should list every recipient with the read time or 未读 on the trainer page', async () => {
    const notice = await send({ userIds: [api.org.users.officerA.id, api.org.users.officerB.id] }).expect(
      201,
    );
    const id = notice.body.id as string;
    await request(http).get(`/api/notices/${id}`).set(api.as('officerA')).expect(200);
    const page = await trainer.agent.get(`/trainer/notices/${id}`).expect(200);
    const people = page.text.slice(page.text.indexOf('data-testid="receipts-people"'));
    expect(people).toMatch(/已读 \d{4}[-/]\d{2}[-/]\d{2} \d{2}:\d{2}/);
    expect(people).toContain('未读');
    const receipts = await request(http)
      .get(`/api/notices/${id}/receipts`)
      .set(api.as('trainer'))
      .expect(200);
    const readAt = receipts.body.people.find(
      (p: { userId: string }) => p.userId === api.org.users.officerA.id,
    );
    expect(readAt.readAt).toBeTruthy();
  });

  it('should refuse a second 提醒未读人员 within the cooldown, saying when it can be sent again', async () => {
    const notice = await send({ userIds: [api.org.users.officerB.id] }).expect(201);
    const id = notice.body.id as string;
    await post(`/api/notices/${id}/remind`).expect(202);
    const again = await post(`/api/notices/${id}/remind`).expect(409);
    expect(again.body.code).toBe('NOTICE.REMIND_COOLDOWN');
    expect(again.body.message).toMatch(/请在 .+ 之后再次提醒/);
    const page = await trainer.agent
      .post(`/trainer/notices/${id}/remind`)
      .type('form')
      .send({ _csrf: trainer.csrf })
      .expect(409);
    expect(page.text).toContain('之后再次提醒');
  });
});
