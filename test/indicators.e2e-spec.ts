import './utils/scoring-fast.env';
import './utils/training-hours.env'; // 学时达标率: A's 2 学时 fall short of 2.5, A2's 3 meet it
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createCourse } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createQuiz } from './factories/quiz.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';
import { IndicatorsService } from '../src/scoring/indicators/indicators.service';
import { OutboxRelayService } from '../src/scoring/outbox-relay.service';
import { sqliteTime } from '../src/scoring/sql-dialect';
import { capabilityRow, periodEndRows } from './factories/capability-row';

/** Inserts a row with a plain INSERT on either database. */
async function insert(ds: DataSource, table: string, row: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(row);
  const pg = ds.options.type === 'postgres';
  const marks = cols.map((_, i) => (pg ? `$${i + 1}` : '?'));
  await ds.query(
    `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${marks.join(', ')})`,
    Object.values(row).map((v) =>
      pg ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? sqliteTime(v) : v,
    ),
  );
}
const at = (iso: string) => new Date(iso);

describe('quality indicators against a hand-computed fixture (period 2025)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const get = (name: string, q: string) =>
    request(t.http)
      .get(`/api/indicators?${q}`)
      .set({ Authorization: `Bearer ${tokens[name]}` });
  const byCode = (rows: Array<{ code: string; actual: number | null }>) =>
    Object.fromEntries(rows.map((r) => [r.code, r.actual]));

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(OutboxRelayService).pause(); // this file writes its facts directly
    const ds = t.dataSource;
    org = await createOrganisation(ds);
    for (const name of ['manager', 'admin', 'officer_a']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
    const { officerA: a, officerA2: a2, officerB: b, trainer } = org.users;
    const course = await createCourse(ds, { passMark: 60 });
    const quiz = await createQuiz(ds, course, { questionCount: 1 });
    // Completions and hours: A in 2025 (before the due date), B only in 2026.
    await insert(ds, 'course_completions', {
      id: randomUUID(),
      userId: a.id,
      courseId: course.id,
      completedAt: at('2025-03-10T02:00:00Z'),
      expiresAt: null,
      creditHours: 2,
    });
    await insert(ds, 'course_completions', {
      id: randomUUID(),
      userId: b.id,
      courseId: course.id,
      completedAt: at('2026-01-05T02:00:00Z'),
      expiresAt: null,
      creditHours: 2,
    });
    await insert(ds, 'credit_entries', {
      id: randomUUID(),
      userId: a.id,
      sourceType: 'course',
      sourceId: randomUUID(),
      hours: 2,
      earnedAt: at('2025-03-10T02:00:00Z'),
    });
    await insert(ds, 'credit_entries', {
      id: randomUUID(),
      userId: a2.id,
      sourceType: 'session',
      sourceId: randomUUID(),
      hours: 3,
      earnedAt: at('2025-07-01T08:00:00Z'),
    });
    await insert(ds, 'credit_entries', {
      id: randomUUID(),
      userId: b.id,
      sourceType: 'course',
      sourceId: randomUUID(),
      hours: 1.5,
      earnedAt: at('2026-01-05T02:00:00Z'),
    });
    // Quiz attempts in 2025: A fails then passes, A2 fails.
    const attempt = (userId: string, number: number, passed: boolean, finishedAt: string) =>
      insert(ds, 'quiz_attempts', {
        id: randomUUID(),
        quizId: quiz.id,
        userId,
        number,
        state: 'finished',
        openSlot: null,
        startedAt: at(finishedAt),
        deadlineAt: at(finishedAt),
        finishedAt: at(finishedAt),
        closedBy: 'submit',
        paper: '[]',
        answers: '{}',
        savedAt: null,
        score: passed ? 90 : 40,
        passed,
        results: '[]',
      });
    await attempt(a.id, 1, false, '2025-05-01T02:00:00Z');
    await attempt(a.id, 2, true, '2025-05-02T02:00:00Z');
    await attempt(a2.id, 1, false, '2025-05-03T02:00:00Z');
    // The annual exam (a standalone exam): A2 passes it; nobody else sits it.
    const exam = await createQuiz(ds, null, { questionCount: 1 });
    await insert(ds, 'quiz_attempts', {
      id: randomUUID(),
      quizId: exam.id,
      userId: a2.id,
      number: 1,
      state: 'finished',
      openSlot: null,
      startedAt: at('2025-11-20T02:00:00Z'),
      deadlineAt: at('2025-11-20T03:00:00Z'),
      finishedAt: at('2025-11-20T02:30:00Z'),
      closedBy: 'submit',
      paper: '[]',
      answers: '{}',
      savedAt: null,
      score: 85,
      passed: true,
      results: '[]',
    });
    // A session on 2025-07-01: A2 present, A absent, B excused.
    const sessionId = randomUUID();
    await insert(ds, 'training_sessions', {
      id: sessionId,
      kind: 'classroom',
      title: '培训班',
      description: null,
      startsAt: at('2025-07-01T01:00:00Z'),
      endsAt: at('2025-07-01T04:00:00Z'),
      checkInClosesAt: at('2025-07-01T04:00:00Z'),
      checkInOpensMinutes: 30,
      lateGraceMinutes: 10,
      location: '会议室',
      streamUrl: null,
      noticeNumber: null,
      capacity: null,
      creditHours: 3,
      minPresenceRatio: 0.8,
      courseId: null,
      materials: '[]',
      status: 'closed',
      sequence: 0,
      codeSecret: 'x',
      createdById: trainer.id,
      createdAt: at('2025-06-01T00:00:00Z'),
      updatedAt: at('2025-06-01T00:00:00Z'),
      closedAt: at('2025-07-01T05:00:00Z'),
    });
    for (const [userId, attendance] of [
      [a2.id, 'present'],
      [a.id, 'absent'],
      [b.id, 'excused'],
    ]) {
      await insert(ds, 'session_enrolments', {
        id: randomUUID(),
        sessionId,
        userId,
        venueId: null,
        state: 'enrolled',
        enrolledAt: at('2025-06-02T00:00:00Z'),
        attendance,
        finalisedAt: at('2025-07-01T05:00:00Z'),
      });
    }
    // An assignment for street A's subtree (A and A2), due 2025-04-01.
    const assignmentId = randomUUID();
    await insert(ds, 'assignments', {
      id: assignmentId,
      courseId: course.id,
      dueAt: at('2025-04-01T00:00:00Z'),
      createdById: trainer.id,
      createdAt: at('2025-01-01T00:00:00Z'),
      note: null,
    });
    await insert(ds, 'assignment_targets', {
      id: randomUUID(),
      assignmentId,
      kind: 'unit',
      unitId: org.units.streetA.id,
      includeSubtree: true,
      role: null,
      userId: null,
    });
    // Capability scores (cap-2): A 80 and B 70 达标, A2 50 not (D not scored).
    for (const [userId, score] of [
      [a.id, 80],
      [a2.id, 50],
      [b.id, 70],
    ] as const) {
      await insert(ds, 'capability_scores', capabilityRow(userId, score));
    }
    // 2025 has ended: its capability figures are the 2025 year-end pass (here the same scores).
    const pass = periodEndRows('2025-12', [
      [a.id, 80],
      [a2.id, 50],
      [b.id, 70],
    ]);
    for (const row of pass.rows) await insert(ds, 'capability_period_scores', row);
    await insert(ds, 'capability_period_ends', pass.end);
  });
  afterAll(() => t.close());

  it('street A with its subtree (A, A2) and the bureau (A, A2, B, D) match the hand computation', async () => {
    const streetA = byCode(
      (await get('manager', `unitId=${org.units.streetA.id}&period=2025`).expect(200)).body,
    );
    expect(streetA).toMatchObject({
      TRAINING_COVERAGE: 100, // A (completion, attempts), A2 (attempt, session)
      PARTICIPATION_RATE: 50, // A2 present, A absent
      CREDIT_HOURS_AVG: 2.5, // (2 + 3) / 2
      EXAM_PASS_RATE: 50, // course quizzes: A passed, A2 did not (the exam is not mixed in)
      ANNUAL_EXAM_PASS_RATE: 100, // the annual exam: A2 sat it and passed
      HOURS_MET_RATE: 50, // A2's 3 学时 ≥ 2.5, A's 2 not
      ON_TIME_COMPLETION: 50, // A before the due date, A2 never
      CAPABILITY_AVG: 65, // (80 + 50) / 2
      CAPABILITY_MET_RATE: 50, // A ≥ 60
      DIM_ACCEPTANCE: 65,
    });
    const bureau = byCode((await get('admin', `unitId=${org.units.bureau.id}&period=2025`).expect(200)).body);
    expect(bureau).toMatchObject({
      TRAINING_COVERAGE: 50,
      PARTICIPATION_RATE: 50,
      CREDIT_HOURS_AVG: 1.25,
      EXAM_PASS_RATE: 50,
      ANNUAL_EXAM_PASS_RATE: 100,
      HOURS_MET_RATE: 25,
      ON_TIME_COMPLETION: 50,
      CAPABILITY_AVG: 66.67,
      CAPABILITY_MET_RATE: 66.67,
    });
    const own = byCode(
      (await get('admin', `unitId=${org.units.streetA.id}&period=2025&scope=own`).expect(200)).body,
    );
    expect(own).toMatchObject({
      TRAINING_COVERAGE: 100,
      PARTICIPATION_RATE: 0,
      CREDIT_HOURS_AVG: 2,
      EXAM_PASS_RATE: 100,
      ANNUAL_EXAM_PASS_RATE: null,
      HOURS_MET_RATE: 0,
      ON_TIME_COMPLETION: 100,
      CAPABILITY_AVG: 80,
    });
    const q2 = byCode((await get('admin', `unitId=${org.units.bureau.id}&period=2025-Q2`).expect(200)).body);
    expect(q2).toMatchObject({
      TRAINING_COVERAGE: 50,
      CREDIT_HOURS_AVG: 0,
      EXAM_PASS_RATE: 50,
      ANNUAL_EXAM_PASS_RATE: null,
      HOURS_MET_RATE: 0,
      ON_TIME_COMPLETION: 50,
    }); // Q2: attempts in May; the 2025-04-01 08:00 due date is Q2 in bureau time
    // 学时达标率 counts the year to the period's end: by Q3 A2 has 3 学时 (earned 1 July).
    expect(
      byCode((await get('admin', `unitId=${org.units.bureau.id}&period=2025-Q3`).expect(200)).body),
    ).toMatchObject({ HOURS_MET_RATE: 25, CREDIT_HOURS_AVG: 0.75 });
  });

  it('rows speak the bureau’s format; targets are set by admins (audit-logged) and decide met', async () => {
    const rows = (await get('admin', `unitId=${org.units.bureau.id}&period=2025`).expect(200)).body as Array<
      Record<string, unknown>
    >;
    expect(rows.find((r) => r.code === 'TRAINING_COVERAGE')).toMatchObject({
      name: '培训覆盖率',
      category: '产出指标-数量',
      target: 100,
      actual: 50,
      met: false,
      unitId: org.units.bureau.id,
      period: '2025',
    });
    expect(rows.find((r) => r.code === 'CAPABILITY_AVG')).toMatchObject({ category: '效益指标' });
    const admin = { Authorization: `Bearer ${tokens.admin}` };
    await request(t.http)
      .put('/api/indicators/targets/TRAINING_COVERAGE')
      .set({ Authorization: `Bearer ${tokens.manager}` })
      .send({ target: 40 })
      .expect(403);
    await request(t.http)
      .put('/api/indicators/targets/TRAINING_COVERAGE')
      .set(admin)
      .send({ target: 'x' })
      .expect(400);
    await request(t.http).put('/api/indicators/targets/NOPE').set(admin).send({ target: 40 }).expect(404);
    await request(t.http)
      .put('/api/indicators/targets/TRAINING_COVERAGE')
      .set(admin)
      .send({ target: 40 })
      .expect(200);
    const after = (await get('admin', `unitId=${org.units.bureau.id}&period=2025`).expect(200)).body as Array<
      Record<string, unknown>
    >;
    expect(after.find((r) => r.code === 'TRAINING_COVERAGE')).toMatchObject({ target: 40, met: true });
    const audit = await t.dataSource.query(
      `SELECT * FROM audit_logs WHERE "action" = 'indicator.target.set'`,
    );
    expect(audit).toHaveLength(1);
  });

  it('scope: a manager sees only their subtree; officers never; bad periods are 400', async () => {
    await get('manager', `unitId=${org.units.streetB.id}&period=2025`).expect(404);
    await get('officer_a', `unitId=${org.units.streetA.id}&period=2025`).expect(403);
    const bad = await get('admin', `unitId=${org.units.bureau.id}&period=2025-13`).expect(400);
    expect(bad.body.code).toBe('INDICATOR.PERIOD_INVALID');
  });

  it('the 绩效 format: levels, 分值 and 得分 (full when met, in proportion otherwise, none without data)', async () => {
    const rows = (await get('admin', `unitId=${org.units.bureau.id}&period=2025`).expect(200)).body as Array<
      Record<string, unknown>
    >;
    const row = (code: string) => rows.find((r) => r.code === code);
    expect(row('CAPABILITY_AVG')).toMatchObject({
      level1: '效益指标',
      level2: '社会效益指标',
      name: '平均能力分',
      target: 75,
      actual: 66.67,
      points: 10,
      score: 8.89,
    });
    expect(row('TRAINING_COVERAGE')).toMatchObject({
      level1: '产出指标',
      level2: '数量指标',
      points: 10,
      score: 10,
    }); // target 40 (set above), 50 met
    expect(row('SATISFACTION')).toMatchObject({ level2: '满意度指标', actual: null, score: null });
    expect(rows.reduce((s, r) => s + (r.points as number), 0)).toBe(100);
  });

  it('偏差原因/改进措施 per unit and period: the unit’s manager or an admin writes them (audit-logged)', async () => {
    const put = (name: string, unitId: string, body: Record<string, unknown> = {}) =>
      request(t.http)
        .put('/api/indicators/notes/CAPABILITY_AVG')
        .set({ Authorization: `Bearer ${tokens[name]}` })
        .send({ unitId, period: '2025', ...body });
    await put('officer_a', org.units.streetA.id, { deviationReason: 'x' }).expect(403);
    await put('manager', org.units.streetB.id, { deviationReason: 'x' }).expect(404);
    await put('manager', org.units.streetA.id, { deviationReason: 'x'.repeat(1001) }).expect(400);
    await request(t.http)
      .put('/api/indicators/notes/NOPE')
      .set({ Authorization: `Bearer ${tokens.manager}` })
      .send({ unitId: org.units.streetA.id, period: '2025' })
      .expect(404);
    await put('manager', org.units.streetA.id, {
      deviationReason: '一社区两人未参加考核',
      improvement: '四季度补考',
    }).expect(200);
    const rows = (await get('manager', `unitId=${org.units.streetA.id}&period=2025`).expect(200))
      .body as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.code === 'CAPABILITY_AVG')).toMatchObject({
      deviationReason: '一社区两人未参加考核',
      improvement: '四季度补考',
    });
    const other = (await get('admin', `unitId=${org.units.streetA.id}&period=2025-Q2`).expect(200))
      .body as Array<Record<string, unknown>>;
    expect(other.find((r) => r.code === 'CAPABILITY_AVG')).toMatchObject({ deviationReason: '' });
    const audit = await t.dataSource.query(`SELECT * FROM audit_logs WHERE "action" = 'indicator.note.set'`);
    expect(audit).toHaveLength(1);

    // The page form: a manager edits it and sees it in the table.
    const page = await pageLogin(t.http, 'manager', TEST_PASSWORD);
    const form = await page.agent
      .get(`/indicators/notes/CAPABILITY_AVG?unitId=${org.units.streetA.id}&period=2025`)
      .expect(200);
    expect(form.text).toContain('一社区两人未参加考核');
    await page.agent
      .get(`/indicators/notes/CAPABILITY_AVG?unitId=${org.units.streetB.id}&period=2025`)
      .expect(404);
    await page.agent
      .post('/indicators/notes/CAPABILITY_AVG')
      .type('form')
      .send({
        _csrf: page.csrf,
        unitId: org.units.streetA.id,
        period: '2025',
        deviationReason: '两人病假',
        improvement: '补训',
      })
      .expect(303);
    const table = await page.agent.get(`/indicators?unitId=${org.units.streetA.id}&period=2025`).expect(200);
    for (const text of ['一级指标', '三级指标', '分值', '得分', '偏差原因', '两人病假', '补训']) {
      expect(table.text).toContain(text);
    }
  });

  it('bureau indicators import from CSV: all rows or none, errors name row and field', async () => {
    const post = (csv: string) =>
      request(t.http)
        .post('/api/indicators/import')
        .set({ Authorization: `Bearer ${tokens.admin}`, 'Content-Type': 'text/csv' })
        .send(csv);
    const bad = await post(
      'unit,period,code,value\n甲街道,2025,TIMELY_ACCEPTANCE,98.5\n无此单位,2025,SATISFACTION,90\n甲街道,2025-Q5,ON_TIME_CLOSURE,101\n',
    ).expect(400);
    expect(bad.body.code).toBe('INDICATOR.IMPORT_INVALID');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'unit' }),
        expect.objectContaining({ row: 4, field: 'period' }),
        expect.objectContaining({ row: 4, field: 'value' }),
      ]),
    );
    expect(await t.dataSource.query(`SELECT * FROM indicator_imports`)).toHaveLength(0);
    await post(`unitId,period,code,value\n${org.units.streetA.id},2025,TIMELY_ACCEPTANCE,98.5\n`).expect(201);
    const rows = byCode(
      (await get('manager', `unitId=${org.units.streetA.id}&period=2025`).expect(200)).body,
    );
    expect(rows.TIMELY_ACCEPTANCE).toBe(98.5);
    expect(rows.SATISFACTION).toBeNull();
  });

  it('the aggregate job stores every unit’s values (own and subtree) for open periods', async () => {
    await t.app.get(IndicatorsService).aggregate(['2025-Q2']);
    const stored = (await t.dataSource.query(
      `SELECT "unitId", "scope", "code", "actual" FROM indicator_values WHERE "period" = '2025-Q2'`,
    )) as Array<{ unitId: string; scope: string; code: string; actual: number | null }>;
    const units = Object.keys(org.units).length;
    expect(stored).toHaveLength(units * 2 * 17);
    const bureauCoverage = stored.find(
      (r) => r.unitId === org.units.bureau.id && r.scope === 'subtree' && r.code === 'TRAINING_COVERAGE',
    );
    expect(Number(bureauCoverage?.actual)).toBe(50);
  });

  it('a closed period is frozen: a stored snapshot that later changes and recomputes leave alone', async () => {
    const admin = { Authorization: `Bearer ${tokens.admin}` };
    await request(t.http).post('/api/indicators/periods/2026/close').set(admin).expect(409); // not ended yet
    await request(t.http).post('/api/indicators/periods/2025/close').set(admin).expect(201);
    await request(t.http).post('/api/indicators/periods/2025/close').set(admin).expect(409);
    await t.dataSource.query(`UPDATE capability_scores SET "score" = 10`);
    await t.app.get(IndicatorsService).aggregate(['2025']);
    const res = await get('manager', `unitId=${org.units.streetA.id}&period=2025`).expect(200);
    expect(res.body[0].frozen).toBe(true);
    expect(byCode(res.body)).toMatchObject({
      CAPABILITY_AVG: 65,
      TRAINING_COVERAGE: 100,
      TIMELY_ACCEPTANCE: 98.5,
    });
    const post = await request(t.http)
      .post('/api/indicators/import')
      .set({ ...admin, 'Content-Type': 'text/csv' })
      .send(`unitId,period,code,value\n${org.units.streetA.id},2025,SATISFACTION,90\n`)
      .expect(400);
    expect(post.body.errors[0]).toMatchObject({ field: 'period', code: 'period_closed' });
    // An open running period still follows the data (an ended one reads its period-end pass).
    const live = byCode(
      (await get('manager', `unitId=${org.units.streetA.id}&period=2026`).expect(200)).body,
    );
    expect(live.CAPABILITY_AVG).toBe(10);
  });

  it('the indicator page renders the table for a manager', async () => {
    const res = await request(t.http)
      .get('/indicators?period=2025')
      .set({ Authorization: `Bearer ${tokens.manager}` });
    expect(res.status).toBe(200);
    expect(res.text).toContain('培训覆盖率');
    expect(res.text).toContain('已关账');
  });
});
