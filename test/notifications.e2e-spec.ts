import request from 'supertest';
import { NotificationsService } from '../src/notifications/notifications.service';
import { TransactionRunner } from '../src/database/transaction-runner';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

describe('notifications (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    const service = t.app.get(NotificationsService);
    await t.app.get(TransactionRunner).run((em) =>
      service.notify(em, [org.users.officerA.id, org.users.officerA.id, org.users.officerB.id], {
        kind: 'test',
        title: '请按期完成学习',
        body: '《第三章》将于 12 月 31 日到期',
        link: '/learning',
      }),
    );
    tokenA = await apiLogin(t.http, 'officer_a', TEST_PASSWORD);
    tokenB = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('should deliver one message per person even when a person is named twice', async () => {
    const res = await request(t.http)
      .get('/api/me/notifications')
      .set('Authorization', `Bearer ${tokenA}`)
      .expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.unread).toBe(1);
    expect(res.body.items[0]).toMatchObject({ title: '请按期完成学习', link: '/learning', read: false });
  });

  it('should mark read idempotently and refuse someone else’s notification with 404', async () => {
    const mine = await request(t.http).get('/api/me/notifications').set('Authorization', `Bearer ${tokenA}`);
    const id = mine.body.items[0].id as string;
    await request(t.http)
      .post(`/api/notifications/${id}/read`)
      .set('Authorization', `Bearer ${tokenB}`)
      .expect(404);
    await request(t.http)
      .post(`/api/notifications/${id}/read`)
      .set('Authorization', `Bearer ${tokenA}`)
      .expect(204);
    await request(t.http)
      .post(`/api/notifications/${id}/read`)
      .set('Authorization', `Bearer ${tokenA}`)
      .expect(204);
    const after = await request(t.http).get('/api/me/notifications').set('Authorization', `Bearer ${tokenA}`);
    expect(after.body.unread).toBe(0);
    const other = await request(t.http).get('/api/me/notifications').set('Authorization', `Bearer ${tokenB}`);
    expect(other.body.unread).toBe(1);
  });

  it('should refuse anonymous callers', async () => {
    await request(t.http).get('/api/me/notifications').expect(401);
  });
});
