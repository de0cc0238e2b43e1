import './utils/scoring-fast.env';
import type Bull from 'bull';
import { randomUUID } from 'node:crypto';
import { IsNull, Not, Repository } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { OutboxService } from '../src/outbox/outbox.service';
import { CapabilityService } from '../src/scoring/capability.service';
import { OutboxRelayService } from '../src/scoring/outbox-relay.service';
import { JOB, ScoringQueue } from '../src/scoring/scoring.queue';
import { createOrganisation } from './factories/organisation.factory';
import { createTestApp, TestApp } from './utils/create-test-app';
import { waitFor as waitForWithin } from './utils/wait-for';

jest.setTimeout(120_000);

const waitFor = <T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string) =>
  waitForWithin(read, ok, what, 90);

/**
 * Every process (each app instance, the worker) runs a relay (issue 16, item 9). Two relays on the
 * same database and queue relay at once: every outbox row gives exactly one job and its handler runs once.
 */
describe('one relay per outbox row (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let repo: Repository<OutboxEvent>;
  const added: string[] = [];
  const completed: string[] = [];
  const scored: string[] = [];
  const onCompleted = (job: Bull.Job) => job.name === JOB.event && completed.push(String(job.id));

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    repo = t.dataSource.getRepository(OutboxEvent);
    t.app.get(OutboxRelayService).pause(); // only the relays of this test
    const queue = t.app.get(ScoringQueue);
    const addBulk = queue.addBulk.bind(queue);
    jest.spyOn(queue, 'addBulk').mockImplementation((jobs) => {
      for (const j of jobs) if (j.name === JOB.event) added.push(String(j.opts?.jobId));
      return addBulk(jobs);
    });
    const capability = t.app.get(CapabilityService);
    const scoreOfficer = capability.scoreOfficer.bind(capability);
    jest.spyOn(capability, 'scoreOfficer').mockImplementation((userId, asOf) => {
      scored.push(userId);
      return scoreOfficer(userId, asOf);
    });
    queue.queue.on('completed', onCompleted);
  });
  afterAll(async () => {
    t.app.get(ScoringQueue).queue.off('completed', onCompleted);
    await t.close();
  });

  const insertEvents = async (n: number, extra: Partial<OutboxEvent> = {}) => {
    const officers = [org.users.officerA, org.users.officerA2, org.users.officerB, org.users.officerDept];
    const ids: string[] = [];
    const t0 = Date.now() - 10_000;
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const payload = {
        userId: officers[i % officers.length].id,
        courseId: 'c',
        completionId: randomUUID(),
        completedAt: new Date().toISOString(),
      };
      await repo.insert({
        id,
        type: 'course.completed',
        payload: JSON.stringify(payload),
        createdAt: new Date(t0 + i),
        publishedAt: null,
        attempts: 0,
        ...extra,
      });
      ids.push(id);
    }
    return ids;
  };
  const newRelay = () =>
    new OutboxRelayService(t.app.get(OutboxService), t.app.get(ScoringQueue), t.app.get(AppConfig));
  const times = (list: string[], id: string) => list.filter((x) => x === id).length;

  it('two relays at once: each event is one job, run once', async () => {
    const ids = await insertEvents(450); // more than two batches of 200
    const [a, b] = [newRelay(), newRelay()];
    const relayed = await Promise.all([a.relay(), b.relay()]);
    expect(relayed[0] + relayed[1]).toBe(ids.length);
    expect(await repo.countBy({ publishedAt: IsNull() })).toBe(0);
    await waitFor(
      () => repo.countBy({ processedAt: IsNull() }),
      (n) => n === 0,
      'every event to be processed',
    );
    await waitFor(
      async () => ids.filter((id) => completed.includes(id)).length,
      (n) => n === ids.length,
      'every job to complete',
    );
    await Promise.all([a.relay(), b.relay()]); // nothing left for either
    expect(ids.filter((id) => times(added, id) !== 1)).toEqual([]);
    expect(ids.filter((id) => times(completed, id) !== 1)).toEqual([]);
    expect(scored).toHaveLength(ids.length);
  });

  it('a batch claimed by a relay that died flows when its lease runs out, once', async () => {
    const [held] = await insertEvents(1, {
      claimedBy: 'dead-process:1',
      claimedUntil: new Date(Date.now() + 60_000),
    });
    const relay = newRelay();
    expect(await relay.relay()).toBe(0); // still leased
    expect((await repo.findOneByOrFail({ id: held })).publishedAt).toBeNull();
    await repo.update({ id: held }, { claimedUntil: new Date(Date.now() - 1000) }); // the lease ran out
    expect(await Promise.all([relay.relay(), newRelay().relay()])).toEqual(expect.arrayContaining([1, 0]));
    await waitFor(
      () => repo.countBy({ id: held, processedAt: Not(IsNull()) }),
      (n) => n === 1,
      'the event to be processed',
    );
    expect(times(added, held)).toBe(1);
  });

  it('a job added again after its event ran does nothing', async () => {
    const [id] = await insertEvents(1);
    await newRelay().relay();
    await waitFor(
      async () => times(completed, id),
      (n) => n === 1,
      'the job to run',
    );
    const before = scored.length;
    const row = await repo.findOneByOrFail({ id });
    await t.app
      .get(ScoringQueue)
      .add(JOB.event, { outboxId: id, type: row.type, payload: JSON.parse(row.payload) }, { jobId: id });
    await waitFor(
      async () => times(completed, id),
      (n) => n === 2,
      'the second job to run',
    );
    expect(scored.length).toBe(before);
  });
});
