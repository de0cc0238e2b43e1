import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import request from 'supertest';
import { Notification } from '../src/notifications/entities/notification.entity';
import { SessionEnrolment } from '../src/sessions/entities/session-parts.entity';
import { TrainingSession } from '../src/sessions/entities/training-session.entity';
import { reminderJobId, closeJobId, SESSIONS_QUEUE } from '../src/sessions/session-jobs.service';
import { SessionJobsProcessor } from '../src/sessions/session-jobs.processor';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { eventually, obliterateQueues } from './utils/queues';

const HOUR = 3600_000;

const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** A small RFC 5545 reader: unfolds continuation lines, returns the VEVENTs as property maps. */
function parseEvents(ics: string): Array<Record<string, string>> {
  const lines = ics.replace(/\r\n[ \t]/g, '').split(/\r\n/);
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT' && current) {
      events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0];
      current[name] = line.slice(colon + 1);
      if (name === 'DTSTART') current.DTSTART_PARAMS = line.slice(0, colon);
    }
  }
  return events;
}

describe('session calendars and reminders (e2e, real Redis)', () => {
  let api: OrganisationApi;
  let queue: Queue;

  beforeAll(async () => {
    api = await startOrganisationApi();
    queue = api.t.app.get<Queue>(getQueueToken(SESSIONS_QUEUE));
  });
  afterAll(async () => {
    await obliterateQueues(api.t.app, [SESSIONS_QUEUE, 'notices']);
    await api.t.close();
  });

  const create = async (startsInHours: number) => {
    const res = await request(api.t.http)
      .post('/api/sessions')
      .set(api.as('trainer'))
      .send({
        title: '收听收看全省信访业务培训',
        kind: 'broadcast',
        startsAt: at(startsInHours),
        endsAt: at(startsInHours + 2),
        unitIds: [api.org.units.streetA.id],
        creditHours: 2,
        noticeNumber: '省信访局〔2026〕8号',
      })
      .expect(201);
    return res.body.id as string;
  };

  it('should export an .ics that parses back with a stable UID, a SEQUENCE bumped on change and STATUS:CANCELLED', async () => {
    const id = await create(48);
    const first = await request(api.t.http)
      .get(`/api/sessions/${id}/ics`)
      .set(api.as('officerA'))
      .expect(200);
    expect(first.headers['content-type']).toMatch(/^text\/calendar/);
    expect(first.text).toContain('BEGIN:VTIMEZONE');
    const [e1] = parseEvents(first.text);
    expect(e1.UID).toBe(`session-${id}@petition-training`);
    expect(e1.SEQUENCE).toBe('0');
    expect(e1.DTSTART_PARAMS).toBe('DTSTART;TZID=Asia/Shanghai');
    const startsAt = new Date(
      (await request(api.t.http).get(`/api/sessions/${id}`).set(api.as('trainer'))).body.startsAt,
    );
    const wall = new Date(startsAt.getTime() + 8 * HOUR).toISOString().slice(0, 19).replace(/[-:]/g, '');
    expect(e1.DTSTART).toBe(wall);

    await request(api.t.http)
      .patch(`/api/sessions/${id}`)
      .set(api.as('trainer'))
      .send({ location: '区信访局三楼会议室' })
      .expect(200);
    const [e2] = parseEvents(
      (await request(api.t.http).get(`/api/sessions/${id}/ics`).set(api.as('officerA')).expect(200)).text,
    );
    expect(e2.UID).toBe(e1.UID);
    expect(e2.SEQUENCE).toBe('1');
    expect(e2.LOCATION).toContain('区信访局三楼会议室');

    // the subscription feed: secret token, rotatable and revocable
    await request(api.t.http).get('/api/me/calendar.ics?token=not-a-real-token-at-all-123').expect(404);
    const token = (
      await request(api.t.http).post('/api/me/calendar-token').set(api.as('officerA')).expect(201)
    ).body.token as string;
    await request(api.t.http)
      .post(`/api/sessions/${id}/cancel`)
      .set(api.as('trainer'))
      .send({ reason: '上级会议改期' })
      .expect(204);
    const feed = await request(api.t.http).get(`/api/me/calendar.ics?token=${token}`).expect(200);
    const cancelled = parseEvents(feed.text).find((e) => e.UID === e1.UID);
    expect(cancelled).toMatchObject({ STATUS: 'CANCELLED', SEQUENCE: '2' });
    const rotated = (
      await request(api.t.http).post('/api/me/calendar-token').set(api.as('officerA')).expect(201)
    ).body.token as string;
    await request(api.t.http).get(`/api/me/calendar.ics?token=${token}`).expect(404);
    await request(api.t.http).get(`/api/me/calendar.ics?token=${rotated}`).expect(200);
    await request(api.t.http).delete('/api/me/calendar-token').set(api.as('officerA')).expect(204);
    await request(api.t.http).get(`/api/me/calendar.ics?token=${rotated}`).expect(404);
    // officer B's feed never lists officer A's sessions
    const tokenB = (
      await request(api.t.http).post('/api/me/calendar-token').set(api.as('officerB')).expect(201)
    ).body.token as string;
    expect(
      parseEvents((await request(api.t.http).get(`/api/me/calendar.ics?token=${tokenB}`).expect(200)).text),
    ).toHaveLength(0);
  });

  it('should schedule reminders 24 h and 1 h before, move them on reschedule and remove them on cancel', async () => {
    const id = await create(48);
    const startsAt = Date.parse(
      (await request(api.t.http).get(`/api/sessions/${id}`).set(api.as('trainer'))).body.startsAt,
    );
    const due = async (kind: '24h' | '1h') => {
      const job = await queue.getJob(reminderJobId(id, kind));
      return job ? job.timestamp + Number(job.opts.delay) : null;
    };
    expect(await due('24h')).toBeCloseTo(startsAt - 24 * HOUR, -4);
    expect(await due('1h')).toBeCloseTo(startsAt - HOUR, -4);
    expect(await queue.getJob(closeJobId(id))).not.toBeNull();

    const moved = new Date(startsAt + 24 * HOUR);
    await request(api.t.http)
      .patch(`/api/sessions/${id}`)
      .set(api.as('trainer'))
      .send({ startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 2 * HOUR).toISOString() })
      .expect(200);
    expect(await due('24h')).toBeCloseTo(moved.getTime() - 24 * HOUR, -4);
    expect(await due('1h')).toBeCloseTo(moved.getTime() - HOUR, -4);
    expect((await queue.getDelayed()).filter((j) => j.id === reminderJobId(id, '24h'))).toHaveLength(1);
    const told = await request(api.t.http).get('/api/me/notifications').set(api.as('officerA')).expect(200);
    expect(
      told.body.items.some(
        (n: { sourceId: string; title: string }) => n.sourceId === id && n.title.startsWith('培训时间变更'),
      ),
    ).toBe(true);

    // the job's work: one in-app reminder per enrolled officer
    const processor = api.t.app.get(SessionJobsProcessor);
    expect(await processor.sendReminder({ sessionId: id, kind: '24h' })).toBe(2);
    const inbox = await request(api.t.http).get('/api/me/notifications').set(api.as('officerA')).expect(200);
    expect(inbox.body.items.filter((n: { title: string }) => n.title.startsWith('培训提醒'))).toHaveLength(1);

    await request(api.t.http)
      .post(`/api/sessions/${id}/cancel`)
      .set(api.as('trainer'))
      .send({ reason: '改期' })
      .expect(204);
    expect(await queue.getJob(reminderJobId(id, '24h'))).toBeNull();
    expect(await queue.getJob(reminderJobId(id, '1h'))).toBeNull();
    expect(await queue.getJob(closeJobId(id))).toBeNull();
    const reminders = await api.t.dataSource
      .getRepository(Notification)
      .count({ where: { kind: 'session.reminder', sourceId: id } });
    expect(reminders).toBe(0);
    expect(await processor.sendReminder({ sessionId: id, kind: '1h' })).toBe(0);
  });

  it('should run the jobs on the worker: a due reminder notifies, the closing job closes without any read', async () => {
    const id = await create(48);
    await queue.add('reminder', { sessionId: id, kind: '1h' }, { jobId: `test:${id}:reminder-now` });
    const reminded = await eventually(async () => {
      const n = await api.t.dataSource
        .getRepository(Notification)
        .count({ where: { kind: 'session.reminder', sourceId: id } });
      return n > 0 ? n : null;
    });
    expect(reminded).toBe(2);

    // a session whose close time has already passed gets a closing job with no delay
    const past = await request(api.t.http)
      .post('/api/sessions')
      .set(api.as('trainer'))
      .send({
        title: '补录的培训',
        backfill: true,
        kind: 'classroom',
        startsAt: at(-3),
        endsAt: at(-1),
        unitIds: [api.org.units.streetA.id],
        creditHours: 1,
      })
      .expect(201);
    const closed = await eventually(async () => {
      const s = await api.t.dataSource.getRepository(TrainingSession).findOneBy({ id: past.body.id });
      return s?.status === 'closed' ? s : null;
    });
    expect(closed.closedAt).not.toBeNull();
    const absent = await api.t.dataSource.getRepository(SessionEnrolment).findBy({ sessionId: past.body.id });
    // a 补录 is never auto-marked 缺席: its attendance is entered by hand
    expect(absent.map((e) => e.attendance)).toEqual([null, null]);
  });

  it('should not schedule reminders that would already be past', async () => {
    const id = await create(0.5);
    expect(await queue.getJob(reminderJobId(id, '24h'))).toBeNull();
    expect(await queue.getJob(reminderJobId(id, '1h'))).toBeNull();
  });
});
