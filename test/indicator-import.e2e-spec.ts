import './utils/scoring-fast.env';
import request from 'supertest';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';
import { gbk } from './utils/gbk';

describe('bureau indicator import (CSV, GBK or UTF-8, Chinese headers, roll-up)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let admin: string;
  let page: PageSession;
  const post = (body: string | Buffer, q = '') =>
    request(t.http)
      .post(`/api/indicators/import${q}`)
      .set({ Authorization: `Bearer ${admin}`, 'Content-Type': 'text/csv' })
      .send(body);
  const actual = async (unitId: string, period: string, code: string, scope = 'subtree') => {
    const rows = (
      await request(t.http)
        .get(`/api/indicators?unitId=${unitId}&period=${period}&scope=${scope}`)
        .set({ Authorization: `Bearer ${admin}` })
        .expect(200)
    ).body as Array<{ code: string; actual: number | null; basis: unknown }>;
    return rows.find((r) => r.code === code)!;
  };
  const stored = async () => (await t.dataSource.query(`SELECT * FROM indicator_imports`)) as unknown[];

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    admin = await apiLogin(t.http, 'admin', TEST_PASSWORD);
    page = await pageLogin(t.http, 'admin', TEST_PASSWORD);
  });
  afterAll(() => t.close());

  it('refuses a fraction for a percentage with a plain hint, and stores nothing', async () => {
    const res = await post(
      'unit,period,code,value\n甲街道,2025,SATISFACTION,0.92\n乙街道,2025,SATISFACTION,92\n',
    ).expect(400);
    expect(res.body.code).toBe('INDICATOR.IMPORT_INVALID');
    expect(res.body.errors).toEqual([
      {
        row: 2,
        field: 'value',
        code: 'looks_like_fraction',
        message: '第 2 行：看起来是小数，请写 92 而不是 0.92',
      },
    ]);
    expect(await stored()).toHaveLength(0);
  });

  it('names an unknown header instead of calling every unit unknown', async () => {
    const res = await post('单位,时间,指标,值\n甲街道,2025,群众满意率,92\n').expect(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 1,
          field: 'header',
          code: 'unknown_column',
          message: expect.stringContaining('不认识的列“时间”'),
        }),
        expect.objectContaining({
          row: 1,
          field: 'header',
          code: 'missing_column',
          message: expect.stringContaining('期间'),
        }),
      ]),
    );
    expect(res.body.errors.some((e: { code: string }) => e.code === 'unknown_unit')).toBe(false);
  });

  it('reads a GBK file with Chinese headers and names; numerator/denominator roll up to parents without their own row', async () => {
    const csv =
      '单位,期间,指标,分子,分母\n甲街道,2025,及时受理率,197,200\n甲街道一社区,2025,及时受理率,50,50\n乙街道,2025,及时受理率,90,100\n';
    expect((await post(gbk(csv)).expect(201)).body).toEqual({ imported: 3 });
    expect(await actual(org.units.streetA.id, '2025', 'TIMELY_ACCEPTANCE')).toMatchObject({
      actual: 98.5,
      basis: { numerator: 197, denominator: 200 },
    });
    // The bureau: street A's row covers its community; 197 + 90 of 200 + 100.
    expect(await actual(org.units.bureau.id, '2025', 'TIMELY_ACCEPTANCE')).toMatchObject({
      actual: 95.67,
      basis: { numerator: 287, denominator: 300 },
    });
    expect((await actual(org.units.bureau.id, '2025', 'TIMELY_ACCEPTANCE', 'own')).actual).toBeNull();
  });

  it('a UTF-8 file with a BOM and code headers; a value without a basis is not rolled up into a wrong sum', async () => {
    await post(`\uFEFFunitId,period,indicator,value\n${org.units.streetA.id},2025,SATISFACTION,96\n`).expect(
      201,
    );
    expect((await actual(org.units.streetA.id, '2025', 'SATISFACTION')).actual).toBe(96);
    expect((await actual(org.units.bureau.id, '2025', 'SATISFACTION')).actual).toBeNull();
    const mismatch = await post('单位,期间,指标,分子,分母,值\n乙街道,2025,按期办结率,9,10,80\n').expect(400);
    expect(mismatch.body.errors[0]).toMatchObject({ row: 2, field: 'value', code: 'value_mismatch' });
    const preview = await post('单位,期间,指标,值\n乙街道,2025-Q1,按期办结率,88\n', '?preview=true').expect(
      201,
    );
    expect(preview.body).toMatchObject({
      problems: [],
      rows: [{ row: 2, unitName: '乙街道', period: '2025-Q1', code: 'ON_TIME_CLOSURE', value: 88 }],
    });
    expect((await actual(org.units.streetB.id, '2025-Q1', 'ON_TIME_CLOSURE')).actual).toBeNull();
  });

  it('the admin page previews rows and problems in Chinese, then imports on confirmation (audit-logged)', async () => {
    const manager = await pageLogin(t.http, 'manager', TEST_PASSWORD);
    await manager.agent.get('/admin/indicators/import').expect(403);
    await page.agent.get('/admin/indicators/import').expect(200);
    const bad = await page.agent
      .post('/admin/indicators/import')
      .type('form')
      .send({
        _csrf: page.csrf,
        csv: '单位,期间,指标,值\n乙街道,2025-Q2,群众满意率,0.9\n无此单位,2025-Q2,群众满意率,90\n',
      })
      .expect(400);
    expect(bad.text).toContain('看起来是小数，请写 92 而不是 0.92');
    expect(bad.text).toContain('第 3 行：没有名为“无此单位”的单位');
    expect(bad.text).not.toContain('确认导入');

    const file = gbk('单位,期间,指标,分子,分母\n乙街道,2025-Q2,群众满意率,45,50\n').toString('base64');
    const ok = await page.agent
      .post('/admin/indicators/import')
      .type('form')
      .send({ _csrf: page.csrf, csv: '', csvFile: file })
      .expect(200);
    expect(ok.text).toContain('文件按 GBK 编码读取');
    expect(ok.text).toContain('乙街道');
    expect(ok.text).toContain('确认导入 1 行');
    expect((await actual(org.units.streetB.id, '2025-Q2', 'SATISFACTION')).actual).toBeNull(); // a preview stores nothing

    const hidden = /name="csv" value="([^"]*)"/
      .exec(ok.text)![1]
      .replace(/&#x([0-9A-F]+);/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#x3D;/g, '=');
    await page.agent
      .post('/admin/indicators/import/confirm')
      .type('form')
      .send({ _csrf: page.csrf, csv: hidden })
      .expect(303)
      .expect('Location', '/admin/indicators/import?imported=1');
    expect((await actual(org.units.streetB.id, '2025-Q2', 'SATISFACTION')).actual).toBe(90);
    const audit = (await t.dataSource.query(
      `SELECT "after" FROM audit_logs WHERE "action" = 'indicator.import'`,
    )) as Array<{ after: unknown }>;
    expect(audit).toHaveLength(3); // the GBK file, the BOM file and this confirmation
  });
});
