import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { Unit } from '../src/units/entities/unit.entity';
import type { TestApp } from './utils/create-test-app';
import { OrganisationApi, Org, startOrganisationApi } from './utils/organisation-api';

describe('Units API (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let as: OrganisationApi['as'];
  beforeAll(async () => {
    ({ t, org, as } = await startOrganisationApi());
  });
  afterAll(() => t.close());

  describe('units', () => {
    it('should list the whole tree in tree order for admins and trainers', async () => {
      for (const who of ['admin', 'trainer'] as const) {
        const res = await request(t.http).get('/api/units').set(as(who)).expect(200);
        expect(res.body.total).toBe(5);
        expect(res.body.items[0]).toMatchObject({
          id: org.units.bureau.id,
          kind: 'bureau',
          parentId: null,
          depth: 0,
        });
        const ids = res.body.items.map((u: { id: string }) => u.id);
        expect(ids.indexOf(org.units.communityA.id)).toBe(ids.indexOf(org.units.streetA.id) + 1);
        expect(res.body.items.find((u: { id: string }) => u.id === org.units.communityA.id)).toMatchObject({
          parentId: org.units.streetA.id,
          depth: 2,
        });
      }
    });

    it('should list only their own subtree to a manager and nothing to an officer', async () => {
      const res = await request(t.http).get('/api/units').set(as('manager')).expect(200);
      expect(res.body.items.map((u: { name: string }) => u.name).sort()).toEqual(
        ['甲街道', '甲街道一社区'].sort(),
      );
      const denied = await request(t.http).get('/api/units').set(as('officerA')).expect(403);
      expect(denied.body.code).toBe('AUTH.FORBIDDEN');
    });

    it('should add a unit below its parent with the materialised path, and audit it', async () => {
      const res = await request(t.http)
        .post('/api/units')
        .set(as('admin'))
        .send({ name: '乙街道二社区', kind: 'office', parentId: org.units.streetB.id })
        .expect(201);
      expect(res.body).toMatchObject({
        name: '乙街道二社区',
        kind: 'office',
        parentId: org.units.streetB.id,
        depth: 2,
      });
      const saved = await t.dataSource.getRepository(Unit).findOneByOrFail({ id: res.body.id });
      expect(saved.path).toBe(`${org.units.streetB.path}${res.body.id}/`);
      const audit = await t.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'unit.create', entityId: res.body.id });
      expect(audit.actorUsername).toBe('admin');
    });

    it('should refuse a second root bureau, a missing parent and a duplicate sibling name', async () => {
      const root = await request(t.http)
        .post('/api/units')
        .set(as('admin'))
        .send({ name: '另一个局', kind: 'bureau' })
        .expect(409);
      expect(root.body.code).toBe('UNIT.ROOT_EXISTS');
      // The database itself keeps one bureau, so two concurrent creates cannot both win.
      await expect(
        t.dataSource.getRepository(Unit).insert({
          id: '00000000-0000-4000-8000-00000000000b',
          name: '并发局',
          kind: 'bureau',
          parentId: null,
          path: '/x/',
        }),
      ).rejects.toThrow();
      const orphan = await request(t.http)
        .post('/api/units')
        .set(as('admin'))
        .send({ name: '无上级', kind: 'street', parentId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(orphan.body).toMatchObject({ code: 'UNIT.PARENT_NOT_FOUND', errors: { parentId: 'not_found' } });
      const noParent = await request(t.http)
        .post('/api/units')
        .set(as('admin'))
        .send({ name: '无上级', kind: 'street' })
        .expect(400);
      expect(noParent.body.errors).toEqual({ parentId: 'required' });
      const twin = await request(t.http)
        .post('/api/units')
        .set(as('admin'))
        .send({ name: '甲街道', kind: 'street', parentId: org.units.bureau.id })
        .expect(409);
      expect(twin.body.code).toBe('UNIT.NAME_TAKEN');
      // …and the database itself keeps sibling names distinct, for concurrent creates on PostgreSQL.
      await expect(
        t.dataSource.getRepository(Unit).insert({
          id: '00000000-0000-4000-8000-00000000000c',
          name: '甲街道',
          kind: 'street',
          parentId: org.units.bureau.id,
          path: '/y/',
        }),
      ).rejects.toThrow();
      const kind = await request(t.http)
        .post('/api/units')
        .set(as('admin'))
        .send({ name: '丙', kind: 'village', parentId: org.units.bureau.id })
        .expect(400);
      expect(kind.body.errors).toEqual({ kind: 'isIn' });
    });

    it('should let only admins add or rename units', async () => {
      const res = await request(t.http)
        .post('/api/units')
        .set(as('trainer'))
        .send({ name: '丙街道', kind: 'street', parentId: org.units.bureau.id })
        .expect(403);
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
      await request(t.http)
        .patch(`/api/units/${org.units.dept.id}`)
        .set(as('manager'))
        .send({ name: 'x' })
        .expect(403);
    });

    it('should rename a unit and audit the old and new name', async () => {
      const res = await request(t.http)
        .patch(`/api/units/${org.units.dept.id}`)
        .set(as('admin'))
        .send({ name: '区住房和建设局' })
        .expect(200);
      expect(res.body.name).toBe('区住房和建设局');
      const audit = await t.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'unit.update', entityId: org.units.dept.id });
      expect(audit.before).toEqual({ name: '区住建局' });
      expect(audit.after).toEqual({ name: '区住房和建设局' });
      await request(t.http).patch('/api/units/no-such-unit').set(as('admin')).send({ name: 'x' }).expect(404);
    });

    it('should answer 400 to a null name, not a name conflict', async () => {
      const res = await request(t.http)
        .patch(`/api/units/${org.units.streetB.id}`)
        .set(as('admin'))
        .send({ name: null })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION.FAILED', errors: { name: expect.any(String) } });
      expect(
        (await t.dataSource.getRepository(Unit).findOneByOrFail({ id: org.units.streetB.id })).name,
      ).toBe('乙街道');
    });
  });

  describe('OpenAPI', () => {
    it('should describe the organisation endpoints in the OpenAPI document', async () => {
      const res = await request(t.http).get('/api/docs-json').set(as('officerA')).expect(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/units',
          '/api/units/{id}',
          '/api/users',
          '/api/users/{id}',
          '/api/users/import',
          '/api/audit',
        ]),
      );
      expect(Object.keys(res.body.paths)).not.toContain('/admin/users');
    });
  });
});
