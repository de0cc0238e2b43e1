import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { CreditEntry } from '../src/completions/entities/credit-entry.entity';
import { Notification } from '../src/notifications/entities/notification.entity';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { SessionEnrolment } from '../src/sessions/entities/session-parts.entity';
import { TrainingSession } from '../src/sessions/entities/training-session.entity';
import { createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin } from './utils/create-test-app';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { obliterateQueues } from './utils/queues';

const MIN = 60_000;
const iso = (offsetMinutes: number) => new Date(Date.now() + offsetMinutes * MIN).toISOString();

/** Issue 21 (1): a past start is refused unless it is a 补录; a wrongly created session is cancelled with its attendance and 学时. */
describe('session corrections: past starts, 补录, cancelling with attendance (e2e)', () => {
  let api: OrganisationApi;
  let http: OrganisationApi['t']['http'];

  beforeAll(async () => {
    api = await startOrganisationApi();
    http = api.t.http;
  });
  afterAll(async () => {
    await obliterateQueues(api.t.app, ['sessions', 'notices']);
    await api.t.close();
  });

  const body = (extra: Record<string, unknown>) => ({
    title: '条例专题培训',
    kind: 'classroom',
    startsAt: iso(5),
    endsAt: iso(125),
    unitIds: [api.org.units.streetA.id],
    creditHours: 2,
    ...extra,
  });
  const post = (extra: Record<string, unknown>) =>
    request(http).post('/api/sessions').set(api.as('trainer')).send(body(extra));
  const roster = async (id: string) =>
    (await request(http).get(`/api/sessions/${id}/attendance`).set(api.as('trainer')).expect(200)).body
      .items as Array<{ username: string; userId: string; status: string | null }>;
  const move = (
    id: string,
    times: Partial<Pick<TrainingSession, 'startsAt' | 'endsAt' | 'checkInClosesAt'>>,
  ) => api.t.dataSource.getRepository(TrainingSession).update({ id }, times);
  const audits = (entityId: string) => api.t.dataSource.getRepository(AuditLog).findBy({ entityId });
  const credits = (sourceId: string) =>
    api.t.dataSource.getRepository(CreditEntry).findBy({ sourceType: 'session', sourceId });

  it('should refuse a start in the past with a stable code naming the field, and create nothing', async () => {
    const before = await api.t.dataSource.getRepository(TrainingSession).count();
    const res = await post({
      title: '误填日期的培训',
      startsAt: iso(-24 * 60),
      endsAt: iso(-22 * 60),
    }).expect(400);
    expect(res.body.code).toBe('SESSION.START_IN_PAST');
    expect(res.body.message).toContain('开始时间');
    expect(res.body.errors).toMatchObject({ startsAt: 'start_in_past' });
    expect(await api.t.dataSource.getRepository(TrainingSession).count()).toBe(before);
    // a 补录 is for classes already held: a future start is refused
    const future = await post({ backfill: true }).expect(400);
    expect(future.body.code).toBe('SESSION.BACKFILL_NOT_PAST');
  });

  it('should record a 补录 with no notices and no automatic 缺席, attendance entered by hand', async () => {
    const res = await post({
      title: '补录：上周的培训',
      backfill: true,
      startsAt: iso(-7 * 1440),
      endsAt: iso(-7 * 1440 + 120),
    }).expect(201);
    const id = res.body.id as string;
    expect(res.body.enrolled).toBe(2);
    const rows = await roster(id); // a read closes the ended session
    expect(rows.map((r) => r.status)).toEqual([null, null]);
    const session = await api.t.dataSource.getRepository(TrainingSession).findOneByOrFail({ id });
    expect(session).toMatchObject({ status: 'closed', backfilled: true });
    expect(await api.t.dataSource.getRepository(Notification).countBy({ sourceId: id })).toBe(0);
    expect((await audits(id)).map((a) => a.action)).toContain('session.backfill');
    // the trainer enters attendance: 学时 for the one present, nothing for the one not entered
    const { officerA, officerA2 } = api.org.users;
    await request(http)
      .put(`/api/sessions/${id}/attendance`)
      .set(api.as('trainer'))
      .send({ records: [{ userId: officerA.id, status: 'present' }] })
      .expect(200);
    expect((await credits(id)).map((c) => c.userId)).toEqual([officerA.id]);
    const a2 = await api.t.dataSource
      .getRepository(SessionEnrolment)
      .findOneByOrFail({ sessionId: id, userId: officerA2.id });
    expect(a2.attendance).toBeNull();
    // the detail page says it is a 补录
    const page = await request(http).get(`/api/sessions/${id}`).set(api.as('trainer')).expect(200);
    expect(page.body.backfilled).toBe(true);
  });

  it('should cancel an ended session only with a reason, withdrawing its attendance and 学时 and rescoring, audited', async () => {
    const { officerA, officerA2 } = api.org.users;
    const id = (await post({ title: '误建的培训', creditHours: 3 }).expect(201)).body.id as string;
    await request(http)
      .put(`/api/sessions/${id}/attendance`)
      .set(api.as('trainer'))
      .send({ records: [{ userId: officerA.id, status: 'present' }] })
      .expect(200);
    // time passes: the session is over and closes on the next read (officer_a2 unmarked → 缺席)
    const startsAt = new Date(Date.now() - 3000 * MIN);
    const endsAt = new Date(startsAt.getTime() + 120 * MIN);
    await move(id, { startsAt, endsAt, checkInClosesAt: endsAt });
    expect(Object.fromEntries((await roster(id)).map((r) => [r.username, r.status]))).toEqual({
      officer_a: 'present',
      officer_a2: 'absent',
    });
    expect(await credits(id)).toHaveLength(1);
    const report = async () =>
      (
        await request(http)
          .get(
            `/api/sessions/attendance-report?unitId=${api.org.units.streetA.id}&from=${new Date(startsAt.getTime() - MIN).toISOString()}&to=${new Date(startsAt.getTime() + MIN).toISOString()}`,
          )
          .set(api.as('trainer'))
          .expect(200)
      ).body.officers as Array<{
        username: string;
        sessions: number;
        present: number;
        absent: number;
        hours: number;
      }>;
    const figures = (rows: Awaited<ReturnType<typeof report>>, username: string) => {
      const row = rows.find((r) => r.username === username);
      return { sessions: row?.sessions ?? 0, absent: row?.absent ?? 0, hours: row?.hours ?? 0 };
    };
    const before = await report();
    expect(figures(before, 'officer_a')).toEqual({ sessions: 1, absent: 0, hours: 3 });
    expect(figures(before, 'officer_a2')).toEqual({ sessions: 1, absent: 1, hours: 0 });

    const noReason = await request(http)
      .post(`/api/sessions/${id}/cancel`)
      .set(api.as('trainer'))
      .send({ reason: '  ' })
      .expect(400);
    expect(noReason.body.code).toBe('SESSION.CANCEL_REASON_REQUIRED');
    expect(noReason.body.errors).toMatchObject({ reason: 'required' });
    await request(http).post(`/api/sessions/${id}/cancel`).set(api.as('trainer')).send({}).expect(400);
    expect(await credits(id)).toHaveLength(1); // nothing changed

    await request(http)
      .post(`/api/sessions/${id}/cancel`)
      .set(api.as('trainer'))
      .send({ reason: '日期填错，误建' })
      .expect(204);
    expect(await credits(id)).toHaveLength(0);
    const rows = await api.t.dataSource.getRepository(SessionEnrolment).findBy({ sessionId: id });
    expect(rows.map((r) => [r.attendance, r.finalisedAt])).toEqual([
      [null, null],
      [null, null],
    ]);
    const after = await report();
    expect(figures(after, 'officer_a')).toEqual({ sessions: 0, absent: 0, hours: 0 });
    expect(figures(after, 'officer_a2')).toEqual({ sessions: 0, absent: 0, hours: 0 });
    // both officers are rescored through the outbox
    const rescored = (
      await api.t.dataSource.getRepository(OutboxEvent).findBy({ type: 'attendance.recorded' })
    )
      .map((e) => JSON.parse(e.payload) as Record<string, unknown>)
      .filter((p) => p.sessionId === id && p.status === 'cancelled');
    expect(rescored.map((p) => [p.userId, p.status]).sort()).toEqual(
      [
        [officerA.id, 'cancelled'],
        [officerA2.id, 'cancelled'],
      ].sort(),
    );
    const cancel = (await audits(id)).find((a) => a.action === 'session.cancel');
    expect(JSON.stringify(cancel?.after)).toContain('日期填错，误建');
    expect(JSON.stringify(cancel?.before)).toContain('"creditEntriesRemoved":1');
    const s = await api.t.dataSource.getRepository(TrainingSession).findOneByOrFail({ id });
    expect(s).toMatchObject({ status: 'cancelled', cancelReason: '日期填错，误建' });
    const again = await request(http)
      .post(`/api/sessions/${id}/cancel`)
      .set(api.as('trainer'))
      .send({ reason: '再次' })
      .expect(409);
    expect(again.body.code).toBe('SESSION.ALREADY_CANCELLED');
  });

  it('should not enrol, nor mark 缺席, an account created while the session is running', async () => {
    const id = (await post({ title: '进行中的培训' }).expect(201)).body.id as string;
    await move(id, { startsAt: new Date(Date.now() - 30 * MIN) }); // it has begun
    await createUser(api.t.dataSource, api.org.units.streetA, 'officer', { username: 'joined_during' });
    const token = await apiLogin(http, 'joined_during', TEST_PASSWORD);
    const mine = await request(http)
      .get('/api/me/sessions')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(JSON.stringify(mine.body)).not.toContain(id);
    expect((await roster(id)).map((r) => r.username)).not.toContain('joined_during');
    await move(id, { endsAt: new Date(Date.now() - MIN), checkInClosesAt: new Date(Date.now() - MIN) });
    const closed = await roster(id);
    expect(closed.map((r) => r.username).sort()).toEqual(['officer_a', 'officer_a2']);
    const joined = await api.t.dataSource.getRepository(SessionEnrolment).find({ where: { sessionId: id } });
    expect(joined).toHaveLength(2);
  });
});
