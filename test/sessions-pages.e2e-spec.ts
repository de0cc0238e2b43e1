import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';
import { obliterateQueues } from './utils/queues';

const MIN = 60_000;
/** `<input type="datetime-local">` value in Shanghai. */
const local = (offsetMinutes: number) =>
  new Date(Date.now() + offsetMinutes * MIN + 8 * 3600_000).toISOString().slice(0, 16);

describe('session pages (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let trainer: PageSession;
  let officer: PageSession;
  let sessionId: string;

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

  it('should create a session from the form and show it in the list and the month view', async () => {
    await trainer.agent.get('/trainer/sessions/new').expect(200);
    const bad = await trainer.agent
      .post('/trainer/sessions')
      .type('form')
      .send({
        _csrf: trainer.csrf,
        title: '条例专题培训班',
        kind: 'classroom',
        startsAt: local(60),
        endsAt: local(30),
        creditHours: '2',
        unitIds: org.units.streetA.id,
        includeSubtree: '1',
      });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('必须晚于开始时间');
    const res = await trainer.agent
      .post('/trainer/sessions')
      .type('form')
      .send({
        _csrf: trainer.csrf,
        title: '条例专题培训班',
        kind: 'broadcast',
        startsAt: local(5),
        endsAt: local(125),
        creditHours: '2',
        unitIds: org.units.streetA.id,
        includeSubtree: '1',
        noticeNumber: '区信访局〔2026〕12号',
        venues: '一社区分会场 | officer_a | 甲街道一社区 | 社区二楼',
        materials: '条例全文 | https://example.org/regulation',
      })
      .expect(303);
    sessionId = /\/trainer\/sessions\/([0-9a-f-]{36})/.exec(res.headers.location)?.[1] as string;
    const show = await trainer.agent.get(`/trainer/sessions/${sessionId}`).expect(200);
    expect(show.text).toContain('区信访局〔2026〕12号');
    expect(show.text).toContain('一社区分会场');
    const list = await trainer.agent.get('/trainer/sessions').expect(200);
    expect(list.text).toContain('条例专题培训班');
    const month = await trainer.agent.get('/trainer/sessions?view=month').expect(200);
    expect(month.text).toContain('条例专题培训班');
    await trainer.agent.get(`/trainer/sessions/${sessionId}/edit`).expect(200);
    await officer.agent.get('/trainer/sessions').expect(403);
  });

  it('should show the rotating code on the check-in screen and let the officer check in with it', async () => {
    const screen = await trainer.agent.get(`/trainer/sessions/${sessionId}/check-in`).expect(200);
    expect(screen.text).toContain('<svg');
    const live = await trainer.agent.get(`/trainer/sessions/${sessionId}/check-in/live`).expect(200);
    expect(live.body.code).toMatch(/^\d{6}$/);
    expect(live.body.url).toContain(`/my/sessions/${sessionId}/check-in?code=${live.body.code}`);

    const form = await officer.agent
      .get(`/my/sessions/${sessionId}/check-in?code=${live.body.code}`)
      .expect(200);
    expect(form.text).toContain(`value="${live.body.code}"`);
    const wrong = await officer.agent
      .post(`/my/sessions/${sessionId}/check-in`)
      .type('form')
      .send({ _csrf: officer.csrf, code: '000000' === live.body.code ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('签到码不正确');
    const ok = await officer.agent
      .post(`/my/sessions/${sessionId}/check-in`)
      .type('form')
      .send({ _csrf: officer.csrf, code: live.body.code })
      .expect(200);
    expect(ok.text).toContain('签到成功');
    const mine = await officer.agent.get('/my/sessions').expect(200);
    expect(mine.text).toContain('条例专题培训班');
    // officer_a coordinates the community venue: their screen and roster are open to them
    await officer.agent.get(`/trainer/sessions/${sessionId}/check-in`).expect(200);
  });

  it('should save bulk marking from the roster form with an audit entry', async () => {
    await trainer.agent
      .post(`/trainer/sessions/${sessionId}/attendance`)
      .type('form')
      .send({
        _csrf: trainer.csrf,
        [`status.${org.users.officerA2.id}`]: 'absent',
        [`remark.${org.users.officerA2.id}`]: '未到',
        reason: '现场点名',
      })
      .expect(303);
    const show = await trainer.agent.get(`/trainer/sessions/${sessionId}`).expect(200);
    expect(show.text).toMatch(/data-user="officer_a2"[\s\S]*?缺席/);
    const log = await t.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'attendance.mark', actorUsername: 'trainer' });
    expect(log.after).toMatchObject({ status: 'absent', reason: '现场点名' });
    const report = await trainer.agent.get(`/trainer/sessions/${sessionId}/report`).expect(200);
    expect(report.text).toContain('甲街道一社区');
    const csv = await trainer.agent.get(`/trainer/sessions/${sessionId}/report?format=csv`).expect(200);
    expect(csv.text).toContain('出勤率');
    const manager = await pageLogin(t.http, 'manager', TEST_PASSWORD);
    const unitReport = await manager.agent.get('/trainer/sessions/attendance').expect(200);
    expect(unitReport.text).toContain('甲街道（含下级）');
    expect(unitReport.text).not.toContain('乙街道');
  });

  it('should send a notice from the form, show the unread badge, and count the read on the receipts page', async () => {
    const res = await trainer.agent
      .post('/trainer/notices')
      .type('form')
      .send({
        _csrf: trainer.csrf,
        title: '关于收听收看的通知',
        body: '请准时到分会场。',
        unitIds: org.units.streetA.id,
        includeSubtree: '1',
        roles: 'officer',
        sessionId,
        confirm: '1', // the confirmation step's second POST (the first shows the count)
      })
      .expect(303);
    const noticeId = /\/trainer\/notices\/([0-9a-f-]{36})/.exec(res.headers.location)?.[1] as string;
    const home = await officer.agent.get('/notifications').expect(200);
    expect(home.text).toContain('data-testid="unread-badge"');
    expect(home.text).toContain('关于收听收看的通知');
    await officer.agent.get(`/notices/${noticeId}`).expect(200);
    const receipts = await trainer.agent.get(`/trainer/notices/${noticeId}`).expect(200);
    expect(receipts.text).toMatch(/data-testid="read">1</);
    await trainer.agent
      .post(`/trainer/notices/${noticeId}/remind`)
      .type('form')
      .send({ _csrf: trainer.csrf })
      .expect(303);
    await officer.agent
      .post('/notifications/read-all')
      .type('form')
      .send({ _csrf: officer.csrf })
      .expect(303);
    const after = await officer.agent.get('/notifications').expect(200);
    expect(after.text).not.toContain('data-testid="unread-badge"');
  });

  it('should show no banner for a message code that is an Object member on the session pages', async () => {
    for (const ok of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      for (const [session, path] of [
        [trainer, `/trainer/sessions/${sessionId}`],
        [officer, '/my/sessions'],
        [officer, `/my/sessions/${sessionId}`],
      ] as const) {
        const res = await session.agent.get(`${path}?ok=${ok}`).expect(200);
        expect({
          path,
          ok,
          banner: res.text.includes('flash-success'),
          object: res.text.includes('[object Object]'),
        }).toEqual({ path, ok, banner: false, object: false });
      }
    }
    const repeated = await officer.agent.get('/my/sessions?ok=revoked&ok=revoked').expect(200);
    expect(repeated.text).not.toContain('flash-success');
    const known = await trainer.agent.get(`/trainer/sessions/${sessionId}?ok=marked`).expect(200);
    expect(known.text).toContain('考勤已保存');
  });

  it('should let an officer ask to be excused from the session page', async () => {
    const res = await trainer.agent
      .post('/trainer/sessions')
      .type('form')
      .send({
        _csrf: trainer.csrf,
        title: '下周培训班',
        kind: 'classroom',
        startsAt: local(60 * 24 * 7),
        endsAt: local(60 * 24 * 7 + 120),
        creditHours: '1',
        unitIds: org.units.streetA.id,
        includeSubtree: '1',
      })
      .expect(303);
    const id = /\/trainer\/sessions\/([0-9a-f-]{36})/.exec(res.headers.location)?.[1] as string;
    const page = await officer.agent.get(`/my/sessions/${id}`).expect(200);
    expect(page.text).toContain('data-testid="excuse-form"');
    await officer.agent
      .post(`/my/sessions/${id}/excuse`)
      .type('form')
      .send({ _csrf: officer.csrf, reason: '当天值班接访' })
      .expect(303);
    const trainerView = await trainer.agent.get(`/trainer/sessions/${id}`).expect(200);
    expect(trainerView.text).toContain('当天值班接访');
    const anonymous = await request(t.http).get(`/my/sessions/${id}`);
    expect(anonymous.headers.location).toMatch(/^\/login/);
  });
});
