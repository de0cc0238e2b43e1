import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import request from 'supertest';
import { Notification } from '../src/notifications/entities/notification.entity';
import { NOTICES_QUEUE } from '../src/notices/notices.service';
import { createUnit, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin } from './utils/create-test-app';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { eventually, obliterateQueues } from './utils/queues';

describe('notices (e2e)', () => {
  let api: OrganisationApi;
  let http: OrganisationApi['t']['http'];

  beforeAll(async () => {
    api = await startOrganisationApi();
    http = api.t.http;
  });
  afterAll(async () => {
    await obliterateQueues(api.t.app, [NOTICES_QUEUE, 'sessions']);
    await api.t.close();
  });

  const inbox = async (auth: Record<string, string>) =>
    (await request(http).get('/api/me/notifications').set(auth).expect(200)).body;
  const noticesIn = (
    body: { items: Array<{ kind: string; sourceId: string; id: string }> },
    noticeId: string,
  ) => body.items.filter((n) => n.kind === 'notice' && n.sourceId === noticeId);

  it('should reach exactly the officers of the target unit subtree, and late joiners', async () => {
    const res = await request(http)
      .post('/api/notices')
      .set(api.as('trainer'))
      .send({
        title: '关于组织收听收看全省信访业务培训的通知',
        body: '请于 12 月 10 日 9 时到分会场收看。',
        noticeNumber: '区信访局〔2026〕15号',
        unitIds: [api.org.units.streetA.id],
        roles: ['officer'],
      })
      .expect(201);
    expect(res.body.recipients).toBe(2); // officer_a (street A) and officer_a2 (its community); not the manager, not street B
    const id = res.body.id as string;
    expect(noticesIn(await inbox(api.as('officerA')), id)).toHaveLength(1);
    expect(noticesIn(await inbox(api.as('officerB')), id)).toHaveLength(0);
    expect(noticesIn(await inbox(api.as('manager')), id)).toHaveLength(0);

    // a new officer in a new community of street A gets it when they open their inbox
    const community = await createUnit(api.t.dataSource, '甲街道二社区', 'office', api.org.units.streetA);
    await createUser(api.t.dataSource, community, 'officer', { username: 'new_officer' });
    const token = await apiLogin(http, 'new_officer', TEST_PASSWORD);
    const fresh = await inbox({ Authorization: `Bearer ${token}` });
    expect(noticesIn(fresh, id)).toHaveLength(1);
    expect(noticesIn(await inbox({ Authorization: `Bearer ${token}` }), id)).toHaveLength(1); // once only

    const receipts = await request(http)
      .get(`/api/notices/${id}/receipts`)
      .set(api.as('trainer'))
      .expect(200);
    expect(receipts.body).toMatchObject({ recipients: 3, read: 0 });
  });

  it('should count read receipts per unit and remind the unread through a queued job', async () => {
    const res = await request(http)
      .post('/api/notices')
      .set(api.as('trainer'))
      .send({
        title: '培训安排',
        body: '见附件。',
        unitIds: [api.org.units.streetA.id, api.org.units.streetB.id],
        roles: ['officer'],
      })
      .expect(201);
    const id = res.body.id as string;
    await request(http).get(`/api/notices/${id}`).set(api.as('officerA')).expect(200); // reading the notice is the receipt
    const b = noticesIn(await inbox(api.as('officerB')), id)[0];
    await request(http).post(`/api/notifications/${b.id}/read`).set(api.as('officerB')).expect(204);

    const receipts = (
      await request(http).get(`/api/notices/${id}/receipts`).set(api.as('trainer')).expect(200)
    ).body;
    expect(receipts.read).toBe(2);
    const byUnit = Object.fromEntries(
      receipts.units.map((u: { unitName: string; recipients: number; read: number }) => [
        u.unitName,
        [u.recipients, u.read],
      ]),
    );
    expect(byUnit['甲街道']).toEqual([1, 1]);
    expect(byUnit['乙街道']).toEqual([1, 1]);
    expect(byUnit['甲街道一社区']).toEqual([1, 0]);
    expect(receipts.unread.map((u: { username: string }) => u.username)).toContain('officer_a2');

    const remind = await request(http).post(`/api/notices/${id}/remind`).set(api.as('trainer')).expect(202);
    expect(remind.body.jobId).toBeTruthy();
    const queue = api.t.app.get<Queue>(getQueueToken(NOTICES_QUEUE));
    expect(await queue.getJob(remind.body.jobId)).not.toBeNull();
    // the worker runs the job: one reminder per unread recipient, none for those who read it
    const reminders = await eventually(async () => {
      const rows = await api.t.dataSource
        .getRepository(Notification)
        .findBy({ kind: 'notice.reminder', sourceId: id });
      return rows.length > 0 ? rows : null;
    });
    expect(reminders.map((r) => r.userId).sort()).toEqual(
      receipts.unread.map((u: { userId: string }) => u.userId).sort(),
    );
    const a2 = await apiLogin(http, 'officer_a2', TEST_PASSWORD);
    const a2Inbox = await inbox({ Authorization: `Bearer ${a2}` });
    expect(
      a2Inbox.items.some(
        (n: { kind: string; sourceId: string }) => n.kind === 'notice.reminder' && n.sourceId === id,
      ),
    ).toBe(true);
    expect(
      (await inbox(api.as('officerA'))).items.some(
        (n: { kind: string; sourceId: string }) => n.kind === 'notice.reminder' && n.sourceId === id,
      ),
    ).toBe(false);
  });

  it('should refuse officers sending, notices without targets, and notices not sent to the reader', async () => {
    await request(http)
      .post('/api/notices')
      .set(api.as('officerA'))
      .send({ title: 'x', body: 'y', roles: ['officer'] })
      .expect(403);
    const none = await request(http)
      .post('/api/notices')
      .set(api.as('trainer'))
      .send({ title: 'x', body: 'y' })
      .expect(400);
    expect(none.body.code).toBe('NOTICE.NO_TARGETS');
    const res = await request(http)
      .post('/api/notices')
      .set(api.as('trainer'))
      .send({ title: '仅乙街道', body: '内容', userIds: [api.org.users.officerB.id] })
      .expect(201);
    await request(http).get(`/api/notices/${res.body.id}`).set(api.as('officerA')).expect(404);
    await request(http).get(`/api/notices/${res.body.id}/receipts`).set(api.as('officerB')).expect(403);
  });
});
