import request from 'supertest';
import { User } from '../src/users/entities/user.entity';
import { createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { pageLogin } from './utils/page-session';

/** Users list (API and admin page): filter by role and status, paged with the filters kept. */
describe('Users list filters (e2e)', () => {
  let api: OrganisationApi;
  beforeAll(async () => {
    api = await startOrganisationApi();
    await api.t.dataSource.getRepository(User).update({ username: 'officer_d' }, { disabled: true });
  }, 60_000);
  afterAll(() => api.t.close());

  const names = (res: request.Response) =>
    (res.body.items as Array<{ username: string }>).map((u) => u.username).sort();

  it('should filter GET /api/users by role and by status, alone and together', async () => {
    const officers = await request(api.t.http)
      .get('/api/users?role=officer')
      .set(api.as('admin'))
      .expect(200);
    expect(names(officers)).toEqual(['officer_a', 'officer_a2', 'officer_b', 'officer_d']);
    const disabled = await request(api.t.http)
      .get('/api/users?status=disabled')
      .set(api.as('admin'))
      .expect(200);
    expect(names(disabled)).toEqual(['officer_d']);
    expect(disabled.body.total).toBe(1);
    const activeOfficers = await request(api.t.http)
      .get('/api/users?role=officer&status=active&limit=2')
      .set(api.as('admin'))
      .expect(200);
    expect(activeOfficers.body.total).toBe(3);
    expect(activeOfficers.body.items).toHaveLength(2);
    const bad = await request(api.t.http).get('/api/users?status=gone').set(api.as('admin')).expect(400);
    expect(bad.body.code).toBe('VALIDATION.FAILED');
  });

  it('should filter the admin page by role and status and keep both in the pager links', async () => {
    const { agent } = await pageLogin(api.t.http, 'admin', TEST_PASSWORD);
    const page = await agent.get('/admin/users?role=officer&status=disabled').expect(200);
    const table = /data-testid="user-table">([\s\S]*?)<\/table>/.exec(page.text)?.[1] ?? '';
    expect(table).toContain('officer_d');
    expect(table).not.toContain('officer_a');
    expect(page.text).toMatch(/<option value="officer" selected>信访干部<\/option>/);
    expect(page.text).toMatch(/<option value="disabled" selected>已停用<\/option>/);
    expect(page.text).toContain('共 1 个用户');

    for (let i = 0; i < 31; i++) {
      await createUser(api.t.dataSource, api.org.units.bureau, 'trainer', { username: `trainee_${i}` });
    }
    const first = await agent.get('/admin/users?role=trainer&status=active').expect(200);
    expect(first.text).toContain('共 32 个用户');
    expect(first.text.replace(/&#x3D;/g, '=')).toContain(
      'href="/admin/users?role=trainer&amp;status=active&amp;page=2"',
    );
    // Unknown values are ignored, never a 500.
    await agent.get('/admin/users?role=king&status=gone').expect(200);
  });
});
