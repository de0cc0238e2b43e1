import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import Redis from 'ioredis';
import request from 'supertest';
import { UserImport } from '../src/users/entities/user-import.entity';
import { UserImportProcessor } from '../src/users/import/user-import.processor';
import { USER_IMPORT_QUEUE } from '../src/users/import/user-import.queue';
import { createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { pageLogin } from './utils/page-session';
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
      expect(
        await t.dataSource.getRepository(User).countBy([{ username: 'wangwu' }, { username: 'sunqi' }]),
      ).toBe(0);
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
      const login = await request(t.http)
        .post('/api/auth/login')
        .send({ username: 'wangwu', password: 'Xinfang-Train-1' })
        .expect(200);
      expect(login.body.user).toMatchObject({ role: 'officer', unitId: org.units.communityA.id });
      await apiLogin(t.http, 'sunqi', 'Xinfang-Train-2');
      const audit = await t.dataSource.getRepository(AuditLog).findOneByOrFail({ action: 'user.import' });
      expect(audit.after).toMatchObject({ created: 2, usernames: ['wangwu', 'sunqi'] });
    });

    it('should refuse an empty file, a file without data rows and a wrong header', async () => {
      expect((await csv('admin', '').expect(400)).body.errors).toEqual([
        { row: 1, field: null, code: 'empty_file' },
      ]);
      expect((await csv('admin', `${header}\n`).expect(400)).body.errors[0].code).toBe('empty_file');
      const res = await csv('admin', 'username,name,password,role\nx,y,z,officer\n').expect(400);
      expect(res.body.errors).toEqual([{ row: 1, field: 'unit', code: 'missing_column' }]);
    });

    it('should be for admins only and only take CSV', async () => {
      await csv('trainer', `${header}\n`).expect(403);
      const json = await request(t.http)
        .post('/api/users/import')
        .set(as('admin'))
        .send({ csv: 'x' })
        .expect(415);
      expect(json.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('large imports as a queued job', () => {
    const header = 'username,name,password,role,unit';
    const SECRET = 'Queued-Secret-7731';
    const bigFile = (prefix: string, rows = 12) =>
      [
        header,
        ...Array.from({ length: rows }, (_, i) => `${prefix}${i},批量${i},${SECRET}${i},officer,甲街道`),
      ].join('\n');
    const queue = () => t.app.get<Queue>(getQueueToken(USER_IMPORT_QUEUE));
    /** Polls the status endpoint until the import has ended (the job hashes 12 passwords). */
    const finished = async (importId: string) => {
      for (let i = 0; i < 120; i++) {
        const res = await request(t.http).get(`/api/users/imports/${importId}`).set(as('admin')).expect(200);
        if (res.body.state === 'succeeded' || res.body.state === 'failed') return res.body;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`import ${importId} did not end`);
    };
    const redisValues = async () => {
      const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
      await redis.connect();
      try {
        const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:${USER_IMPORT_QUEUE}:*`);
        const values: string[] = [];
        for (const key of keys) {
          if ((await redis.type(key)) === 'hash') values.push(...Object.values(await redis.hgetall(key)));
        }
        return { keys, text: values.join('\n') };
      } finally {
        redis.disconnect();
      }
    };

    it('should answer a large clean file with 202 and an import id, then create every user in the job', async () => {
      const res = await csv('admin', bigFile('bulk')).expect(202);
      expect(res.body).toEqual({ importId: expect.any(String), state: 'queued', total: 12 });
      const status = await finished(res.body.importId);
      expect(status).toMatchObject({
        state: 'succeeded',
        total: 12,
        processed: 12,
        created: 12,
        percent: 100,
        failure: null,
      });
      await apiLogin(t.http, 'bulk11', `${SECRET}11`);
      const audit = await t.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'user.import', entityId: res.body.importId });
      expect(audit.after).toMatchObject({ created: 12 });
    });

    it('should still report every bad row of a large file at once, and queue nothing', async () => {
      const file = `${bigFile('badbulk')}\nbadbulk0,重复,${SECRET},officer,甲街道\n`;
      const before = await t.dataSource.getRepository(UserImport).count();
      const res = await csv('admin', file).expect(400);
      expect(res.body.errors).toEqual([{ row: 14, field: 'username', code: 'duplicate_in_file' }]);
      expect(await t.dataSource.getRepository(UserImport).count()).toBe(before);
    });

    it('should keep passwords out of Redis in plain text while queued, and leave no job behind', async () => {
      await queue().pause();
      try {
        const res = await csv('admin', bigFile('sealed')).expect(202);
        const waiting = await redisValues();
        expect(waiting.text).toContain(res.body.importId); // the job is there …
        expect(waiting.text).not.toContain(SECRET); // … but its passwords are not readable
        await queue().resume();
        expect((await finished(res.body.importId)).state).toBe('succeeded');
        const after = await redisValues();
        expect(after.text).not.toContain(res.body.importId);
        expect(after.text).not.toContain(SECRET);
      } finally {
        await queue().resume();
      }
    });

    it('should write nothing when the job fails at the end, and say why on the result', async () => {
      await queue().pause();
      let importId = '';
      try {
        importId = (await csv('admin', bigFile('clash')).expect(202)).body.importId;
        await createUser(t.dataSource, org.units.streetA, 'officer', { username: 'clash7' }); // taken meanwhile
      } finally {
        await queue().resume();
      }
      const status = await finished(importId);
      expect(status).toMatchObject({
        state: 'failed',
        created: 0,
        failure: { code: 'USER.USERNAME_TAKEN', message: expect.stringContaining('未导入任何用户') },
      });
      const users = await t.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .where("u.username LIKE 'clash%'")
        .getMany();
      expect(users.map((u) => u.username)).toEqual(['clash7']);
    });

    it('should mark imports left running by a previous process, their job gone, as interrupted when the app starts', async () => {
      const id = '00000000-0000-4000-8000-000000000001';
      const createdAt = new Date(Date.now() - 10 * 60_000); // past the grace for a job being added
      await t.dataSource
        .getRepository(UserImport)
        .insert({ id, actorId: null, actorUsername: 'admin', state: 'running', total: 40, createdAt });
      await t.app.get(UserImportProcessor).onApplicationBootstrap();
      const res = await request(t.http).get(`/api/users/imports/${id}`).set(as('admin')).expect(200);
      expect(res.body).toMatchObject({ state: 'failed', failure: { code: 'USER_IMPORT.INTERRUPTED' } });
    });

    it('should be visible to admins only, and 404 for an unknown import', async () => {
      await request(t.http)
        .get('/api/users/imports/00000000-0000-4000-8000-000000000001')
        .set(as('trainer'))
        .expect(403);
      const res = await request(t.http).get('/api/users/imports/nope').set(as('admin')).expect(404);
      expect(res.body.code).toBe('USER_IMPORT.NOT_FOUND');
    });

    it('should take the admin page from the form to a progress page and then to the result', async () => {
      const admin = await pageLogin(t.http, 'admin', TEST_PASSWORD);
      await queue().pause();
      let location = '';
      try {
        const posted = await admin.agent
          .post('/admin/users/import')
          .type('form')
          .send({ _csrf: admin.csrf, csv: bigFile('paged') })
          .expect(303);
        location = posted.headers.location;
        expect(location).toMatch(/^\/admin\/users\/import\/[0-9a-f-]{36}$/);
        const progress = await admin.agent.get(location).expect(200);
        expect(progress.text).toContain('<progress');
        expect(progress.text).toContain('/assets/user-import-progress.js');
        expect(progress.text).not.toMatch(/https?:\/\/(cdn|unpkg)/);
      } finally {
        await queue().resume();
      }
      await finished(location.split('/').pop() as string);
      const result = await admin.agent.get(location).expect(200);
      expect(result.text).toContain('导入成功：已创建 12 个用户');
    });
  });
});
