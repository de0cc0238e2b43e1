import './utils/worker-off.env';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { ScoringQueue } from '../src/scoring/scoring.queue';
import { WorkerModule } from '../src/worker.module';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';
import { waitFor } from './utils/wait-for';

jest.setTimeout(60_000);

describe('the app with SCORING_WORKER=false and the worker as its own process (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext | undefined;
  let org: Awaited<ReturnType<typeof createOrganisation>>;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  let runId = '';

  it('with no worker anywhere, /health names the queue down and a requested run says nobody will take it', async () => {
    const health = await request(t.http).get('/health').expect(503);
    expect(health.body.error).toEqual({ queue: { status: 'down' } });
    const admin = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    const details = await request(t.http)
      .get('/api/health/details')
      .set({ Authorization: `Bearer ${admin}` })
      .expect(200);
    expect(details.body.error.queue.message).toContain('no worker');
    const run = await request(t.http)
      .post('/api/scoring/runs')
      .set({ Authorization: `Bearer ${admin}` })
      .send({ scope: 'all' })
      .expect(202);
    runId = run.body.id;
    const page = await pageLogin(t.http, 'admin', TEST_PASSWORD);
    const html = (await page.agent.get('/admin/scoring').expect(200)).text;
    expect(html).toContain('排队中');
    expect(html).toContain('没有评分进程在运行');
  });

  it('the app relays events but leaves them to the worker, which scores them', async () => {
    const repo = t.dataSource.getRepository(OutboxEvent);
    const id = randomUUID();
    const payload = {
      userId: org.users.officerB.id,
      courseId: 'c',
      completionId: randomUUID(),
      completedAt: new Date().toISOString(),
    };
    await repo.insert({
      id,
      type: 'course.completed',
      payload: JSON.stringify(payload),
      createdAt: new Date(),
      publishedAt: null,
      attempts: 0,
    });
    await waitFor(
      () => repo.countBy({ publishedAt: IsNull() }),
      (n) => n === 0,
      'the app to relay the event',
    );
    const queue = t.app.get(ScoringQueue).queue;
    await new Promise((r) => setTimeout(r, 300));
    expect(await queue.getJob(id)).not.toBeNull(); // waiting: nobody in the app processes it
    expect(await t.dataSource.query(`SELECT * FROM capability_scores`)).toHaveLength(0);

    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();
    await waitFor(
      () => t.dataSource.query(`SELECT * FROM capability_scores WHERE "userId" = '${org.users.officerB.id}'`),
      (rows) => rows.length === 1,
      'the worker to score the officer',
    );
    const token = await apiLogin(t.http, 'officer_b', TEST_PASSWORD);
    const res = await request(t.http)
      .get(`/api/users/${org.users.officerB.id}/capability`)
      .set({ Authorization: `Bearer ${token}` })
      .expect(200);
    expect(res.body).toMatchObject({ score: null, rated: false, formula: 'cap-2' }); // scored by the worker: no answers is 未评定 (cap-1.0 gave the prior 50)
  });

  it('once the worker runs, /health is up again, the queued run finishes and the page stops warning', async () => {
    const health = await waitFor(
      () => request(t.http).get('/health'),
      (r) => r.status === 200,
      'health to see the worker',
    );
    expect(health.body.info.queue).toEqual({ status: 'up' });
    const admin = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    await waitFor(
      () =>
        request(t.http)
          .get(`/api/scoring/runs/${runId}`)
          .set({ Authorization: `Bearer ${admin}` }),
      (r) => r.body.state === 'finished',
      'the queued run to finish',
    );
    const page = await pageLogin(t.http, 'admin', TEST_PASSWORD);
    const html = (await page.agent.get('/admin/scoring').expect(200)).text;
    expect(html).toContain('已完成');
    expect(html).not.toContain('没有评分进程在运行');
  });
});
