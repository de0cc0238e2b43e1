import './utils/scoring-fast.env';
import * as ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { createReportFixture } from './factories/report-fixture';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin } from './utils/page-session';
import { OutboxRelayService } from '../src/scoring/outbox-relay.service';

/** Binary bodies (XLSX) as a Buffer. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('competency report on a hand-computed fixture (period 2025)', () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof createReportFixture>>;
  const tokens: Record<string, string> = {};
  const api = (who: string, path: string) =>
    request(t.http)
      .get(path)
      .set({ Authorization: `Bearer ${tokens[who]}` });
  const unitA = () => fx.org.units.streetA.id;

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(OutboxRelayService).pause(); // facts are written directly
    fx = await createReportFixture(t.dataSource);
    for (const name of ['manager', 'admin', 'officer_a', 'trainer']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
  });
  afterAll(() => t.close());

  it('甲街道: every tile, indicator, dimension, trend, ranking and heat-map value equals the hand computation', async () => {
    const body = (await api('manager', `/api/reports/competency?unitId=${unitA()}&period=2025`).expect(200))
      .body;
    expect(body.tiles).toEqual({
      officers: 2,
      coverage: 100,
      passRate: 50,
      meanCapability: 65,
      overdueOfficers: 1,
    });
    const ind = Object.fromEntries(
      body.indicators.map((r: { code: string; actual: number | null; met: boolean | null }) => [
        r.code,
        [r.actual, r.met],
      ]),
    );
    expect(ind).toMatchObject({
      TRAINING_COVERAGE: [100, true],
      PARTICIPATION_RATE: [50, false], // A2 present, A absent
      CREDIT_HOURS_AVG: [2.5, false], // (2 + 3) / 2 against 12
      EXAM_PASS_RATE: [50, false],
      ON_TIME_COMPLETION: [50, false],
      CAPABILITY_AVG: [65, false],
      CAPABILITY_MET_RATE: [50, false],
      DIM_ACCEPTANCE: [65, false],
      TIMELY_ACCEPTANCE: [null, null],
    });
    expect(body.dimensions.map((d: { value: number }) => d.value)).toEqual([65, 65, 65, 65, 65]);
    const trend = Object.fromEntries(
      body.trend.map((m: { month: string; value: number | null }) => [m.month, m.value]),
    );
    // each month's point is the estimate as of that month's end (no pass with ratings in January)
    expect(trend).toMatchObject({ '2025-01': null, '2025-03': 60, '2025-06': 65, '2025-12': 65 });
    expect(
      body.ranking.map((r: Record<string, unknown>) => [
        r.unitName,
        r.officers,
        r.meanScore,
        r.metRate,
        r.overdueOfficers,
      ]),
    ).toEqual([
      ['甲街道（本级）', 1, 80, 100, 0],
      ['甲街道一社区', 1, 50, 0, 1],
    ]);
    // Articles 22 and 30 are both 1 of 2 right overall; per unit: 本级 (A) 22 ✓ 30 ✗, 社区 (A2) 22 ✗ 30 ✓.
    expect(
      body.heatMap.articles.map((a: Record<string, unknown>) => [a.articleNo, a.share, a.answers]),
    ).toEqual([
      [22, 50, 2],
      [30, 50, 2],
    ]);
    const cell = (no: number, unitId: string) =>
      body.heatMap.cells.find(
        (c: { articleNo: number; unitId: string }) => c.articleNo === no && c.unitId === unitId,
      )?.share;
    expect([
      cell(22, unitA()),
      cell(22, fx.org.units.communityA.id),
      cell(30, unitA()),
      cell(30, fx.org.units.communityA.id),
    ]).toEqual([100, 0, 0, 100]);
    expect(body.officers.total).toBe(2);
    expect(
      body.officers.items.map((o: Record<string, unknown>) => [o.name, o.score, o.hours, o.overdue]),
    ).toEqual([
      ['=SUM(1,2)', 50, 3, 1],
      ['测试officer', 80, 2, 0],
    ]);
  });

  it('the bureau (admin): four officers, sub-units ranked by mean score, unscored last', async () => {
    const body = (
      await api('admin', `/api/reports/competency?unitId=${fx.org.units.bureau.id}&period=2025`).expect(200)
    ).body;
    expect(body.tiles).toEqual({
      officers: 4,
      coverage: 50,
      passRate: 50,
      meanCapability: 66.67,
      overdueOfficers: 1,
    });
    expect(
      body.ranking.map((r: Record<string, unknown>) => [r.unitName, r.officers, r.meanScore, r.metRate]),
    ).toEqual([
      ['乙街道', 1, 70, 100],
      ['甲街道', 2, 65, 50],
      ['区住建局', 1, null, null],
    ]);
    const cell = (no: number, unitId: string) =>
      body.heatMap.cells.find(
        (c: { articleNo: number; unitId: string }) => c.articleNo === no && c.unitId === unitId,
      )?.share;
    expect([
      cell(22, fx.org.units.streetA.id),
      cell(22, fx.org.units.streetB.id),
      cell(30, fx.org.units.streetA.id),
    ]).toEqual([50, 100, 50]);
  });

  it('officer list: paging, sorting and every filter', async () => {
    const list = async (q: string) =>
      (
        await api(
          'admin',
          `/api/reports/competency/officers?unitId=${fx.org.units.bureau.id}&period=2025&${q}`,
        ).expect(200)
      ).body;
    const names = (b: { items: Array<{ username: string }> }) => b.items.map((o) => o.username);
    expect(names(await list('sort=score&dir=desc'))).toEqual([
      'officer_a',
      'officer_b',
      'officer_a2',
      'officer_d',
    ]); // unscored last
    const page2 = await list('sort=score&dir=asc&size=2&page=2');
    expect([page2.total, names(page2)]).toEqual([4, ['officer_a', 'officer_d']]);
    expect(names(await list('band=75-90'))).toEqual(['officer_a']);
    expect(names(await list('status=below'))).toEqual(['officer_a2']);
    expect(names(await list('status=unscored'))).toEqual(['officer_d']);
    expect(names(await list('overdue=yes'))).toEqual(['officer_a2']);
    // Pages that join overdue and 学时 for everyone carry their total; past the end it is counted.
    const notOverdue = await list('overdue=no&sort=name&size=1&page=2');
    expect([notOverdue.total, notOverdue.items.length, names(notOverdue).includes('officer_a2')]).toEqual([
      3,
      1,
      false,
    ]);
    const byOverdue = await list('sort=overdue&dir=desc&size=2');
    expect([byOverdue.total, names(byOverdue)[0]]).toEqual([4, 'officer_a2']);
    const pastEnd = await list('overdue=yes&page=5');
    expect([pastEnd.total, pastEnd.items]).toEqual([1, []]);
    expect(names(await list(`subUnitId=${fx.org.units.streetA.id}&sort=name`)).sort()).toEqual([
      'officer_a',
      'officer_a2',
    ]);
    await api(
      'admin',
      `/api/reports/competency/officers?unitId=${fx.org.units.bureau.id}&period=2025&band=10-20`,
    ).expect(400);
    await api(
      'admin',
      `/api/reports/competency/officers?unitId=${fx.org.units.bureau.id}&period=2025&sort=password`,
    ).expect(400);
    await api(
      'manager',
      `/api/reports/competency/officers?unitId=${unitA()}&period=2025&subUnitId=${fx.org.units.streetB.id}`,
    ).expect(404);
  });

  it('scope: a manager of a 街道 sees only it; an officer gets 404 on any other officer and 403 on reports', async () => {
    const other = await api(
      'manager',
      `/api/reports/competency?unitId=${fx.org.units.streetB.id}&period=2025`,
    ).expect(404);
    expect(other.body.code).toBe('UNIT.NOT_FOUND');
    await api('manager', `/api/reports/competency?unitId=${fx.org.units.bureau.id}&period=2025`).expect(404);
    await api('manager', `/api/reports/competency.csv?unitId=${fx.org.units.streetB.id}&period=2025`).expect(
      404,
    );
    await api('manager', `/api/reports/officers/${fx.org.users.officerB.id}?period=2025`).expect(404);
    await api(
      'manager',
      `/api/reports/articles/22?unitId=${unitA()}&period=2025&userId=${fx.org.users.officerB.id}`,
    ).expect(404);
    await api('manager', `/api/reports/officers/${fx.org.users.officerA2.id}?period=2025`).expect(200);
    for (const id of [fx.org.users.officerA2.id, fx.org.users.officerB.id, fx.org.users.manager.id]) {
      const r = await api('officer_a', `/api/reports/officers/${id}?period=2025`).expect(404);
      expect(r.body.code).toBe('USER.NOT_FOUND');
    }
    await api('officer_a', `/api/reports/officers/not-a-uuid`).expect(404);
    await api('officer_a', `/api/reports/competency?unitId=${unitA()}&period=2025`).expect(403);
    await api('manager', `/api/reports/competency?unitId=${unitA()}&period=2025-13`).expect(400);
  });

  it('drill-down: officer (score, breakdown, attempts, attendance, 学时, assignments) → dimension → article (stems, never keys)', async () => {
    const me = (
      await api('officer_a', `/api/reports/officers/${fx.org.users.officerA.id}?period=2025`).expect(200)
    ).body;
    expect(me.capability.score).toBe(80);
    expect(me.attempts.map((x: { passed: boolean }) => x.passed)).toEqual([true, false]);
    expect(me.attendance.map((x: { label: string }) => x.label)).toEqual(['缺席']);
    expect(me.hours).toEqual({ period: 2, total: 2 });
    expect(me.assignments.map((x: { status: string }) => x.status)).toEqual(['completed']);
    expect(me.weakestArticles.map((x: Record<string, unknown>) => [x.articleNo, x.share])).toEqual([
      [30, 0],
      [22, 100],
    ]);

    const dim = (
      await api(
        'manager',
        `/api/reports/dimensions/handling?unitId=${unitA()}&period=2025&userId=${fx.org.users.officerA.id}`,
      ).expect(200)
    ).body;
    expect(dim.articles.map((x: Record<string, unknown>) => [x.articleNo, x.share])).toEqual([[30, 0]]);
    await api('manager', `/api/reports/dimensions/nonsense?unitId=${unitA()}&period=2025`).expect(404);

    const art = (await api('manager', `/api/reports/articles/22?unitId=${unitA()}&period=2025`).expect(200))
      .body;
    expect(art.questions).toEqual([expect.objectContaining({ id: fx.questions.q22, share: 50, answers: 2 })]);
    expect(art.questions[0].stem).toContain('题干');
    const text = JSON.stringify(art);
    expect(text).not.toMatch(/"answer"|correctOptionIds|explanation|解析/);
    expect(art.lessons).toEqual([
      expect.objectContaining({ lessonId: fx.lesson.id, courseId: fx.course.id }),
    ]);
    expect(art.units.map((u: Record<string, unknown>) => [u.unitName, u.share])).toEqual([
      ['甲街道（本级）', 100],
      ['甲街道一社区', 0],
    ]);
    await api('manager', `/api/reports/articles/99?unitId=${unitA()}&period=2025`).expect(404);
  });

  it('CSV opens back (BOM, neutralised formula) with the same numbers', async () => {
    const res = await api(
      'manager',
      `/api/reports/competency.csv?unitId=${unitA()}&period=2025&sort=score`,
    ).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(res.text.slice(1), { columns: true }) as Array<Record<string, string>>;
    expect(
      rows.map((r) => [r['姓名'], Number(r['能力分']), Number(r['期间学时']), Number(r['逾期任务数'])]),
    ).toEqual([
      ["'=SUM(1,2)", 50, 3, 1],
      ['测试officer', 80, 2, 0],
    ]);
    const ind = parse(
      (
        await api(
          'manager',
          `/api/reports/competency.csv?unitId=${unitA()}&period=2025&table=indicators`,
        ).expect(200)
      ).text.slice(1),
      { columns: true },
    ) as Array<Record<string, string>>;
    expect(ind.find((r) => r['代码'] === 'CAPABILITY_AVG')).toMatchObject({
      实际值: '65',
      完成情况: '未达标',
    });
    const heat = parse(
      (
        await api(
          'manager',
          `/api/reports/competency.csv?unitId=${unitA()}&period=2025&table=heatmap`,
        ).expect(200)
      ).text.slice(1),
      { columns: true },
    ) as Array<Record<string, string>>;
    expect(heat.map((r) => [r['条款'], r['单位'], Number(r['正确率(%)'])]).sort()).toEqual([
      ['第三十条', '甲街道一社区', 100],
      ['第三十条', '甲街道（本级）', 0],
      ['第二十二条', '甲街道一社区', 0],
      ['第二十二条', '甲街道（本级）', 100],
    ]);
  });

  it('XLSX opens back with exceljs: every table a sheet, the same numbers, no formulas', async () => {
    const res = await api('manager', `/api/reports/competency.xlsx?unitId=${unitA()}&period=2025`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '干部',
      '质量指标',
      '维度',
      '月度趋势',
      '单位排名',
      '条款热力',
    ]);
    const officers = wb.getWorksheet('干部')!;
    const values = (sheet: ExcelJS.Worksheet, row: number) =>
      (sheet.getRow(row).values as unknown[]).slice(1);
    expect(values(officers, 1).slice(0, 4)).toEqual(['姓名', '用户名', '单位', '能力分']);
    // A string cell is never a formula: the name shows as typed, without CSV's apostrophe.
    expect([values(officers, 2)[0], values(officers, 2)[3], values(officers, 3)[3]]).toEqual([
      '=SUM(1,2)',
      50,
      80,
    ]);
    expect([officers.getRow(2).getCell(1).type, officers.getRow(2).getCell(1).formula]).toEqual([
      ExcelJS.ValueType.String,
      undefined,
    ]);
    const ranking = wb.getWorksheet('单位排名')!;
    expect([values(ranking, 2)[0], values(ranking, 2)[3], values(ranking, 3)[3]]).toEqual([
      '甲街道（本级）',
      80,
      50,
    ]);
    const trend = wb.getWorksheet('月度趋势')!;
    expect(values(trend, 4)).toEqual(['2025-03', 60]);
  });

  it('action: assign the course of a weak article to the officers (or sub-units) below the threshold', async () => {
    const post = (who: string, body: Record<string, unknown>) =>
      request(t.http)
        .post('/api/reports/assignments')
        .set({ Authorization: `Bearer ${tokens[who]}` })
        .send(body);
    const base = {
      unitId: unitA(),
      period: '2025',
      articleNo: 22,
      courseId: fx.course.id,
      threshold: 60,
      dueAt: '2099-06-30T23:59:59+08:00',
    };
    const byOfficer = (await post('manager', base).expect(201)).body;
    expect(byOfficer).toMatchObject({ assignedCount: 1, officers: 1, units: 0 }); // A2 (0 %), not A (100 %)
    const targets = await t.dataSource.query(
      `SELECT "kind", "userId" FROM assignment_targets WHERE "assignmentId" = '${byOfficer.id}'`,
    );
    expect(targets).toEqual([{ kind: 'user', userId: fx.org.users.officerA2.id }]);
    const byUnit = (await post('manager', { ...base, target: 'units' }).expect(201)).body;
    expect(byUnit).toMatchObject({ assignedCount: 1, officers: 0, units: 1 }); // 甲街道一社区
    expect((await post('manager', { ...base, courseId: fx.other.id }).expect(400)).body.code).toBe(
      'REPORT.COURSE_NOT_SUGGESTED',
    );
    expect((await post('manager', { ...base, threshold: 0 }).expect(400)).body.code).toBe(
      'REPORT.NOBODY_BELOW_THRESHOLD',
    );
    expect((await post('manager', { ...base, dimension: 'acceptance' }).expect(400)).body.code).toBe(
      'REPORT.WEAK_SPOT_REQUIRED',
    );
    await post('manager', { ...base, unitId: fx.org.units.streetB.id }).expect(404);
    await post('officer_a', base).expect(403);
    const audit = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM audit_logs WHERE "action" = 'assignment.create'`,
    );
    expect(Number(audit[0].n)).toBe(2);
  });

  it('pages: dashboard with SVG charts and number tables, officer drill-down, own page, yearly report', async () => {
    const manager = await pageLogin(t.http, 'manager', TEST_PASSWORD);
    const html = (await manager.agent.get(`/reports/competency?unitId=${unitA()}&period=2025`).expect(200))
      .text;
    expect(html).toMatch(/data-testid="tile-capability"><div class="stat">65 分/);
    expect(html).toMatch(/data-testid="tile-overdue"><div class="stat">1 人/);
    expect((html.match(/<svg aria-hidden="true"/g) ?? []).length).toBe(4);
    expect(html).toMatch(
      /<h2 id="rank-h">下级单位排名<\/h2>\s*<figure>\s*<div class="chart-box"><svg aria-hidden="true"/,
    );
    expect(html).toContain('data-testid="ranking-table"');
    expect(html).toMatch(/data-testid="report-as-of">数据更新于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}</); // a current snapshot: no refresh note
    expect(html).not.toMatch(/<script(?! src="\/assets\/app\.js")/);
    // Without a unit chosen, a manager sees their own unit and an admin (seated in an office) the whole bureau.
    expect((await manager.agent.get('/reports/competency').expect(200)).text).toContain(
      '甲街道（含下级单位）',
    );
    await createUser(t.dataSource, fx.org.units.dept, 'admin', { username: 'admin_in_office' });
    const admin = await pageLogin(t.http, 'admin_in_office', TEST_PASSWORD);
    expect((await admin.agent.get('/reports/competency').expect(200)).text).toContain(
      '测试区信访局（含下级单位）',
    );
    expect(html).toContain('data-testid="dimension-table"');
    await manager.agent.get(`/reports/officers/${fx.org.users.officerB.id}`).expect(404);
    const officerPage = (
      await manager.agent.get(`/reports/officers/${fx.org.users.officerA.id}?period=2025`).expect(200)
    ).text;
    expect(officerPage).toContain('80% 区间 75–85'); // cap-2: the estimate with its interval, and participation apart from it
    expect(officerPage).toContain('参训情况（不计入能力分）');
    expect(
      (await manager.agent.get(`/reports/articles/22?unitId=${unitA()}&period=2025`).expect(200)).text,
    ).toContain('布置学习');
    const yearly = (await manager.agent.get(`/reports/yearly?unitId=${unitA()}&year=2025`).expect(200)).text;
    expect(yearly).toContain('全年举办培训班 1 期，参训 1 人次');
    expect(yearly).toContain('累计取得学时 5 学时，人均 2.5 学时');
    expect(yearly).toContain('三、存在问题或不足');
    expect(yearly).toContain('第二十二条');
    const officer = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    expect((await officer.agent.get('/my/capability?period=2025').expect(200)).text).toContain('我的能力分');
    await officer.agent.get(`/reports/officers/${fx.org.users.officerA2.id}`).expect(404);
  });
});
