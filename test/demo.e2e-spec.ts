import request from 'supertest';
import type { Assignment } from '../src/assignments/entities/assignment.entity';
import type { AuditLog } from '../src/audit/entities/audit-log.entity';
import { formatBureauDateTime } from '../src/completions/bureau-time';
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
    const [{ count }] = await t.dataSource.query(`SELECT COUNT(*) AS count FROM users WHERE role = 'officer'`);
    expect(Number(count)).toBeGreaterThanOrEqual(30);
    for (const username of ['admin', 'trainer', 'manager', 'officer']) {
      const res = await request(t.http).post('/api/auth/login').send({ username, password: 'Xinfang@2026' }).expect(200);
      expect(res.body.user.role).toBe(username);
    }
  });

  it('should put the demo manager in a 街道 and give the officer assignments and a certificate', async () => {
    const login = await request(t.http).post('/api/auth/login').send({ username: 'officer', password: 'Xinfang@2026' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const assignments = await request(t.http).get('/api/me/assignments').set(auth).expect(200);
    expect(assignments.body.items.map((a: { status: string }) => a.status).sort()).toEqual(['completed', 'pending', 'pending']);
    const certificates = await request(t.http).get('/api/me/certificates').set(auth).expect(200);
    expect(certificates.body.total).toBe(1);

    const [{ kind }] = await t.dataSource.query(
      `SELECT units.kind AS kind FROM users JOIN units ON units.id = users."unitId" WHERE users.username = 'manager'`,
    );
    expect(kind).toBe('street');
  });

  it('should show some officers overdue on the first assignment of the year', async () => {
    const login = await request(t.http).post('/api/auth/login').send({ username: 'trainer', password: 'Xinfang@2026' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const list = await request(t.http).get('/api/assignments').set(auth).expect(200);
    const statuses = await Promise.all(
      list.body.items.map((a: { id: string }) => request(t.http).get(`/api/assignments/${a.id}/status`).set(auth)),
    );
    const overdue = statuses.flatMap((s) => s.body.units).reduce((sum: number, u: { overdue: number }) => sum + u.overdue, 0);
    expect(overdue).toBeGreaterThan(0);
  });

  it('should give each assignment one due date, at the end of a Beijing day, the same in the audit log (defect 15)', async () => {
    const assignments = await t.dataSource.getRepository<Assignment>('Assignment').find(); // by name: jest.resetModules gave the app its own classes
    expect(assignments).toHaveLength(3);
    for (const a of assignments) {
      expect(formatBureauDateTime(a.dueAt)).toMatch(/ 23:59$/);
      const audit = await t.dataSource.getRepository<AuditLog>('AuditLog').findBy({ entityId: a.id });
      const last = audit.find((r) => r.action === 'assignment.update') ?? audit.find((r) => r.action === 'assignment.create');
      expect((last?.after as { dueAt?: string }).dueAt).toBe(a.dueAt.toISOString());
    }
  });
});
