import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { Unit } from '../src/units/entities/unit.entity';
import { User } from '../src/users/entities/user.entity';
import { createCourseWithLessons } from './factories/course.factory';
import { createUnit, TEST_PASSWORD } from './factories/organisation.factory';
import { OrganisationApi, startOrganisationApi } from './utils/organisation-api';
import { pageLogin } from './utils/page-session';

type UnitRow = {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  depth: number;
  retired: boolean;
  members: number;
  membersWithSubtree: number;
};

/** Units admin: the 社区 kind, member counts, moving a subtree and retiring a unit (API and pages). */
describe('Units admin: move, retire, member counts, 社区 (e2e)', () => {
  let api: OrganisationApi;
  const units = async (): Promise<UnitRow[]> =>
    (await request(api.t.http).get('/api/units').set(api.as('admin')).expect(200)).body.items;
  const unitRow = async (id: string) => (await units()).find((u) => u.id === id) as UnitRow;

  beforeAll(async () => {
    api = await startOrganisationApi();
  }, 60_000);
  afterAll(() => api.t.close());

  it('should accept the unit kind 社区 (community)', async () => {
    const res = await request(api.t.http)
      .post('/api/units')
      .set(api.as('admin'))
      .send({ name: '乙街道一社区', kind: 'community', parentId: api.org.units.streetB.id })
      .expect(201);
    expect(res.body).toMatchObject({ kind: 'community', depth: 2, retired: false });
    const { agent } = await pageLogin(api.t.http, 'admin', TEST_PASSWORD);
    const page = await agent.get('/admin/units').expect(200);
    expect(page.text).toContain('<option value="community" >社区</option>');
    expect(page.text).toContain('<span class="badge">社区</span>');
  });

  it('should count the active members of each unit, own and with its subtree', async () => {
    const streetA = await unitRow(api.org.units.streetA.id);
    expect(streetA).toMatchObject({ members: 2, membersWithSubtree: 3 }); // manager + officer_a; officer_a2 below
    const bureau = await unitRow(api.org.units.bureau.id);
    expect(bureau).toMatchObject({ members: 2, membersWithSubtree: 7 });
    await api.t.dataSource.getRepository(User).update({ username: 'officer_a2' }, { disabled: true });
    expect(await unitRow(api.org.units.streetA.id)).toMatchObject({ members: 2, membersWithSubtree: 2 });
    await api.t.dataSource.getRepository(User).update({ username: 'officer_a2' }, { disabled: false });
  });

  it('should move a unit with its whole subtree, rewrite the paths, follow it in scope and audit it', async () => {
    const grandchild = await createUnit(api.t.dataSource, '一社区网格站', 'office', api.org.units.communityA);
    const res = await request(api.t.http)
      .post(`/api/units/${api.org.units.communityA.id}/move`)
      .set(api.as('admin'))
      .send({ parentId: api.org.units.streetB.id })
      .expect(200);
    expect(res.body).toMatchObject({
      id: api.org.units.communityA.id,
      parentId: api.org.units.streetB.id,
      depth: 2,
    });
    const repo = api.t.dataSource.getRepository(Unit);
    const moved = await repo.findOneByOrFail({ id: api.org.units.communityA.id });
    expect(moved.path).toBe(`${api.org.units.streetB.path}${moved.id}/`);
    expect((await repo.findOneByOrFail({ id: grandchild.id })).path).toBe(`${moved.path}${grandchild.id}/`);
    // The manager of 甲街道 no longer reaches the officer of the moved community.
    await request(api.t.http)
      .get(`/api/users/${api.org.users.officerA2.id}`)
      .set(api.as('manager'))
      .expect(404);
    const audit = await api.t.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ action: 'unit.move', entityId: moved.id });
    expect(audit.before).toEqual({ parentId: api.org.units.streetA.id });
    expect(audit.after).toEqual({ parentId: api.org.units.streetB.id, movedUnits: 2 });
  });

  it('should refuse to move a unit into its own subtree, onto itself or the bureau anywhere', async () => {
    const grandchild = (await units()).find((u) => u.name === '一社区网格站') as UnitRow;
    const intoChild = await request(api.t.http)
      .post(`/api/units/${api.org.units.communityA.id}/move`)
      .set(api.as('admin'))
      .send({ parentId: grandchild.id })
      .expect(400);
    expect(intoChild.body).toMatchObject({
      code: 'UNIT.MOVE_INTO_SUBTREE',
      errors: { parentId: 'into_own_subtree' },
    });
    expect(intoChild.body.message).toContain('不能把单位移到它自己或它的下级单位之下');
    const ontoItself = await request(api.t.http)
      .post(`/api/units/${api.org.units.streetB.id}/move`)
      .set(api.as('admin'))
      .send({ parentId: api.org.units.streetB.id })
      .expect(400);
    expect(ontoItself.body.code).toBe('UNIT.MOVE_INTO_SUBTREE');
    const root = await request(api.t.http)
      .post(`/api/units/${api.org.units.bureau.id}/move`)
      .set(api.as('admin'))
      .send({ parentId: api.org.units.streetA.id })
      .expect(400);
    expect(root.body.code).toBe('UNIT.ROOT_CANNOT_MOVE');
    await request(api.t.http)
      .post(`/api/units/${api.org.units.streetA.id}/move`)
      .set(api.as('admin'))
      .send({ parentId: 'nope' })
      .expect(400);
    await request(api.t.http)
      .post(`/api/units/${api.org.units.streetA.id}/move`)
      .set(api.as('trainer'))
      .send({ parentId: api.org.units.dept.id })
      .expect(403);
    // Nothing moved.
    expect(
      (await api.t.dataSource.getRepository(Unit).findOneByOrFail({ id: api.org.units.communityA.id }))
        .parentId,
    ).toBe(api.org.units.streetB.id);
  });

  it('should refuse to retire a unit with active users or active child units, saying so in Chinese', async () => {
    const withPeople = await request(api.t.http)
      .post(`/api/units/${api.org.units.dept.id}/retire`)
      .set(api.as('admin'))
      .expect(409);
    expect(withPeople.body.code).toBe('UNIT.HAS_ACTIVE_USERS');
    expect(withPeople.body.message).toBe('该单位还有 1 名在用人员，请先把他们调到其他单位或停用，再撤销');
    await api.t.dataSource
      .getRepository(User)
      .update({ unitId: api.org.units.communityA.id }, { disabled: true });
    const withChildren = await request(api.t.http)
      .post(`/api/units/${api.org.units.communityA.id}/retire`)
      .set(api.as('admin'))
      .expect(409);
    expect(withChildren.body.code).toBe('UNIT.HAS_ACTIVE_CHILDREN');
    expect(withChildren.body.message).toContain('1 个未撤销的下级单位');
    const root = await request(api.t.http)
      .post(`/api/units/${api.org.units.bureau.id}/retire`)
      .set(api.as('admin'))
      .expect(400);
    expect(root.body.code).toBe('UNIT.ROOT_CANNOT_RETIRE');
  });

  it('should retire a unit without deleting it and keep it out of pickers, new users and new assignments', async () => {
    const grandchild = (await units()).find((u) => u.name === '一社区网格站') as UnitRow;
    await request(api.t.http).post(`/api/units/${grandchild.id}/retire`).set(api.as('admin')).expect(200);
    const res = await request(api.t.http)
      .post(`/api/units/${api.org.units.communityA.id}/retire`)
      .set(api.as('admin'))
      .expect(200);
    expect(res.body).toMatchObject({ id: api.org.units.communityA.id, retired: true });
    expect(await unitRow(api.org.units.communityA.id)).toMatchObject({ retired: true, name: '甲街道一社区' }); // still listed: history
    expect(
      await api.t.dataSource
        .getRepository(AuditLog)
        .countBy({ action: 'unit.retire', entityId: api.org.units.communityA.id }),
    ).toBe(1);
    // The disabled officer keeps his unit (history) and can still be edited there.
    await request(api.t.http)
      .patch(`/api/users/${api.org.users.officerA2.id}`)
      .set(api.as('admin'))
      .send({ name: '改名的干部' })
      .expect(200);

    const newUser = await request(api.t.http)
      .post('/api/users')
      .set(api.as('admin'))
      .send({
        username: 'late_joiner',
        name: '新人',
        password: 'Xinfang-Train-1',
        role: 'officer',
        unitId: api.org.units.communityA.id,
      })
      .expect(400);
    expect(newUser.body.code).toBe('USER.UNIT_RETIRED');
    const reenable = await request(api.t.http)
      .patch(`/api/users/${api.org.users.officerA2.id}`)
      .set(api.as('admin'))
      .send({ disabled: false })
      .expect(400);
    expect(reenable.body.code).toBe('USER.UNIT_RETIRED');

    const { course } = await createCourseWithLessons(api.t.dataSource, 1);
    const assignment = await request(api.t.http)
      .post('/api/assignments')
      .set(api.as('trainer'))
      .send({
        courseId: course.id,
        unitIds: [api.org.units.communityA.id],
        dueAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
      })
      .expect(400);
    expect(assignment.body.code).toBe('ASSIGNMENT.UNIT_RETIRED');
    const imported = await request(api.t.http)
      .post('/api/users/import')
      .set(api.as('admin'))
      .set('Content-Type', 'text/csv')
      .send('username,name,password,role,unit\nlate_two,新人二,Xinfang-Train-1,officer,甲街道一社区\n')
      .expect(400);
    expect(imported.body.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'unit', code: 'unknown_unit' }),
    ]);
    const under = await request(api.t.http)
      .post('/api/units')
      .set(api.as('admin'))
      .send({ name: '新网格', kind: 'office', parentId: api.org.units.communityA.id })
      .expect(400);
    expect(under.body.code).toBe('UNIT.PARENT_RETIRED');

    const { agent } = await pageLogin(api.t.http, 'admin', TEST_PASSWORD);
    const usersPage = await agent.get('/admin/users').expect(200);
    const createForm =
      /<form method="post" action="\/admin\/users"[\s\S]*?<\/form>/.exec(usersPage.text)?.[0] ?? '';
    expect(createForm).not.toContain(api.org.units.communityA.id);
    const trainer = await pageLogin(api.t.http, 'trainer', TEST_PASSWORD);
    const assignPage = await trainer.agent.get('/trainer/assignments').expect(200);
    expect(assignPage.text).not.toContain(`value="${api.org.units.communityA.id}"`);
  });

  it('should move and retire units through the admin page with Chinese messages', async () => {
    const { agent, csrf } = await pageLogin(api.t.http, 'admin', TEST_PASSWORD);
    const into = await agent
      .post('/admin/units/move')
      .type('form')
      .send({ _csrf: csrf, unitId: api.org.units.streetB.id, parentId: api.org.units.streetB.id })
      .expect(400);
    expect(into.text).toContain('移动失败：不能把单位移到它自己或它的下级单位之下');
    const missing = await agent
      .post('/admin/units/move')
      .type('form')
      .send({ _csrf: csrf, unitId: api.org.units.dept.id })
      .expect(400);
    expect(missing.text).toContain('请选择新的上级单位');
    const moved = await agent
      .post('/admin/units/move')
      .type('form')
      .send({ _csrf: csrf, unitId: api.org.units.dept.id, parentId: api.org.units.streetA.id })
      .expect(303);
    expect(moved.headers.location).toBe('/admin/units?ok=moved');
    expect((await agent.get(moved.headers.location).expect(200)).text).toContain('单位已移到新的上级单位下');

    const refused = await agent
      .post(`/admin/units/${api.org.units.dept.id}/retire`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(409);
    expect(refused.text).toContain('撤销失败：该单位还有 1 名在用人员');
    const page = await agent.get('/admin/units').expect(200);
    expect(page.text).toContain('已撤销');
    expect(page.text).toMatch(
      /data-testid="member-count"[^>]*>2 \/ 3 人<span class="visually-hidden">，查看甲街道的人员/,
    ); // with the moved department
  });
});
