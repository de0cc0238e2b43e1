import request from 'supertest';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { ASSIGNMENTS_QUEUE } from '../src/assignments/assignment-management.service';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { OwnRedis, freePort } from './utils/own-redis';
import type { TestApp } from './utils/create-test-app';
import { waitFor as waitForWithin } from './utils/wait-for';

jest.setTimeout(120_000);

/** Polls until `read` satisfies `ok` (Redis reconnects and the worker runs jobs on their own schedule). */
const waitFor = <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string) =>
  waitForWithin(read, ok, what, 30);

/**
 * Issue 17 item 7: the app starts with its Redis (a redis-server of this test's own, on a free port)
 * not running yet. A reminder that cannot be queued answers 503 and is not recorded as sent, so once
 * Redis is up the trainer's retry is accepted instead of "reminded recently" for 10 minutes.
 */
describe('assignment reminder with Redis unreachable, then back (own redis-server, e2e)', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let trainer: string;

  beforeAll(async () => {
    redis = new OwnRedis(await freePort());
    process.env.REDIS_PORT = String(redis.port); // nothing listens there yet
    // Imported only now: the environment is validated when the app module is first loaded.
    const { createTestApp, apiLogin } = await import('./utils/create-test-app');
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    trainer = await apiLogin(t.http, 'trainer', TEST_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
  });

  it('503 while Redis is down; after it is back the retry is accepted and sent once; a second reminder within 10 minutes is 409', async () => {
    const auth = { Authorization: `Bearer ${trainer}` };
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const dueAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const created = await request(t.http)
      .post('/api/assignments')
      .set(auth)
      .send({ courseId: course.id, unitIds: [org.units.streetA.id], dueAt })
      .expect(201);
    const id = created.body.id as string;
    const remind = () => request(t.http).post(`/api/assignments/${id}/remind`).set(auth);
    const recorded = async () =>
      (
        await t.dataSource.query(
          `SELECT "id" FROM audit_logs WHERE "action" = 'assignment.remind' AND "entityId" = '${id}'`,
        )
      ).length;

    const down = await remind().expect(503);
    expect(down.body.code).toBe('ASSIGNMENT.REMINDER_UNAVAILABLE');
    expect(await recorded()).toBe(0);

    await redis.start();
    const queue = t.app.get<Queue>(getQueueToken(ASSIGNMENTS_QUEUE));
    await waitFor(
      async () => queue.client.status,
      (s) => s === 'ready',
      'the queue to reconnect',
    );

    const retry = await remind().expect(202);
    expect(retry.body).toMatchObject({ id, recipients: created.body.assignedCount, queued: true });
    expect(await recorded()).toBe(1);
    const notified = () =>
      t.dataSource.query(
        `SELECT "userId" FROM notifications WHERE "kind" = 'assignment.reminder' AND "sourceId" = '${id}'`,
      );
    await waitFor(notified, (rows) => rows.length >= retry.body.recipients, 'the reminders');
    // Every job done, including the first attempt's if it reached Redis late: that one sends nothing.
    await waitFor(
      () => queue.getJobCounts(),
      (c) => c.waiting + c.active + c.delayed === 0,
      'the queue to drain',
    );
    const rows: Array<{ userId: string }> = await notified();
    expect(rows).toHaveLength(retry.body.recipients);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(rows.length);

    const again = await remind().expect(409);
    expect(again.body.code).toBe('ASSIGNMENT.REMINDED_RECENTLY');
  });
});
