import request from 'supertest';
import type { Assignment } from '../src/assignments/entities/assignment.entity';
import type { AuditLog } from '../src/audit/entities/audit-log.entity';
import { formatBureauDateTime } from '../src/common/time/bureau-time';
import type { TestApp } from './utils/create-test-app';

/** What `npm start` does on an empty database in development (DEMO_DATA=auto there). */
describe('Demo data (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    process.env.DEMO_DATA = 'true';
    process.env.CONTENT_IMPORT_ON_START = 'true';
    process.env.CONTENT_DIR = `${__dirname}/../content`;
    jest.resetModules(); // AppModule reads the environment when first imported
    const { createTestApp } = await import('./utils/create-test-app');
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t.close());

  it('should create the demo bureau with one account per role and about 30 officers', async () => {
    const [{ count }] = await t.dataSource.query(
      `SELECT COUNT(*) AS count FROM users WHERE role = 'officer'`,
    );
    expect(Number(count)).toBeGreaterThanOrEqual(30);
    for (const username of ['admin', 'trainer', 'manager', 'officer']) {
      const res = await request(t.http)
        .post('/api/auth/login')
        .send({ username, password: 'Xinfang@2026' })
        .expect(200);
      expect(res.body.user.role).toBe(username);
    }
  });

  it('should put the demo manager in a 街道 and give the officer assignments and a certificate', async () => {
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'officer', password: 'Xinfang@2026' })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const assignments = await request(t.http).get('/api/me/assignments').set(auth).expect(200);
    expect(assignments.body.items.map((a: { status: string }) => a.status).sort()).toEqual([
      'completed',
      'pending',
      'pending',
    ]);
    const certificates = await request(t.http).get('/api/me/certificates').set(auth).expect(200);
    expect(certificates.body.total).toBe(1);

    const [{ kind }] = await t.dataSource.query(
      `SELECT units.kind AS kind FROM users JOIN units ON units.id = users."unitId" WHERE users.username = 'manager'`,
    );
    expect(kind).toBe('street');
  });

  it('should hold a 培训班 three weeks ago with attendance and 学时, and schedule two more (one with a waiting list)', async () => {
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'trainer', password: 'Xinfang@2026' })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const sessions: Array<{ title: string; status: string; enrolled: number; waitlisted: number }> = (
      await t.dataSource.query(
        `SELECT s."title" AS "title", s."status" AS "status", SUM(CASE WHEN e."state" = 'enrolled' THEN 1 ELSE 0 END) AS "enrolled", SUM(CASE WHEN e."state" = 'waitlisted' THEN 1 ELSE 0 END) AS "waitlisted"` +
          ` FROM training_sessions s JOIN session_enrolments e ON e."sessionId" = s."id" GROUP BY s."id", s."title", s."status" ORDER BY s."startsAt"`,
      )
    ).map((r: Record<string, unknown>) => ({
      title: String(r.title),
      status: String(r.status),
      enrolled: Number(r.enrolled),
      waitlisted: Number(r.waitlisted),
    }));
    expect(sessions.map((s) => s.status)).toEqual(['closed', 'scheduled', 'scheduled']);
    expect(sessions[0].enrolled).toBeGreaterThanOrEqual(30);
    expect(sessions.find((s) => s.waitlisted > 0)).toMatchObject({ enrolled: 6 });
    const held = (await request(t.http).get('/api/sessions').set(auth).expect(200)).body.items.find(
      (s: { status: string }) => s.status === 'closed',
    );
    const roster = (await request(t.http).get(`/api/sessions/${held.id}/attendance`).set(auth).expect(200))
      .body.items as Array<{ status: string }>;
    const count = (status: string) => roster.filter((r) => r.status === status).length;
    expect([count('absent') > 0, count('late') > 0, count('excused'), count('present') > 20]).toEqual([
      true,
      true,
      1,
      true,
    ]);
    const [{ n }] = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM credit_entries WHERE "sourceType" = 'session' AND "hours" = 3`,
    );
    expect(Number(n)).toBe(count('present') + count('late'));
  });

  it('should have scores and the stored indicators of this month at once, so the dashboard trend has a point', async () => {
    const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM capability_scores`);
    expect(Number(n)).toBeGreaterThanOrEqual(30);
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'Xinfang@2026' })
      .expect(200);
    const [bureau] = await t.dataSource.query(`SELECT "id" FROM units WHERE "parentId" IS NULL`);
    const year = (
      await t.dataSource.query(`SELECT MAX("period") AS p FROM indicator_values WHERE "period" LIKE '____'`)
    )[0].p as string;
    const dash = await request(t.http)
      .get(`/api/reports/competency?unitId=${bureau.id}&period=${year}`)
      .set({ Authorization: `Bearer ${login.body.accessToken}` })
      .expect(200);
    expect(dash.body.trend.filter((p: { value: number | null }) => p.value !== null)).toHaveLength(1);
    expect(dash.body.tiles.meanCapability).toBeGreaterThan(0);
  });

  it('should show some officers overdue on the first assignment of the year', async () => {
    const login = await request(t.http)
      .post('/api/auth/login')
      .send({ username: 'trainer', password: 'Xinfang@2026' })
      .expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const list = await request(t.http).get('/api/assignments').set(auth).expect(200);
    const statuses = await Promise.all(
      list.body.items.map((a: { id: string }) =>
        request(t.http).get(`/api/assignments/${a.id}/status`).set(auth),
      ),
    );
    const overdue = statuses
      .flatMap((s) => s.body.units)
      .reduce((sum: number, u: { overdue: number }) => sum + u.overdue, 0);
    expect(overdue).toBeGreaterThan(0);
  });

  it('should give each assignment one due date, at the end of a Beijing day, the same in the audit log (defect 15)', async () => {
    const assignments = await t.dataSource.getRepository<Assignment>('Assignment').find(); // by name: jest.resetModules gave the app its own classes
    expect(assignments).toHaveLength(3);
    for (const a of assignments) {
      expect(formatBureauDateTime(a.dueAt)).toMatch(/ 23:59$/);
      const audit = await t.dataSource.getRepository<AuditLog>('AuditLog').findBy({ entityId: a.id });
      const last =
        audit.find((r) => r.action === 'assignment.update') ??
        audit.find((r) => r.action === 'assignment.create');
      expect((last?.after as { dueAt?: string }).dueAt).toBe(a.dueAt.toISOString());
    }
  });
});
