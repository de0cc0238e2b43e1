import './utils/scoring-fast.env';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { capabilityRow } from './factories/capability-row';
import { insertRow } from './factories/report-fixture';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { OutboxRelayService } from '../src/scoring/outbox-relay.service';
import { UnitMembership } from '../src/units/membership/unit-membership.entity';

/**
 * Figures true to their period (issue 18): the officers of a unit for a period are its members at
 * the period's end (now for the running period 2026), a unit created today has no 2025 figures, a
 * task due before an officer joined never counts against them. The moves, the new unit and the new
 * officer go through the API (today, 2026), so 2025 ended before them.
 */
describe('unit-membership history and the officers of a period', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let token: string;
  let newUnitId: string;
  let newcomerId: string;
  const api = (path: string) =>
    request(t.http)
      .get(path)
      .set({ Authorization: `Bearer ${token}` });
  const write = (method: 'post' | 'patch', path: string, body: object) => {
    const req = method === 'post' ? request(t.http).post(path) : request(t.http).patch(path);
    return req.set({ Authorization: `Bearer ${token}` }).send(body);
  };
  type Row = {
    code: string;
    actual: number | null;
    basis: { numerator: number; denominator: number } | null;
  };
  const indicators = async (unitId: string, period: string, scope = 'own') =>
    Object.fromEntries(
      (
        (await api(`/api/indicators?unitId=${unitId}&period=${period}&scope=${scope}`).expect(200))
          .body as Row[]
      ).map((r) => [r.code, r]),
    );
  const rowsOf = (userId: string) =>
    t.dataSource.getRepository(UnitMembership).find({ where: { userId }, order: { validFrom: 'ASC' } });

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(OutboxRelayService).pause(); // facts are written directly
    const ds = t.dataSource;
    org = await createOrganisation(ds);
    token = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    const { officerA: a, officerB: b, officerDept: d, trainer } = org.users;
    // 学时: A 4 in 2025 (in 甲街道) and 2 in 2026 (in 乙街道, after the move below).
    for (const [hours, earnedAt] of [
      [4, '2025-03-10T02:00:00Z'],
      [2, '2026-02-10T02:00:00Z'],
    ] as const) {
      await insertRow(ds, 'credit_entries', {
        id: randomUUID(),
        userId: a.id,
        sourceType: 'course',
        sourceId: randomUUID(),
        hours,
        earnedAt: new Date(earnedAt),
      });
    }
    await insertRow(ds, 'capability_scores', capabilityRow(d.id, 70));
    // An assignment for 乙街道 due 2026-06-01, before the newcomer (created below) existed.
    const course = await createCourse(ds, { passMark: 60 });
    const assignmentId = randomUUID();
    await insertRow(ds, 'assignments', {
      id: assignmentId,
      courseId: course.id,
      dueAt: new Date('2026-06-01T00:00:00Z'),
      createdById: trainer.id,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      note: null,
    });
    await insertRow(ds, 'assignment_targets', {
      id: randomUUID(),
      assignmentId,
      kind: 'unit',
      unitId: org.units.streetB.id,
      includeSubtree: true,
      role: null,
      userId: null,
    });

    // Today: A moves from 甲街道 to 乙街道; D moves into a unit created today; a newcomer joins 乙街道.
    await write('patch', `/api/users/${a.id}`, { unitId: org.units.streetB.id }).expect(200);
    newUnitId = (
      await write('post', '/api/units', {
        name: '新设科室',
        kind: 'office',
        parentId: org.units.bureau.id,
      }).expect(201)
    ).body.id;
    await write('patch', `/api/users/${d.id}`, { unitId: newUnitId }).expect(200);
    newcomerId = (
      await write('post', '/api/users', {
        username: 'newcomer',
        name: '新来的干部',
        password: 'Newcomer-Pass-2026',
        role: 'officer',
        unitId: org.units.streetB.id,
      }).expect(201)
    ).body.id;
    expect(b.id).toBeDefined();
  });
  afterAll(() => t.close());

  it('writes the history with each change: the move closes the old row and opens the new one', async () => {
    const rows = await rowsOf(org.users.officerA.id);
    expect(rows.map((r) => [r.unitId, r.role, r.validTo === null])).toEqual([
      [org.units.streetA.id, 'officer', false],
      [org.units.streetB.id, 'officer', true],
    ]);
    expect(rows[0].validTo!.getTime()).toBe(rows[1].validFrom.getTime());
    const newcomer = await rowsOf(newcomerId);
    expect(newcomer.map((r) => [r.unitId, r.validTo])).toEqual([[org.units.streetB.id, null]]);
  });

  it('an officer moved A → B counts in A for 2025 and in B for 2026 (indicators and the competency report)', async () => {
    const a2025 = await indicators(org.units.streetA.id, '2025');
    expect(a2025.CREDIT_HOURS_AVG.basis).toEqual({ numerator: 4, denominator: 1 }); // A, in 甲街道 then
    const b2025 = await indicators(org.units.streetB.id, '2025');
    expect(b2025.CREDIT_HOURS_AVG.basis).toEqual({ numerator: 0, denominator: 1 }); // B only
    const b2026 = await indicators(org.units.streetB.id, '2026');
    expect(b2026.CREDIT_HOURS_AVG.basis).toEqual({ numerator: 2, denominator: 3 }); // A, B, the newcomer
    const a2026 = await indicators(org.units.streetA.id, '2026');
    expect(a2026.CREDIT_HOURS_AVG.basis).toEqual({ numerator: 0, denominator: 0 });

    const tiles = async (unitId: string, period: string) =>
      (await api(`/api/reports/competency?unitId=${unitId}&period=${period}`).expect(200)).body.tiles;
    expect((await tiles(org.units.streetA.id, '2025')).officers).toBe(2); // A and A2 (甲街道一社区)
    expect((await tiles(org.units.streetA.id, '2026')).officers).toBe(1); // A2
    expect((await tiles(org.units.streetB.id, '2025')).officers).toBe(1);
    expect((await tiles(org.units.streetB.id, '2026')).officers).toBe(3);
  });

  it('a unit created today has empty 2025 figures: indicators, competency report, yearly report', async () => {
    const rows = await indicators(newUnitId, '2025', 'subtree');
    expect(Object.values(rows).filter((r) => r.actual !== null)).toEqual([]);
    const report = (await api(`/api/reports/competency?unitId=${newUnitId}&period=2025`).expect(200)).body;
    expect(report.tiles).toMatchObject({ officers: null, meanCapability: null, coverage: null });
    const yearly = (await api(`/api/reports/yearly?unitId=${newUnitId}&period=2025`).expect(200)).body;
    expect(yearly.existed).toBe(false);
    expect(yearly.figures).toMatchObject({ officers: null, sessions: null, attempts: null, hours: null });
    // The bureau's 2025 ranking has no row for it; its 2026 figures are there (D's score 70).
    const bureau = (
      await api(`/api/reports/competency?unitId=${org.units.bureau.id}&period=2025`).expect(200)
    ).body;
    expect(bureau.ranking.map((r: { unitId: string }) => r.unitId)).not.toContain(newUnitId);
    expect((await indicators(newUnitId, '2026', 'subtree')).CAPABILITY_AVG.actual).toBe(70);
  });

  it('an officer created after an assignment was due is not counted late (按期完成率, overdue list)', async () => {
    const b2026 = await indicators(org.units.streetB.id, '2026');
    // A (in the bureau on the due date) and B are due; the newcomer, created after it, is not.
    expect(b2026.ON_TIME_COMPLETION.basis).toEqual({ numerator: 0, denominator: 2 });
    const list = (
      await api(`/api/reports/competency/officers?unitId=${org.units.streetB.id}&period=2026&size=50`).expect(
        200,
      )
    ).body;
    const overdue = Object.fromEntries(
      list.items.map((o: { username: string; overdue: number }) => [o.username, o.overdue]),
    );
    expect(overdue).toEqual({ officer_a: 1, officer_b: 1, newcomer: 0 });
  });

  it('participation.hours of the capability API says its window: every 学时 up to computedAt', async () => {
    const body = (await api(`/api/users/${org.users.officerA.id}/capability`).expect(200)).body;
    expect(body.participation.hours).toBe(6); // 4 in 2025 + 2 in 2026: no period
    expect(body.participation.hoursWindow).toMatchObject({ from: null, until: 'computedAt' });
  });

  it('disabling and enabling an officer closes and reopens their membership; only active periods count', async () => {
    const a2 = org.users.officerA2;
    const community = org.units.communityA.id;
    await write('patch', `/api/users/${a2.id}`, { disabled: true }).expect(200);
    expect((await indicators(community, '2026')).CREDIT_HOURS_AVG.basis?.denominator).toBe(0);
    expect((await indicators(community, '2025')).CREDIT_HOURS_AVG.basis?.denominator).toBe(1); // a member then
    expect(
      await t.dataSource.getRepository(UnitMembership).countBy({ userId: a2.id, validTo: IsNull() }),
    ).toBe(0);
    await write('patch', `/api/users/${a2.id}`, { disabled: false }).expect(200);
    expect((await indicators(community, '2026')).CREDIT_HOURS_AVG.basis?.denominator).toBe(1);
    const rows = await rowsOf(a2.id);
    expect(rows.map((r) => [r.unitId, r.validTo === null])).toEqual([
      [community, false],
      [community, true],
    ]);
    expect(rows[1].validFrom.getTime()).toBeGreaterThanOrEqual(rows[0].validTo!.getTime());
  });
});
