import request from 'supertest';
import { Assignment } from '../src/assignments/entities/assignment.entity';
import { endOfBureauDayOf } from '../src/common/time/bureau-time';
import { Certificate } from '../src/completions/entities/certificate.entity';
import { CourseCompletion } from '../src/completions/entities/course-completion.entity';
import { CreditEntry } from '../src/completions/entities/credit-entry.entity';
import { Lesson } from '../src/content/entities/lesson.entity';
import { LessonProgress } from '../src/completions/entities/lesson-progress.entity';
import { OutboxEvent } from '../src/outbox/entities/outbox-event.entity';
import { OutboxRelayService } from '../src/scoring/outbox-relay.service';
import { OutboxService } from '../src/outbox/outbox.service';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

const DAY = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

describe('Course completion (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const complete = (who: string, lessonId: string) =>
    request(t.http).post(`/api/lessons/${lessonId}/complete`).set(auth(who));
  const rowCounts = async () => ({
    progress: await t.dataSource.getRepository(LessonProgress).count(),
    completions: await t.dataSource.getRepository(CourseCompletion).count(),
    credits: await t.dataSource.getRepository(CreditEntry).count(),
    certificates: await t.dataSource.getRepository(Certificate).count(),
    outbox: await t.dataSource.getRepository(OutboxEvent).count(),
  });

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(OutboxRelayService).pause(); // these tests read events before the scoring relay publishes them
    org = await createOrganisation(t.dataSource);
    for (const name of ['trainer', 'manager', 'officer_a', 'officer_a2', 'officer_b']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
  }, 60_000);
  afterAll(() => t.close());

  describe('a course completed by reading every lesson', () => {
    let course: Awaited<ReturnType<typeof createCourseWithLessons>>['course'];
    let lessons: Awaited<ReturnType<typeof createCourseWithLessons>>['lessons'];
    let assignmentId: string;
    let code: string;

    beforeAll(async () => {
      ({ course, lessons } = await createCourseWithLessons(t.dataSource, 2, {
        creditHours: 1.5,
        validityMonths: 12,
      }));
      const res = await request(t.http)
        .post('/api/assignments')
        .set(auth('trainer'))
        .send({ courseId: course.id, userIds: [org.users.officerA.id], dueAt: inDays(10).toISOString() })
        .expect(201);
      assignmentId = res.body.id;
    });

    it('should record a read lesson without completing the course while lessons remain', async () => {
      const res = await complete('officer_a', lessons[0].id).expect(200);
      expect(res.body).toEqual({
        lessonId: lessons[0].id,
        courseCompleted: false,
        newlyCompleted: false,
        certificateCode: null,
      });
      expect(
        await t.dataSource.getRepository(CourseCompletion).countBy({ userId: org.users.officerA.id }),
      ).toBe(0);
    });

    it('should write progress, completion, 学时, certificate and outbox event together when the last lesson is read', async () => {
      const res = await complete('officer_a', lessons[1].id).expect(200);
      expect(res.body).toMatchObject({
        courseCompleted: true,
        newlyCompleted: true,
        certificateCode: expect.stringMatching(/^[2-9A-HJ-NP-Z]{10}$/),
      });
      code = res.body.certificateCode;

      const userId = org.users.officerA.id;
      expect(await t.dataSource.getRepository(LessonProgress).countBy({ userId })).toBe(2);
      const [completion] = await t.dataSource
        .getRepository(CourseCompletion)
        .findBy({ userId, courseId: course.id });
      expect(completion.creditHours).toBe(1.5);
      const validDays = (completion.expiresAt!.getTime() - completion.completedAt.getTime()) / DAY;
      expect(validDays).toBeGreaterThanOrEqual(365); // validityMonths: 12
      expect(validDays).toBeLessThanOrEqual(366);

      const credit = await t.dataSource
        .getRepository(CreditEntry)
        .findOneByOrFail({ userId, sourceType: 'course', sourceId: completion.id });
      expect(credit.hours).toBe(1.5);
      const certificate = await t.dataSource
        .getRepository(Certificate)
        .findOneByOrFail({ completionId: completion.id });
      expect(certificate).toMatchObject({ code, userId, courseId: course.id });
      expect(certificate.expiresAt).toEqual(completion.expiresAt);

      const events = (
        await t.dataSource.getRepository(OutboxEvent).findBy({ type: 'course.completed' })
      ).filter((e) => (JSON.parse(e.payload) as { userId: string }).userId === userId);
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].payload)).toEqual({
        userId,
        courseId: course.id,
        completionId: completion.id,
        completedAt: completion.completedAt.toISOString(),
      });
      expect(events[0]).toMatchObject({ publishedAt: null, attempts: 0 });
      expect((await t.app.get(OutboxService).unpublished()).map((e) => e.id)).toContain(events[0].id);
    });

    it('should write nothing new when a lesson of a completed course is marked again', async () => {
      const before = await rowCounts();
      for (const lesson of lessons) {
        const res = await complete('officer_a', lesson.id).expect(200);
        expect(res.body).toEqual({
          lessonId: lesson.id,
          courseCompleted: true,
          newlyCompleted: false,
          certificateCode: code,
        });
      }
      expect(await rowCounts()).toEqual(before);
    });

    it('should show the assignment as completed with the progress and the yearly 学时', async () => {
      const mine = await request(t.http).get('/api/me/assignments').set(auth('officer_a')).expect(200);
      expect(
        mine.body.items.find((a: { assignmentId: string }) => a.assignmentId === assignmentId),
      ).toMatchObject({ status: 'completed', lessonsRead: 2, lessonsTotal: 2 });
      const credits = await request(t.http).get('/api/me/credits').set(auth('officer_a')).expect(200);
      expect(credits.body).toMatchObject({
        totalHours: 1.5,
        entries: [expect.objectContaining({ sourceType: 'course', hours: 1.5, title: course.title })],
      });
      expect(credits.body.year).toBe(
        Number(
          new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
        ),
      );
      const old = await request(t.http).get('/api/me/credits?year=2001').set(auth('officer_a')).expect(200);
      expect(old.body).toEqual({ year: 2001, totalHours: 0, entries: [] });
      expect(
        (await request(t.http).get('/api/me/credits?year=abc').set(auth('officer_a')).expect(400)).body.code,
      ).toBe('VALIDATION.FAILED');
      const certificates = await request(t.http)
        .get('/api/me/certificates')
        .set(auth('officer_a'))
        .expect(200);
      expect(certificates.body).toMatchObject({
        total: 1,
        items: [{ code, courseId: course.id, status: 'valid', verifyPath: `/verify/${code}` }],
      });
    });

    it('should verify the certificate publicly without signing in, showing 有效 and nothing more personal', async () => {
      const page = await request(t.http).get(`/verify/${code}`).expect(200).expect('Content-Type', /html/);
      expect(page.text).toContain('有效');
      expect(page.text).toContain(org.users.officerA.name);
      expect(page.text).toContain(course.title);
      expect(page.text).not.toContain(org.units.streetA.name);
      const lower = await request(t.http).get(`/verify/${code.toLowerCase()}`).expect(200);
      expect(lower.text).toContain('有效');
      const api = await request(t.http).get(`/api/verify/${code}`).expect(200);
      expect(api.body).toMatchObject({
        status: 'valid',
        code,
        name: org.users.officerA.name,
        courseTitle: course.title,
      });
      expect(api.body).not.toHaveProperty('userId');
    });

    it('should answer an unknown code with a clear not-found page', async () => {
      const page = await request(t.http).get('/verify/ABCDEFGHJK').expect(404).expect('Content-Type', /html/);
      expect(page.text).toContain('未找到');
      await request(t.http).get('/verify/%3Cscript%3E').expect(404);
      expect((await request(t.http).get('/api/verify/ABCDEFGHJK').expect(200)).body).toEqual({
        status: 'unknown',
        code: 'ABCDEFGHJK',
      });
    });

    it('should show the printable certificate to the owner, a manager in scope and trainers only', async () => {
      const { id } = await t.dataSource.getRepository(Certificate).findOneByOrFail({ code });
      const page = await request(t.http).get(`/certificates/${id}`).set(auth('officer_a')).expect(200);
      for (const text of [
        org.users.officerA.name,
        org.units.streetA.name,
        course.title,
        code,
        `/verify/${code}`,
        '1.5',
        '@media print',
      ]) {
        expect(page.text).toContain(text);
      }
      expect(page.text).toMatch(
        /data-testid="certificate-qr"[^>]*><svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
      );
      await request(t.http).get(`/certificates/${id}`).set(auth('manager')).expect(200);
      await request(t.http).get(`/certificates/${id}`).set(auth('trainer')).expect(200);
      await request(t.http).get(`/certificates/${id}`).set(auth('officer_b')).expect(404);
    });

    it('should re-open the assignment as pending with a grace period when the completion expires, and overdue after it', async () => {
      const userId = org.users.officerA.id;
      const expiredAt = inDays(-1);
      await t.dataSource
        .getRepository(CourseCompletion)
        .update({ userId, courseId: course.id }, { expiresAt: expiredAt });
      await t.dataSource.getRepository(Certificate).update({ code }, { expiresAt: expiredAt });

      const mine = await request(t.http).get('/api/me/assignments').set(auth('officer_a')).expect(200);
      const row = mine.body.items.find((a: { assignmentId: string }) => a.assignmentId === assignmentId);
      expect(row).toMatchObject({ status: 'pending', lessonsRead: 0, lessonsTotal: 2 });
      // RECERT_GRACE_DAYS default 30; due at the end of that day in Beijing, like every due date
      expect(row.dueAt).toBe(endOfBureauDayOf(new Date(expiredAt.getTime() + 30 * DAY)).toISOString());
      expect((await request(t.http).get(`/api/verify/${code}`).expect(200)).body.status).toBe('expired');

      await t.dataSource
        .getRepository(CourseCompletion)
        .update({ userId, courseId: course.id }, { expiresAt: inDays(-40) });
      await t.dataSource.getRepository(Assignment).update({ id: assignmentId }, { dueAt: inDays(-2) });
      const later = await request(t.http).get('/api/me/assignments').set(auth('officer_a')).expect(200);
      expect(
        later.body.items.find((a: { assignmentId: string }) => a.assignmentId === assignmentId).status,
      ).toBe('overdue');
    });

    it('should recertify when the officer reads the lessons again after expiry', async () => {
      const first = await complete('officer_a', lessons[0].id).expect(200);
      expect(first.body.courseCompleted).toBe(false);
      const second = await complete('officer_a', lessons[1].id).expect(200);
      expect(second.body).toMatchObject({ courseCompleted: true, newlyCompleted: true });
      expect(second.body.certificateCode).not.toBe(code);
      expect(
        await t.dataSource
          .getRepository(CourseCompletion)
          .countBy({ userId: org.users.officerA.id, courseId: course.id }),
      ).toBe(2);
      const credits = await request(t.http).get('/api/me/credits').set(auth('officer_a')).expect(200);
      expect(credits.body.totalHours).toBe(3);
      const mine = await request(t.http).get('/api/me/assignments').set(auth('officer_a')).expect(200);
      expect(
        mine.body.items.find((a: { assignmentId: string }) => a.assignmentId === assignmentId).status,
      ).toBe('completed');
    });
  });

  it('should count a still-valid completion made before the assignment', async () => {
    const { course, lessons } = await createCourseWithLessons(t.dataSource, 1);
    await complete('officer_a2', lessons[0].id).expect(200);
    const res = await request(t.http)
      .post('/api/assignments')
      .set(auth('trainer'))
      .send({ courseId: course.id, userIds: [org.users.officerA2.id], dueAt: inDays(5).toISOString() })
      .expect(201);
    const mine = await request(t.http).get('/api/me/assignments').set(auth('officer_a2')).expect(200);
    expect(mine.body.items.find((a: { assignmentId: string }) => a.assignmentId === res.body.id).status).toBe(
      'completed',
    );
  });

  it('should complete a course exactly once when its last lessons are read at the same time', async () => {
    const { course, lessons } = await createCourseWithLessons(t.dataSource, 3);
    await complete('officer_a2', lessons[0].id).expect(200);
    const results = await Promise.all(
      [1, 2, 1, 2, 1, 2].map((i) =>
        complete('officer_a2', lessons[i].id).then((res) => res.body as { newlyCompleted: boolean }),
      ),
    );
    expect(results.filter((r) => r.newlyCompleted)).toHaveLength(1);
    const userId = org.users.officerA2.id;
    const [completion, ...more] = await t.dataSource
      .getRepository(CourseCompletion)
      .findBy({ userId, courseId: course.id });
    expect(more).toEqual([]);
    expect(await t.dataSource.getRepository(CreditEntry).countBy({ userId, sourceId: completion.id })).toBe(
      1,
    );
    expect(await t.dataSource.getRepository(Certificate).countBy({ userId, courseId: course.id })).toBe(1);
    const events = await t.dataSource.getRepository(OutboxEvent).findBy({ type: 'course.completed' });
    expect(
      events.filter((e) => (JSON.parse(e.payload) as { courseId: string }).courseId === course.id),
    ).toHaveLength(1);
  });

  it('should not expire a course whose validity is 0 months', async () => {
    const { course, lessons } = await createCourseWithLessons(t.dataSource, 1, { validityMonths: 0 });
    await complete('officer_b', lessons[0].id).expect(200);
    const completion = await t.dataSource
      .getRepository(CourseCompletion)
      .findOneByOrFail({ userId: org.users.officerB.id, courseId: course.id });
    expect(completion.expiresAt).toBeNull();
  });

  it('should write none of the rows when one of them cannot be written', async () => {
    const { course, lessons } = await createCourseWithLessons(t.dataSource, 1);
    const spy = jest.spyOn(OutboxService.prototype, 'append').mockRejectedValueOnce(new Error('outbox down'));
    try {
      await complete('officer_b', lessons[0].id).expect(500);
    } finally {
      spy.mockRestore();
    }
    const userId = org.users.officerB.id;
    expect(
      await t.dataSource.getRepository(LessonProgress).countBy({ userId, lessonId: lessons[0].id }),
    ).toBe(0);
    expect(await t.dataSource.getRepository(CourseCompletion).countBy({ userId, courseId: course.id })).toBe(
      0,
    );
    expect(await t.dataSource.getRepository(Certificate).countBy({ userId, courseId: course.id })).toBe(0);
    await complete('officer_b', lessons[0].id).expect(200);
    expect(await t.dataSource.getRepository(CourseCompletion).countBy({ userId, courseId: course.id })).toBe(
      1,
    );
  });

  it('should refuse lesson completion to non-officers and for unknown or retired lessons', async () => {
    const { lessons } = await createCourseWithLessons(t.dataSource, 2);
    await complete('trainer', lessons[0].id).expect(403);
    expect((await complete('officer_b', 'no-such-lesson').expect(404)).body.code).toBe('LESSON.NOT_FOUND');
    await t.dataSource.getRepository(Lesson).update({ id: lessons[1].id }, { retiredAt: new Date() });
    await complete('officer_b', lessons[1].id).expect(404);
  });
});
