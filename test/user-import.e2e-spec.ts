import request from 'supertest';
import { AuditLog } from '../src/audit/entities/audit-log.entity';
import { User } from '../src/users/entities/user.entity';
import { apiLogin, TestApp } from './utils/create-test-app';
import { Caller, OrganisationApi, Org, startOrganisationApi } from './utils/organisation-api';

describe('User CSV import (e2e)', () => {
  let t: TestApp;
  let org: Org;
  let as: OrganisationApi['as'];
  beforeAll(async () => {
    ({ t, org, as } = await startOrganisationApi());
  });
  afterAll(() => t.close());
  const csv = (who: Caller, text: string) =>
    request(t.http).post('/api/users/import').set(as(who)).set('Content-Type', 'text/csv').send(text);

  describe('CSV import', () => {
    const header = 'username,name,password,role,unit';

    it('should import nothing and list every bad row when some rows are bad', async () => {
      const file = [
        header,
        'wangwu,王五,Xinfang-Train-1,officer,甲街道',
        'zhaoliu,赵六,short,officer,甲街道',
        `sunqi,孙七,Xinfang-Train-1,officer,${org.units.streetB.id}`,
        'zhouba,周八,Xinfang-Train-1,chief,不存在的街道',
      ].join('\n');
      const res = await csv('admin', file).expect(400);
      expect(res.body.code).toBe('USER_IMPORT.INVALID');
      expect(res.body.errors).toEqual([
        { row: 3, field: 'password', code: 'password_too_short' },
        { row: 5, field: 'role', code: 'invalid_role' },
        { row: 5, field: 'unit', code: 'unknown_unit' },
      ]);
      expect(await t.dataSource.getRepository(User).countBy([{ username: 'wangwu' }, { username: 'sunqi' }])).toBe(0);
    });

    it('should report duplicates in the file and usernames already taken', async () => {
      const file = `${header}\nofficer_b,重名,Xinfang-Train-1,officer,甲街道\ndup,甲,Xinfang-Train-1,officer,甲街道\nDUP,乙,Xinfang-Train-1,officer,甲街道\n`;
      const res = await csv('admin', file).expect(400);
      expect(res.body.errors).toEqual([
        { row: 2, field: 'username', code: 'username_taken' },
        { row: 4, field: 'username', code: 'duplicate_in_file' },
      ]);
    });

    it('should import a clean file (BOM, Chinese roles, unit by name or id) and the users can log in', async () => {
      const file = `\uFEFF${header}\r\nwangwu,王五,Xinfang-Train-1,信访干部,甲街道一社区\r\nsunqi,孙七,Xinfang-Train-2,officer,${org.units.streetB.id}\r\n`;
      const res = await csv('admin', file).expect(201);
      expect(res.body).toEqual({ created: 2 });
      const login = await request(t.http).post('/api/auth/login').send({ username: 'wangwu', password: 'Xinfang-Train-1' }).expect(200);
      expect(login.body.user).toMatchObject({ role: 'officer', unitId: org.units.communityA.id });
      await apiLogin(t.http, 'sunqi', 'Xinfang-Train-2');
      const audit = await t.dataSource.getRepository(AuditLog).findOneByOrFail({ action: 'user.import' });
      expect(audit.after).toMatchObject({ created: 2, usernames: ['wangwu', 'sunqi'] });
    });

    it('should refuse an empty file, a file without data rows and a wrong header', async () => {
      expect((await csv('admin', '').expect(400)).body.errors).toEqual([{ row: 1, field: null, code: 'empty_file' }]);
      expect((await csv('admin', `${header}\n`).expect(400)).body.errors[0].code).toBe('empty_file');
      const res = await csv('admin', 'username,name,password,role\nx,y,z,officer\n').expect(400);
      expect(res.body.errors).toEqual([{ row: 1, field: 'unit', code: 'missing_column' }]);
    });

    it('should be for admins only and only take CSV', async () => {
      await csv('trainer', `${header}\n`).expect(403);
      const json = await request(t.http).post('/api/users/import').set(as('admin')).send({ csv: 'x' }).expect(415);
      expect(json.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });
  });
});
