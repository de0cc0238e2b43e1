import request from 'supertest';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { createTestApp, TestApp } from './utils/create-test-app';
import { pageLogin, PageSession } from './utils/page-session';

/**
 * Defect 3: every message a person reads on a page is plain Chinese naming the field and the fix.
 * Every page form is posted empty and with typical wrong input; the visible text (tags stripped)
 * must hold no constraint name or error code.
 */
const RAW =
  /\b(is[A-Z]\w*|minLength|maxLength|matches|in_past|not_later|not_found|not_learner|unknown_\w+|username_taken|duplicate_in_file|ambiguous_unit|invalid_\w+|password_\w+|required|whitelistValidation|retired|self_lockout|missing_column|malformed_csv|empty_file|too_\w+)\b/;

const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x3D;/g, '=')
    .replace(/\s+/g, ' ');

describe('Form messages are plain Chinese (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let admin: PageSession;
  let trainer: PageSession;
  let assignmentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    admin = await pageLogin(t.http, 'admin', TEST_PASSWORD);
    trainer = await pageLogin(t.http, 'trainer', TEST_PASSWORD);
    const { course } = await createCourseWithLessons(t.dataSource, 1);
    const tomorrow = new Date(Date.now() + 10 * 24 * 3600_000).toISOString().slice(0, 10);
    const created = await trainer.agent
      .post('/trainer/assignments')
      .type('form')
      .send({ courseId: course.id, users: 'officer_a', dueDate: tomorrow, _csrf: trainer.csrf })
      .expect(303);
    assignmentId = /\/trainer\/assignments\/([^?]+)/.exec(created.headers.location)?.[1] ?? '';
  }, 60_000);
  afterAll(() => t.close());

  /** Posts the form and returns what the person reads, after checking it is free of codes. */
  async function post(
    session: PageSession | null,
    path: string,
    body: Record<string, unknown>,
  ): Promise<string> {
    const agent = session?.agent ?? request.agent(t.http);
    const res = await agent
      .post(path)
      .type('form')
      .send({ ...body, ...(session ? { _csrf: session.csrf } : {}) });
    expect({ path, status: res.status }).toEqual({ path, status: expect.any(Number) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const text = visibleText(res.text);
    expect({ path, body, raw: RAW.exec(text)?.[0] ?? null }).toEqual({ path, body, raw: null });
    return text;
  }

  it('should name the field and the fix on the new-user form (empty 姓名, 初始密码, 单位)', async () => {
    const text = await post(admin, '/admin/users', {
      username: 'new_person',
      name: '',
      password: '',
      unitId: '',
      role: 'officer',
    });
    expect(text).toContain('请填写姓名');
    expect(text).not.toContain('内容过长');
    expect(text).not.toContain('填写不正确（');
    const noPassword = await post(admin, '/admin/users', {
      username: 'new_person',
      name: '张三',
      password: '',
      unitId: org.units.streetA.id,
      role: 'officer',
    });
    expect(noPassword).toContain('请填写初始密码');
    const noUnit = await post(admin, '/admin/users', {
      username: 'new_person',
      name: '张三',
      password: 'Long-Enough-1',
      unitId: '',
      role: 'officer',
    });
    expect(noUnit).toContain('请选择单位');
    const weak = await post(admin, '/admin/users', {
      username: 'new_person',
      name: '张三',
      password: 'short',
      unitId: org.units.streetA.id,
      role: 'officer',
    });
    expect(weak).toContain('密码至少 8 位');
    await post(admin, '/admin/users', {
      username: 'officer_a',
      name: '张三',
      password: 'Long-Enough-1',
      unitId: org.units.streetA.id,
      role: 'officer',
    });
    await post(admin, '/admin/users', {
      username: '!!',
      name: 'x'.repeat(101),
      password: 'Long-Enough-1',
      unitId: 'not-a-unit',
      role: 'chief',
    });
  });

  it('should do the same on the edit, reset and unit forms', async () => {
    const id = org.users.officerA.id;
    expect(await post(admin, `/admin/users/${id}`, { name: '', role: 'officer', unitId: '' })).toContain(
      '请填写姓名',
    );
    expect(await post(admin, `/admin/users/${id}/password`, { password: '' })).toContain('密码');
    await post(admin, `/admin/users/${org.users.admin.id}/status`, { disabled: 'true' });
    expect(await post(admin, '/admin/units', { name: '', kind: '', parentId: '' })).toContain(
      '请填写单位名称',
    );
    await post(admin, '/admin/units', { name: '甲街道', kind: 'street', parentId: org.units.bureau.id });
    await post(admin, `/admin/units/${org.units.streetA.id}`, { name: '' });
  });

  it('should describe CSV import problems with the row, the column and the offending value', async () => {
    const csv =
      'username,name,password,role,unit\n' +
      'officer_a,甲,Long-Enough-1,officer,甲街道\n' +
      'new_one,乙,Long-Enough-1,officer,xx街道\n' +
      'new_two,丙,short,chief,甲街道\n';
    const text = await post(admin, '/admin/users/import', { csv });
    expect(text).toContain('第 2 行 用户名：用户名「officer_a」已被使用');
    expect(text).toContain('第 3 行 单位：找不到单位「xx街道」，请先在单位管理中创建');
    expect(text).toContain('第 4 行 角色：角色「chief」无效');
    expect(text).toContain('第 4 行 密码：');
    expect(text).not.toContain('「short」'); // a password is never quoted in a message
    await post(admin, '/admin/users/import', { csv: '' });
    await post(admin, '/admin/users/import', { csv: 'user,名字\n1,2\n' });
  });

  it('should explain the assignment form’s problems: empty course and date, a past date, unknown people', async () => {
    const empty = await post(trainer, '/trainer/assignments', { courseId: '', dueDate: '' });
    expect(empty).toContain('请选择截止日期');
    const past = await post(trainer, '/trainer/assignments', {
      courseId: 'test-course-1',
      unitIds: org.units.streetA.id,
      dueDate: '2020-01-01',
    });
    expect(past).toContain('截止日期必须晚于今天');
    expect(past).not.toContain('in_past');
    await post(trainer, '/trainer/assignments', {
      courseId: '',
      unitIds: org.units.streetA.id,
      dueDate: '2099-01-01',
    });
    await post(trainer, '/trainer/assignments', {
      courseId: 'test-course-1',
      users: 'nobody_here',
      dueDate: '2099-01-01',
    });
    await post(trainer, '/trainer/assignments', {
      courseId: 'test-course-1',
      users: 'manager',
      dueDate: '2099-01-01',
    });
    await post(trainer, '/trainer/assignments', {
      courseId: 'test-course-1',
      roles: 'manager',
      dueDate: '2099-01-01',
    });
    expect(
      await post(trainer, `/trainer/assignments/${assignmentId}/extend`, { dueDate: '2020-01-01' }),
    ).toContain('截止日期必须晚于今天');
  });

  it('should name each field of the trainer session form (empty, wrong numbers and links, end before start)', async () => {
    const empty = await post(trainer, '/trainer/sessions', {
      title: '',
      kind: '',
      startsAt: '',
      endsAt: '',
      creditHours: '',
    });
    for (const m of [
      '请填写培训名称',
      '请选择形式',
      '请填写开始时间',
      '请填写结束时间',
      '请填写学时',
      '请选择参训单位',
    ]) {
      expect(empty).toContain(m);
    }
    expect(empty).not.toContain('此项');

    const base = {
      title: '条例培训',
      kind: 'classroom',
      startsAt: '2099-03-01T09:00',
      endsAt: '2099-03-01T11:00',
      creditHours: '2',
      unitIds: org.units.streetA.id,
    };
    const wrong = await post(trainer, '/trainer/sessions', {
      ...base,
      creditHours: '200',
      checkInOpensMinutes: '-5',
      lateGraceMinutes: '1.5',
      streamUrl: 'ftp://example.org/live',
      materials: '条例全文 | http://',
    });
    for (const m of [
      '学时太大',
      '开放签到时间太小',
      '迟到宽限时间必须是整数',
      '直播链接格式不正确',
      '学习材料格式不正确',
    ]) {
      expect(wrong).toContain(m);
    }
    expect(wrong).not.toContain('此项');

    const reversed = await post(trainer, '/trainer/sessions', { ...base, endsAt: '2099-03-01T08:00' });
    expect(reversed).toContain('结束时间必须晚于开始时间');
    const closes = await post(trainer, '/trainer/sessions', { ...base, checkInClosesAt: '2099-03-01T08:00' });
    expect(closes).toContain('签到截止时间必须晚于开始时间');
    const venue = await post(trainer, '/trainer/sessions', { ...base, venues: '一社区分会场 | nobody_here' });
    expect(venue).toContain('分会场');
    expect(venue).not.toContain('此项');
  });

  it('should tell the person what to fill in on the login and password forms', async () => {
    const agent = request.agent(t.http);
    const loginPage = await agent.get('/login').expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.text)?.[1];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ username: '', password: '', _csrf: csrf, next: '/learning' })
      .expect(303);
    expect(res.headers.location).toBe('/login?next=%2Flearning&missing=1');
    const text = visibleText((await agent.get(res.headers.location).expect(200)).text);
    expect(RAW.exec(text)).toBeNull();
    expect(text).toContain('请填写用户名和密码后再登录');
    expect(text).not.toMatch(/username：/);

    const officer = await pageLogin(t.http, 'officer_b', TEST_PASSWORD);
    const empty = await post(officer, '/account/password', {});
    expect(empty).toContain('请填写当前密码');
    await post(officer, '/account/password', {
      currentPassword: 'wrong-pass-1',
      newPassword: 'Long-Enough-1',
      confirmPassword: 'Long-Enough-1',
    });
    await post(officer, '/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
      confirmPassword: 'short',
    });
  });

  it('should name a field, never say 此项, when the main forms are posted with every input empty', async () => {
    const officer = await pageLogin(t.http, 'officer_a', TEST_PASSWORD);
    const forms: Array<[PageSession, string, Record<string, string>, string]> = [
      [admin, '/admin/users', { username: '', name: '', password: '', unitId: '', role: '' }, '请填写姓名'],
      [admin, '/admin/units', { name: '', kind: '', parentId: '' }, '请填写单位名称'],
      [trainer, '/trainer/assignments', { courseId: '', dueDate: '', users: '', note: '' }, '请选择截止日期'],
      [
        trainer,
        '/trainer/sessions',
        {
          title: '',
          kind: '',
          startsAt: '',
          endsAt: '',
          creditHours: '',
          location: '',
          streamUrl: '',
          venues: '',
          materials: '',
        },
        '请填写培训名称',
      ],
      [
        officer,
        '/account/password',
        { currentPassword: '', newPassword: '', confirmPassword: '' },
        '请填写当前密码',
      ],
    ];
    for (const [session, path, body, named] of forms) {
      const text = await post(session, path, body);
      expect({ path, named: text.includes(named), nameless: text.includes('此项') }).toEqual({
        path,
        named: true,
        nameless: false,
      });
    }
  });
});
