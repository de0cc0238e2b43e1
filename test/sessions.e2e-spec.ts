import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { CreditEntry } from '../src/completions/entities/credit-entry.entity';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { checkInCode, slotOf } from '../src/sessions/check-in-code';
import { SessionEnrolment } from '../src/sessions/entities/session-parts.entity';
import { TrainingSession } from '../src/sessions/entities/training-session.entity';
import { createUnit, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin } from './utils/create-test-app';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { pageLogin } from './utils/page-session';
import { obliterateQueues } from './utils/queues';

const MIN = 60_000;
const iso = (offsetMinutes: number) => new Date(Date.now() + offsetMinutes * MIN).toISOString();

describe('sessions, enrolment and attendance (e2e)', () => {
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

  /**
   * A session already under way cannot be created (SESSION.START_IN_PAST): one asked for with a past
   * start is created ahead, every time shifted by the same amount, and then moved back, as time would.
   */
  const create = async (body: Record<string, unknown>) => {
    const wanted: Record<string, unknown> = {
      title: '条例专题培训',
      kind: 'classroom',
      startsAt: iso(5),
      endsAt: iso(125),
      unitIds: [api.org.units.streetA.id],
      creditHours: 2,
      ...body,
    };
    const times = ['startsAt', 'endsAt', 'checkInClosesAt'].filter((k) => typeof wanted[k] === 'string');
    const shift = Math.max(0, Date.now() + 5 * MIN - Date.parse(wanted.startsAt as string));
    const sent = { ...wanted };
    for (const k of times) sent[k] = new Date(Date.parse(wanted[k] as string) + shift).toISOString();
    const res = await request(http).post('/api/sessions').set(api.as('trainer')).send(sent);
    expect(res.status).toBe(201);
    if (shift > 0) {
      await api.t.dataSource
        .getRepository(TrainingSession)
        .update(
          { id: res.body.id },
          Object.fromEntries(times.map((k) => [k, new Date(wanted[k] as string)])),
        );
    }
    return res.body as { id: string; enrolled: number; waitlisted: number };
  };
  const currentCode = async (id: string) =>
    (await request(http).get(`/api/sessions/${id}/check-in-code`).set(api.as('trainer')).expect(200)).body
      .code as string;
  const roster = async (id: string) =>
    (await request(http).get(`/api/sessions/${id}/attendance`).set(api.as('trainer')).expect(200)).body
      .items as Array<Record<string, unknown>>;
  const secretOf = async (id: string) =>
    (
      await api.t.dataSource
        .getRepository(TrainingSession)
        .findOneOrFail({ where: { id }, select: { id: true, codeSecret: true } })
    ).codeSecret;

  describe('enrolment', () => {
    it('should enrol the officers of the target unit and its subtree only', async () => {
      const s = await create({});
      const names = (await roster(s.id)).map((r) => r.username).sort();
      expect(names).toEqual(['officer_a', 'officer_a2']);
      const other = await create({ includeSubtree: false });
      expect((await roster(other.id)).map((r) => r.username)).toEqual(['officer_a']);
      // officer B (another street) neither sees nor reaches the session
      await request(http).get(`/api/sessions/${s.id}`).set(api.as('officerB')).expect(404);
      await request(http).get(`/api/sessions/${s.id}`).set(api.as('officerA')).expect(200);
      // a manager sees the sessions reaching their subtree, and only their subtree's part of the roster
      const both = await create({ unitIds: [api.org.units.streetA.id, api.org.units.streetB.id] });
      const managerRoster = await request(http)
        .get(`/api/sessions/${both.id}/attendance`)
        .set(api.as('manager'))
        .expect(200);
      expect(managerRoster.body.items.map((r: { username: string }) => r.username).sort()).toEqual([
        'officer_a',
        'officer_a2',
      ]);
      const onlyB = await create({ unitIds: [api.org.units.streetB.id] });
      await request(http).get(`/api/sessions/${onlyB.id}`).set(api.as('manager')).expect(404);
      await request(http)
        .put(`/api/sessions/${both.id}/attendance`)
        .set(api.as('manager'))
        .send({ records: [{ userId: api.org.users.officerA.id, status: 'present' }] })
        .expect(403);
    });

    it('should enrol an officer who joins a target unit later', async () => {
      const s = await create({ title: '后加入人员培训', unitIds: [api.org.units.streetB.id] });
      const newCommunity = await createUnit(
        api.t.dataSource,
        '乙街道新社区',
        'office',
        api.org.units.streetB,
      );
      await createUser(api.t.dataSource, newCommunity, 'officer', { username: 'late_joiner' });
      const token = await apiLogin(http, 'late_joiner', TEST_PASSWORD);
      const mine = await request(http)
        .get('/api/me/sessions')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(mine.body.upcoming.map((x: { id: string }) => x.id)).toContain(s.id);
      expect((await roster(s.id)).map((r) => r.username)).toContain('late_joiner');
    });

    it('should put officers past the capacity on the waiting list and promote on an approved excuse', async () => {
      const s = await create({ capacity: 1, startsAt: iso(120), endsAt: iso(240) });
      expect(s).toMatchObject({ enrolled: 1, waitlisted: 1 });
      const rows = await roster(s.id);
      expect(rows.map((r) => [r.username, r.state])).toEqual([
        ['officer_a', 'enrolled'],
        ['officer_a2', 'waitlisted'],
      ]);
      const enrolled = rows[0] as { username: string; userId: string };
      const waiting = rows[1] as { username: string; userId: string };
      const who = enrolled.username === 'officer_a' ? 'officerA' : null;
      const token = who ? null : await apiLogin(http, enrolled.username, TEST_PASSWORD);
      const auth = who ? api.as('officerA') : { Authorization: `Bearer ${token}` };

      await request(http).post(`/api/sessions/${s.id}/excuses`).set(auth).send({ reason: '' }).expect(400);
      const excuse = await request(http)
        .post(`/api/sessions/${s.id}/excuses`)
        .set(auth)
        .send({ reason: '当天值班接访' })
        .expect(201);
      await request(http)
        .post(`/api/sessions/${s.id}/excuses`)
        .set(auth)
        .send({ reason: '再次申请' })
        .expect(409);
      await request(http)
        .post(`/api/sessions/${s.id}/excuses/${excuse.body.id}/decision`)
        .set(api.as('officerA'))
        .send({ approve: true })
        .expect(403);
      await request(http)
        .post(`/api/sessions/${s.id}/excuses/${excuse.body.id}/decision`)
        .set(api.as('trainer'))
        .send({ approve: true })
        .expect(200);

      const after = await roster(s.id);
      expect(after.find((r) => r.userId === enrolled.userId)).toMatchObject({ status: 'excused' });
      const decided = await request(http).get('/api/me/notifications').set(auth).expect(200);
      expect(
        decided.body.items.some(
          (n: { sourceId: string; title: string }) => n.sourceId === s.id && n.title.startsWith('请假已批准'),
        ),
      ).toBe(true);
      expect(after.find((r) => r.userId === waiting.userId)).toMatchObject({ state: 'enrolled' });
      const promoted = await apiLogin(http, waiting.username, TEST_PASSWORD);
      const inbox = await request(http)
        .get('/api/me/notifications')
        .set('Authorization', `Bearer ${promoted}`)
        .expect(200);
      const titles = inbox.body.items
        .filter((n: { sourceId: string }) => n.sourceId === s.id)
        .map((n: { title: string }) => n.title);
      expect(titles).toEqual(
        expect.arrayContaining([expect.stringMatching(/^已进入候补/), expect.stringMatching(/^候补转正/)]),
      );
    });

    it('should promote from the waiting list when the trainer takes someone off', async () => {
      const s = await create({ capacity: 1, startsAt: iso(120), endsAt: iso(240) });
      const { officerA, officerA2 } = api.org.users;
      await request(http)
        .post(`/api/sessions/${s.id}/enrolments/${officerA.id}/cancel`)
        .set(api.as('officerA'))
        .expect(403);
      await request(http)
        .post(`/api/sessions/${s.id}/enrolments/${officerA.id}/cancel`)
        .set(api.as('trainer'))
        .expect(204);
      await request(http)
        .post(`/api/sessions/${s.id}/enrolments/${officerA.id}/cancel`)
        .set(api.as('trainer'))
        .expect(404);
      const rows = await roster(s.id);
      expect(rows.map((r) => [r.userId, r.state])).toEqual([[officerA2.id, 'enrolled']]);
      await request(http).get(`/api/sessions/${s.id}`).set(api.as('officerA')).expect(404);
    });

    it('should fill every freed place when the trainer takes several people off at once', async () => {
      const unit = await createUnit(api.t.dataSource, '名额并发测试科', 'office', api.org.units.streetB);
      for (let i = 1; i <= 8; i++) {
        await createUser(api.t.dataSource, unit, 'officer', { username: `cap_race_${i}` });
      }
      const s = await create({
        title: '名额并发',
        capacity: 2,
        unitIds: [unit.id],
        startsAt: iso(120),
        endsAt: iso(240),
      });
      expect([s.enrolled, s.waitlisted]).toEqual([2, 6]);
      for (let round = 0; round < 3; round++) {
        const enrolled = (await roster(s.id))
          .filter((r) => r.state === 'enrolled')
          .map((r) => r.userId as string);
        expect(enrolled).toHaveLength(2);
        // Both places freed at the same moment: each must go to a different officer from the waiting list.
        await Promise.all(
          enrolled.map((userId) =>
            request(http)
              .post(`/api/sessions/${s.id}/enrolments/${userId}/cancel`)
              .set(api.as('trainer'))
              .expect(204),
          ),
        );
      }
      const rows = await roster(s.id);
      expect(
        rows
          .filter((r) => r.state === 'enrolled')
          .map((r) => r.username)
          .sort(),
      ).toEqual(['cap_race_7', 'cap_race_8']);
    });

    it('should refuse an excuse after the start', async () => {
      const s = await create({ startsAt: iso(-5) });
      await request(http)
        .post(`/api/sessions/${s.id}/excuses`)
        .set(api.as('officerA'))
        .send({ reason: '临时有事' })
        .expect(409);
    });
  });

  describe('self check-in', () => {
    it('should mark present with the current code, and refuse the same code again', async () => {
      const s = await create({ startsAt: iso(5) });
      const code = await currentCode(s.id);
      const res = await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code })
        .expect(200);
      expect(res.body.status).toBe('present');
      const replay = await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code })
        .expect(409);
      expect(replay.body.code).toMatch(/^CHECKIN\.(CODE_REUSED|ALREADY_CHECKED_IN)$/);
      expect((await roster(s.id)).find((r) => r.username === 'officer_a')).toMatchObject({
        status: 'present',
      });
    });

    it('should mark late after the start plus grace', async () => {
      const s = await create({ startsAt: iso(-20), lateGraceMinutes: 10 });
      const res = await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: await currentCode(s.id) })
        .expect(200);
      expect(res.body.status).toBe('late');
    });

    it('should refuse too early and too late', async () => {
      const early = await create({ startsAt: iso(120), endsAt: iso(180), checkInOpensMinutes: 30 });
      const tooEarly = await request(http)
        .post(`/api/sessions/${early.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: await currentCode(early.id) })
        .expect(409);
      expect(tooEarly.body.code).toBe('CHECKIN.NOT_OPEN');
      const late = await create({ startsAt: iso(-60), endsAt: iso(60), checkInClosesAt: iso(-30) });
      const tooLate = await request(http)
        .post(`/api/sessions/${late.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: await currentCode(late.id) })
        .expect(409);
      expect(tooLate.body.code).toBe('CHECKIN.CLOSED');
    });

    it('should hold off an officer after 5 wrong codes (429 even with the right code), audit it, and leave others alone', async () => {
      const s = await create({});
      const code = await currentCode(s.id);
      const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 5; i++) {
        const w = await request(http)
          .post(`/api/sessions/${s.id}/check-in`)
          .set(api.as('officerA'))
          .send({ code: wrong })
          .expect(400);
        expect(w.body.code).toBe('CHECKIN.WRONG_CODE');
      }
      const held = await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: await currentCode(s.id) })
        .expect(429);
      expect(held.body.code).toBe('CHECKIN.TOO_MANY_ATTEMPTS');
      expect(held.body.retryAfterSeconds).toBeGreaterThan(0);
      expect(held.headers['retry-after']).toBeDefined();
      expect(held.body.message).toContain('分钟后再试');
      expect((await roster(s.id)).find((r) => r.username === 'officer_a')?.status).toBeNull();
      // another officer of the same session is not affected
      const otherToken = await apiLogin(http, 'officer_a2', TEST_PASSWORD);
      await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set({ Authorization: `Bearer ${otherToken}` })
        .send({ code: await currentCode(s.id) })
        .expect(200);
      const audits = await api.t.dataSource.getRepository(AuditLog).findBy({ entityId: s.id });
      const actions = audits.map((a) => a.action);
      expect(actions.filter((a) => a === 'session.checkin.wrong_code')).toHaveLength(1);
      expect(actions.filter((a) => a === 'session.checkin.throttled')).toHaveLength(1);
    });

    it('should refuse wrong, expired and other sessions’ codes with 400', async () => {
      const s = await create({});
      const other = await create({});
      const code = await currentCode(s.id);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const w = await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: wrong })
        .expect(400);
      expect(w.body.code).toBe('CHECKIN.WRONG_CODE');
      const expired = checkInCode(await secretOf(s.id), s.id, slotOf(new Date()) - 3);
      const e = await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: expired })
        .expect(400);
      expect(e.body.code).toBe('CHECKIN.CODE_EXPIRED');
      const cross = await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: await currentCode(other.id) });
      expect(cross.status).toBe(400);
      await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: 'abc' })
        .expect(400);
      expect((await roster(s.id)).find((r) => r.username === 'officer_a')?.status).toBeNull();
    });

    it('should refuse an officer who is not enrolled', async () => {
      const s = await create({});
      const res = await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerB'))
        .send({ code: await currentCode(s.id) });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('SESSION.NOT_FOUND');
      const full = await create({ capacity: 1 });
      const waiting = (await roster(full.id)).find((r) => r.state === 'waitlisted') as { username: string };
      const token = await apiLogin(http, waiting.username, TEST_PASSWORD);
      const w = await request(http)
        .post(`/api/sessions/${full.id}/check-in`)
        .set('Authorization', `Bearer ${token}`)
        .send({ code: await currentCode(full.id) });
      expect(w.status).toBe(403);
      expect(w.body.code).toBe('CHECKIN.NOT_ENROLLED');
    });
  });

  describe('check-out (broadcasts)', () => {
    it('should record presence minutes and mark left_early below the minimum ratio', async () => {
      const s = await create({
        kind: 'broadcast',
        startsAt: iso(-5),
        endsAt: iso(115),
        lateGraceMinutes: 15,
        minPresenceRatio: 0.8,
      });
      await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: await currentCode(s.id) })
        .expect(200);
      const out = await request(http)
        .post(`/api/sessions/${s.id}/check-out`)
        .set(api.as('officerA'))
        .expect(200);
      expect(out.body).toMatchObject({ status: 'left_early', presenceMinutes: 0 });
      await request(http).post(`/api/sessions/${s.id}/check-out`).set(api.as('officerA')).expect(409);
    });

    it('should keep present when the officer stayed long enough', async () => {
      const s = await create({
        kind: 'broadcast',
        startsAt: iso(-60),
        endsAt: iso(5),
        lateGraceMinutes: 90,
        minPresenceRatio: 0.8,
      });
      await request(http)
        .post(`/api/sessions/${s.id}/check-in`)
        .set(api.as('officerA'))
        .send({ code: await currentCode(s.id) })
        .expect(200);
      // the officer actually arrived at the start: set the check-in time as a scanner would have an hour ago
      const start = (await api.t.dataSource.getRepository(TrainingSession).findOneByOrFail({ id: s.id }))
        .startsAt;
      await api.t.dataSource
        .getRepository(SessionEnrolment)
        .update({ sessionId: s.id, userId: api.org.users.officerA.id }, { checkedInAt: start });
      const out = await request(http)
        .post(`/api/sessions/${s.id}/check-out`)
        .set(api.as('officerA'))
        .expect(200);
      expect(out.body.status).toBe('present');
      expect(out.body.presenceMinutes).toBeGreaterThanOrEqual(59);
      expect((await roster(s.id)).find((r) => r.username === 'officer_a')).toMatchObject({
        presenceMinutes: out.body.presenceMinutes,
      });
    });
  });

  describe('bulk marking and closing', () => {
    it('should audit every change with who, old → new and why, and refuse officers', async () => {
      const s = await create({});
      const { officerA, officerA2 } = api.org.users;
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('officerA'))
        .send({ records: [{ userId: officerA.id, status: 'present' }] })
        .expect(403);
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('trainer'))
        .send({ records: [{ userId: api.org.users.officerB.id, status: 'present' }] })
        .expect(400);
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('trainer'))
        .send({ records: [{ userId: officerA.id, status: 'maybe' }] })
        .expect(400);
      const res = await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('trainer'))
        .send({
          records: [
            { userId: officerA.id, status: 'present' },
            { userId: officerA2.id, status: 'absent', remark: '未到场' },
          ],
          reason: '按纸质签到表补登',
        })
        .expect(200);
      expect(res.body.changed).toBe(2);
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('trainer'))
        .send({ records: [{ userId: officerA.id, status: 'late', remark: '迟到 20 分钟' }] })
        .expect(200);
      const logs = await api.t.dataSource
        .getRepository(AuditLog)
        .find({ where: { action: 'attendance.mark' }, order: { createdAt: 'ASC' } });
      const forA = logs.filter(
        (l) => JSON.stringify(l.after).includes(s.id) && JSON.stringify(l.after).includes(officerA.id),
      );
      expect(forA).toHaveLength(2);
      expect(forA[0]).toMatchObject({ actorUsername: 'trainer' });
      expect(forA[0].before).toMatchObject({ status: null });
      expect(forA[0].after).toMatchObject({ status: 'present', reason: '按纸质签到表补登' });
      expect(forA[1].before).toMatchObject({ status: 'present' });
      expect(forA[1].after).toMatchObject({ status: 'late', remark: '迟到 20 分钟' });
    });

    it('should mark unmarked officers absent at closing and write 学时 and outbox rows once', async () => {
      const s = await create({ startsAt: iso(-90), endsAt: iso(30), creditHours: 3 });
      const { officerA, officerA2 } = api.org.users;
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('trainer'))
        .send({ records: [{ userId: officerA.id, status: 'late' }] })
        .expect(200);
      // the session ends: move its end into the past, as time would
      await api.t.dataSource
        .getRepository(TrainingSession)
        .update(
          { id: s.id },
          { endsAt: new Date(Date.now() - MIN), checkInClosesAt: new Date(Date.now() - MIN) },
        );
      const rows = await roster(s.id); // a read closes lazily
      expect(rows.find((r) => r.userId === officerA.id)?.status).toBe('late');
      expect(rows.find((r) => r.userId === officerA2.id)?.status).toBe('absent');
      await roster(s.id);
      const credits = await api.t.dataSource
        .getRepository(CreditEntry)
        .find({ where: { sourceType: 'session', sourceId: s.id } });
      expect(credits.map((c) => [c.userId, c.hours])).toEqual([[officerA.id, 3]]);
      const events = (
        await api.t.dataSource.getRepository(OutboxEvent).find({ where: { type: 'attendance.recorded' } })
      )
        .map(
          (e) =>
            JSON.parse(e.payload) as {
              sessionId: string;
              userId: string;
              status: string;
              creditHours: number;
            },
        )
        .filter((p) => p.sessionId === s.id);
      expect(events).toHaveLength(2);
      expect(events.find((e) => e.userId === officerA.id)).toMatchObject({ status: 'late', creditHours: 3 });
      expect(events.find((e) => e.userId === officerA2.id)).toMatchObject({
        status: 'absent',
        creditHours: 0,
      });
      const mine = await request(http).get('/api/me/sessions').set(api.as('officerA')).expect(200);
      expect(mine.body.history.find((h: { id: string }) => h.id === s.id)).toMatchObject({
        attendance: 'late',
        earnedHours: 3,
      });
      // a correction after closing is final at once: the hours follow the record
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('trainer'))
        .send({
          records: [{ userId: officerA2.id, status: 'present', remark: '补登' }],
          reason: '核对签到表',
        })
        .expect(200);
      expect(
        await api.t.dataSource
          .getRepository(CreditEntry)
          .count({ where: { sourceType: 'session', sourceId: s.id } }),
      ).toBe(2);
    });
  });

  describe('attendance per unit', () => {
    it('should count final records and 学时 per officer of a unit subtree, within the manager’s scope', async () => {
      const s = await create({ startsAt: iso(-170), endsAt: iso(30), creditHours: 1.5 }); // alone in its period
      const { officerA, officerA2 } = api.org.users;
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('trainer'))
        .send({ records: [{ userId: officerA2.id, status: 'present' }] })
        .expect(200);
      await api.t.dataSource
        .getRepository(TrainingSession)
        .update(
          { id: s.id },
          { endsAt: new Date(Date.now() - MIN), checkInClosesAt: new Date(Date.now() - MIN) },
        );
      await roster(s.id);
      const community = await request(http)
        .get(
          `/api/sessions/attendance-report?unitId=${api.org.units.communityA.id}&from=${iso(-175)}&to=${iso(-165)}`,
        )
        .set(api.as('manager'))
        .expect(200);
      expect(community.body.officers.map((o: { username: string }) => o.username)).toEqual(['officer_a2']);
      expect(community.body.officers[0]).toMatchObject({ sessions: 1, present: 1, hours: 1.5 });
      const street = await request(http)
        .get(
          `/api/sessions/attendance-report?unitId=${api.org.units.streetA.id}&from=${iso(-175)}&to=${iso(-165)}`,
        )
        .set(api.as('trainer'))
        .expect(200);
      expect(street.body.officers.find((o: { userId: string }) => o.userId === officerA.id)).toMatchObject({
        sessions: 1,
        absent: 1,
        hours: 0,
      });
      await request(http)
        .get(`/api/sessions/attendance-report?unitId=${api.org.units.streetB.id}`)
        .set(api.as('manager'))
        .expect(404);
      await request(http).get('/api/sessions/attendance-report').set(api.as('officerA')).expect(403);
    });
  });

  describe('venues', () => {
    it('should let a venue coordinator mark only their venue', async () => {
      const { officerA, officerA2, officerDept } = api.org.users;
      const s = await create({
        kind: 'broadcast',
        unitIds: [api.org.units.streetA.id, api.org.units.dept.id],
        venues: [
          { name: '甲街道一社区分会场', unitId: api.org.units.communityA.id, coordinatorId: officerA.id },
          { name: '住建局分会场', unitId: api.org.units.dept.id, coordinatorId: api.org.users.trainer.id },
        ],
      });
      const mineAsCoordinator = await request(http)
        .get(`/api/sessions/${s.id}/attendance`)
        .set(api.as('officerA'))
        .expect(200);
      expect(mineAsCoordinator.body.items.map((r: { userId: string }) => r.userId)).toEqual([officerA2.id]);
      await request(http).get(`/api/sessions/${s.id}/check-in-code`).set(api.as('officerA')).expect(200);
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('officerA'))
        .send({ records: [{ userId: officerA2.id, status: 'present' }] })
        .expect(200);
      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('officerA'))
        .send({ records: [{ userId: officerDept.id, status: 'present' }] })
        .expect(403);
      await request(http).get(`/api/sessions/${s.id}/check-in-code`).set(api.as('officerB')).expect(404);
    });

    it('should refuse a venue coordinator marking their own attendance, on the API and the roster form; the trainer marks them', async () => {
      const { officerA2 } = api.org.users; // officer_a2 is in community A, so on the roster of the venue they coordinate
      const s = await create({
        kind: 'broadcast',
        unitIds: [api.org.units.streetA.id],
        venues: [
          { name: '甲街道一社区分会场', unitId: api.org.units.communityA.id, coordinatorId: officerA2.id },
        ],
      });
      const coordinator = { Authorization: `Bearer ${await apiLogin(http, 'officer_a2', TEST_PASSWORD)}` };
      const own = await request(http).get(`/api/sessions/${s.id}/attendance`).set(coordinator).expect(200);
      expect(own.body.items.map((r: { userId: string }) => r.userId)).toEqual([officerA2.id]);

      const refused = await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(coordinator)
        .send({ records: [{ userId: officerA2.id, status: 'present' }] })
        .expect(403);
      expect(refused.body).toMatchObject({
        code: 'ATTENDANCE.SELF_MARK',
        message: '不能为自己记录考勤，请由培训管理员记录',
      });
      const page = await pageLogin(http, 'officer_a2', TEST_PASSWORD);
      const form = await page.agent
        .post(`/trainer/sessions/${s.id}/attendance`)
        .type('form')
        .send({ _csrf: page.csrf, [`status.${officerA2.id}`]: 'present' })
        .expect(403);
      expect(form.text).toContain('不能为自己记录考勤，请由培训管理员记录');
      const row = await api.t.dataSource
        .getRepository(SessionEnrolment)
        .findOneByOrFail({ sessionId: s.id, userId: officerA2.id });
      expect(row.attendance).toBeNull();
      expect(
        await api.t.dataSource
          .getRepository(AuditLog)
          .countBy({ action: 'attendance.mark', entityId: row.id }),
      ).toBe(0);

      await request(http)
        .put(`/api/sessions/${s.id}/attendance`)
        .set(api.as('trainer'))
        .send({ records: [{ userId: officerA2.id, status: 'present' }] })
        .expect(200);
      expect(
        (await api.t.dataSource.getRepository(SessionEnrolment).findOneByOrFail({ id: row.id })).attendance,
      ).toBe('present');
    });
  });
});
