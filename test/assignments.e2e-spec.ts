import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Assignment } from '../src/assignments/entities/assignment.entity';
import { AssignmentTarget } from '../src/assignments/entities/assignment-target.entity';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

const DAY = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

describe('Assignments (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  const assign = (body: Record<string, unknown>, who = 'trainer') =>
    request(t.http).post('/api/assignments').set(auth(who)).send(body);
  const myAssignments = async (who: string) =>
    (await request(t.http).get('/api/me/assignments').set(auth(who)).expect(200)).body.items as Array<
      Record<string, unknown>
    >;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    for (const name of ['trainer', 'admin', 'manager', 'officer_a', 'officer_a2', 'officer_b', 'officer_d']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
  }, 60_000);
  afterAll(() => t.close());

  it('should show a unit assignment to the officers of the unit and its subtree, and not to officers elsewhere', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 2);
    const res = await assign({
      courseId: course.id,
      unitIds: [org.units.streetA.id],
      dueAt: inDays(30),
    }).expect(201);
    expect(res.body).toEqual({ id: expect.any(String), assignedCount: 2, mergedCount: 0 }); // officer_a and officer_a2, not the manager

    for (const who of ['officer_a', 'officer_a2']) {
      const mine = await myAssignments(who);
      expect(mine).toContainEqual(
        expect.objectContaining({
          assignmentId: res.body.id,
          courseId: course.id,
          courseTitle: course.title,
          status: 'pending',
          lessonsRead: 0,
          lessonsTotal: 2,
        }),
      );
    }
    expect((await myAssignments('officer_b')).map((a) => a.assignmentId)).not.toContain(res.body.id);
    expect((await myAssignments('officer_d')).map((a) => a.assignmentId)).not.toContain(res.body.id);
  });

  it('should give the assignment to an officer who joins the assigned unit later', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const res = await assign({
      courseId: course.id,
      unitIds: [org.units.streetA.id],
      dueAt: inDays(30),
    }).expect(201);
    await createUser(t.dataSource, org.units.communityA, 'officer', { username: 'newcomer' });
    const token = await apiLogin(t.http, 'newcomer', TEST_PASSWORD);
    const mine = await request(t.http)
      .get('/api/me/assignments')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(mine.body.items.map((a: { assignmentId: string }) => a.assignmentId)).toContain(res.body.id);
  });

  it('should reach only the unit itself when includeSubtree is false', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const res = await assign({
      courseId: course.id,
      unitIds: [org.units.streetA.id],
      includeSubtree: false,
      dueAt: inDays(30),
    }).expect(201);
    expect(res.body.assignedCount).toBe(1);
    expect((await myAssignments('officer_a')).map((a) => a.assignmentId)).toContain(res.body.id);
    expect((await myAssignments('officer_a2')).map((a) => a.assignmentId)).not.toContain(res.body.id);
  });

  it('should reach every officer when the officer role is given alone, and narrow unit targets to officers', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const unitOfficers = await assign({
      courseId: course.id,
      unitIds: [org.units.streetA.id],
      roles: ['officer'],
      dueAt: inDays(30),
    }).expect(201);
    expect((await myAssignments('officer_a')).map((a) => a.assignmentId)).toContain(unitOfficers.body.id);
    expect((await myAssignments('manager')).map((a) => a.assignmentId)).not.toContain(unitOfficers.body.id);

    const other = (await createCourseWithLessons(t.dataSource, 1)).course;
    const allOfficers = await assign({ courseId: other.id, roles: ['officer'], dueAt: inDays(30) }).expect(
      201,
    );
    const officerCount = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM users WHERE role = 'officer' AND disabled = false`,
    );
    expect(allOfficers.body.assignedCount).toBe(Number(officerCount[0].n));
    expect((await myAssignments('officer_d')).map((a) => a.assignmentId)).toContain(allOfficers.body.id);
  });

  // Defect 1: only officers can read-and-mark lessons, so only officers can be assigned a course.
  it('should refuse to assign a course to managers, trainers or admins, by role or by name', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    for (const role of ['manager', 'trainer', 'admin']) {
      const res = await assign({
        courseId: course.id,
        unitIds: [org.units.streetA.id],
        roles: [role],
        dueAt: inDays(30),
      }).expect(400);
      expect(res.body).toMatchObject({
        code: 'ASSIGNMENT.ROLE_NOT_LEARNER',
        errors: { roles: 'not_learner' },
      });
      await assign({ courseId: course.id, roles: [role], dueAt: inDays(30) }).expect(400);
    }
    const named = await assign({
      courseId: course.id,
      userIds: [org.users.manager.id, org.users.officerA.id],
      dueAt: inDays(30),
    }).expect(400);
    expect(named.body).toMatchObject({
      code: 'ASSIGNMENT.USER_NOT_LEARNER',
      errors: { userIds: 'not_learner' },
    });
    expect(named.body.message).toContain(org.users.manager.name);
  });

  it('should not show a course as 待完成 to a manager named in an assignment made before the rule', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const res = await assign({
      courseId: course.id,
      userIds: [org.users.officerA.id],
      dueAt: inDays(30),
    }).expect(201);
    // Data from before: a target naming the manager, and a role target for managers.
    await t.dataSource.getRepository(AssignmentTarget).insert([
      {
        id: randomUUID(),
        assignmentId: res.body.id,
        kind: 'user',
        unitId: null,
        includeSubtree: true,
        role: null,
        userId: org.users.manager.id,
      },
      {
        id: randomUUID(),
        assignmentId: res.body.id,
        kind: 'role',
        unitId: null,
        includeSubtree: true,
        role: 'manager',
        userId: null,
      },
    ]);
    expect(await myAssignments('manager')).toEqual([]);
    const page = await request(t.http)
      .get(`/api/assignments/${res.body.id}/status`)
      .set(auth('trainer'))
      .expect(200);
    expect(page.body.totals.assigned).toBe(1);
  });

  it('should assign named users and leave out disabled users', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const disabled = await createUser(t.dataSource, org.units.streetB, 'officer', { disabled: true });
    const res = await assign({
      courseId: course.id,
      userIds: [org.users.officerB.id, disabled.id],
      dueAt: inDays(30),
    }).expect(201);
    expect(res.body.assignedCount).toBe(1);
    expect((await myAssignments('officer_b')).map((a) => a.assignmentId)).toContain(res.body.id);
  });

  it('should mark the assignment overdue once the due date has passed', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const res = await assign({
      courseId: course.id,
      userIds: [org.users.officerDept.id],
      dueAt: inDays(7),
    }).expect(201);
    await t.dataSource
      .getRepository(Assignment)
      .update({ id: res.body.id }, { dueAt: new Date(Date.now() - DAY) });
    const mine = (await myAssignments('officer_d')).find((a) => a.assignmentId === res.body.id);
    expect(mine?.status).toBe('overdue');
    const status = await request(t.http)
      .get(`/api/assignments/${res.body.id}/status`)
      .set(auth('trainer'))
      .expect(200);
    expect(status.body.units).toEqual([
      { unitId: org.units.dept.id, unitName: org.units.dept.name, pending: 0, completed: 0, overdue: 1 },
    ]);
    expect(status.body.officers[0]).toMatchObject({
      userId: org.users.officerDept.id,
      username: org.users.officerDept.username,
      name: org.users.officerDept.name,
      unitName: org.units.dept.name,
      status: 'overdue',
    });
  });

  it('should report counts per unit to trainers, and only the own subtree to a manager', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const res = await assign({
      courseId: course.id,
      unitIds: [org.units.bureau.id],
      dueAt: inDays(30),
    }).expect(201);

    const full = await request(t.http)
      .get(`/api/assignments/${res.body.id}/status`)
      .set(auth('trainer'))
      .expect(200);
    const unitIds = full.body.units.map((u: { unitId: string }) => u.unitId);
    expect(unitIds).toEqual(
      expect.arrayContaining([
        org.units.streetA.id,
        org.units.communityA.id,
        org.units.streetB.id,
        org.units.dept.id,
      ]),
    );
    expect(full.body.totals.assigned).toBe(res.body.assignedCount);
    expect(full.body.assignment).toMatchObject({
      id: res.body.id,
      courseId: course.id,
      courseTitle: course.title,
    });

    const scoped = await request(t.http)
      .get(`/api/assignments/${res.body.id}/status`)
      .set(auth('manager'))
      .expect(200);
    expect(scoped.body.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(
      [org.units.streetA.id, org.units.communityA.id].sort(),
    );
    const names = scoped.body.officers.map((o: { username: string }) => o.username);
    expect(names).toContain('officer_a2');
    expect(names).not.toContain('officer_b');

    await request(t.http).get(`/api/assignments/${res.body.id}/status`).set(auth('officer_a')).expect(403);
    await request(t.http).get(`/api/assignments/not-an-assignment/status`).set(auth('trainer')).expect(404);
  });

  it('should answer 404 to a manager for an assignment that reaches no one in their subtree, on the API and the page', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const elsewhere = await assign({
      courseId: course.id,
      unitIds: [org.units.streetB.id],
      dueAt: inDays(30),
    }).expect(201);
    // the manager of street A: not in their list, so not readable by id either (as every other record out of scope)
    const list = await request(t.http).get('/api/assignments?limit=200').set(auth('manager')).expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(elsewhere.body.id);
    const api = await request(t.http)
      .get(`/api/assignments/${elsewhere.body.id}/status`)
      .set(auth('manager'))
      .expect(404);
    expect(api.body.code).toBe('ASSIGNMENT.NOT_FOUND');
    expect(JSON.stringify(api.body)).not.toContain(course.title);
    const page = await request(t.http)
      .get(`/trainer/assignments/${elsewhere.body.id}`)
      .set(auth('manager'))
      .expect(404);
    expect(page.text).not.toContain(course.title);
    // trainers still read it
    await request(t.http)
      .get(`/api/assignments/${elsewhere.body.id}/status`)
      .set(auth('trainer'))
      .expect(200);
  });

  it('should not show a manager the targets outside their subtree, such as officers assigned by name elsewhere', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const res = await assign({
      courseId: course.id,
      unitIds: [org.units.bureau.id, org.units.streetB.id, org.units.communityA.id],
      userIds: [org.users.officerB.id, org.users.officerA.id],
      dueAt: inDays(30),
    }).expect(201);
    const targetsFor = async (who: string) =>
      (
        (await request(t.http).get(`/api/assignments/${res.body.id}/status`).set(auth(who)).expect(200)).body
          .assignment.targets as Array<{
          unitId: string | null;
          userId: string | null;
        }>
      ).map((x) => x.unitId ?? x.userId);

    const all = await targetsFor('trainer');
    expect(all.sort()).toEqual(
      [
        org.units.bureau.id,
        org.units.streetB.id,
        org.units.communityA.id,
        org.users.officerB.id,
        org.users.officerA.id,
      ].sort(),
    );
    const scoped = await targetsFor('manager'); // manager of street A: the bureau (above, with subtree) reaches it
    expect(scoped.sort()).toEqual(
      [org.units.bureau.id, org.units.communityA.id, org.users.officerA.id].sort(),
    );

    const page = await request(t.http)
      .get(`/trainer/assignments/${res.body.id}`)
      .set(auth('manager'))
      .expect(200);
    expect(page.text).not.toContain(org.units.streetB.name);
  });

  it('should read an API due date in Asia/Shanghai and make it due at the end of that day', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const dueOf = async (dueAt: string) => {
      const res = await assign({ courseId: course.id, userIds: [org.users.officerA.id], dueAt }).expect(201);
      const status = await request(t.http)
        .get(`/api/assignments/${res.body.id}/status`)
        .set(auth('trainer'))
        .expect(200);
      return status.body.assignment.dueAt as string;
    };
    expect(await dueOf('2099-06-30')).toBe('2099-06-30T15:59:59.999Z');
    // One rule (defect 15): whatever the time of day, due at the end of that day in Beijing.
    expect(await dueOf('2099-06-30T12:00:00')).toBe('2099-06-30T15:59:59.999Z');
    expect(await dueOf('2099-06-30T12:00:00Z')).toBe('2099-06-30T15:59:59.999Z');
    expect(await dueOf('2099-06-30T16:30:00Z')).toBe('2099-07-01T15:59:59.999Z'); // 00:30 on 1 July in Beijing
  });

  it('should list assignments with their status counts for trainers only', async () => {
    const res = await request(t.http).get('/api/assignments?limit=2').set(auth('trainer')).expect(200);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0]).toMatchObject({
      assigned: expect.any(Number),
      pending: expect.any(Number),
      targets: expect.any(Array),
    });
    await request(t.http).get('/api/assignments').set(auth('officer_a')).expect(403);
  });

  it('should refuse to let officers and managers create assignments', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const body = { courseId: course.id, unitIds: [org.units.streetA.id], dueAt: inDays(30) };
    expect((await assign(body, 'officer_a').expect(403)).body.code).toBe('AUTH.FORBIDDEN');
    await assign(body, 'manager').expect(403);
    await assign(body, 'admin').expect(201);
  });

  it('should answer 400 with a stable code for invalid assignments', async () => {
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const retired = (await createCourseWithLessons(t.dataSource, 1, { retiredAt: new Date() })).course;
    const units = [org.units.streetA.id];
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ courseId: course.id, dueAt: inDays(30) }, 'ASSIGNMENT.NO_TARGETS'],
      [
        { courseId: course.id, unitIds: [], roles: [], userIds: [], dueAt: inDays(30) },
        'ASSIGNMENT.NO_TARGETS',
      ],
      [{ courseId: course.id, unitIds: units, dueAt: inDays(-1) }, 'ASSIGNMENT.DUE_IN_PAST'],
      [{ courseId: 'no-such-course', unitIds: units, dueAt: inDays(30) }, 'ASSIGNMENT.UNKNOWN_COURSE'],
      [{ courseId: retired.id, unitIds: units, dueAt: inDays(30) }, 'ASSIGNMENT.COURSE_RETIRED'],
      [
        { courseId: course.id, unitIds: ['00000000-0000-4000-8000-000000000000'], dueAt: inDays(30) },
        'ASSIGNMENT.UNKNOWN_UNIT',
      ],
      [
        { courseId: course.id, userIds: ['00000000-0000-4000-8000-000000000000'], dueAt: inDays(30) },
        'ASSIGNMENT.UNKNOWN_USER',
      ],
      [{ courseId: course.id, roles: ['chief'], dueAt: inDays(30) }, 'VALIDATION.FAILED'],
      [{ courseId: course.id, unitIds: units, dueAt: 'next week' }, 'VALIDATION.FAILED'],
    ];
    for (const [body, code] of cases) {
      const res = await assign(body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
    }
  });

  it('should let an officer read their own learning but not another officer’s, and a manager only in the subtree', async () => {
    const learning = (who: string, id: string) =>
      request(t.http).get(`/api/users/${id}/learning`).set(auth(who));
    const own = await learning('officer_a', org.users.officerA.id).expect(200);
    expect(own.body).toMatchObject({
      user: { id: org.users.officerA.id },
      assignments: expect.any(Array),
      credits: { totalHours: 0 },
    });
    expect((await learning('officer_a', org.users.officerB.id).expect(404)).body.code).toBe('USER.NOT_FOUND');
    const inScope = await learning('manager', org.users.officerA2.id).expect(200);
    expect(inScope.body.assignments.length).toBeGreaterThan(0);
    await learning('manager', org.users.officerB.id).expect(404);
    await learning('trainer', org.users.officerB.id).expect(200);
  });
});
