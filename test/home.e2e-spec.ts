import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Assignment } from '../src/assignments/entities/assignment.entity';
import { AssignmentTarget } from '../src/assignments/entities/assignment-target.entity';
import { User } from '../src/users/entities/user.entity';
import { createCourseWithLessons } from './factories/course.factory';
import { createOrganisation, createUser, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

const DAY = 24 * 3600_000;
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Each role's home page: the officer's is a to-do list, the others keep their overview without repeating the name. */
describe('Home pages (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  /** Written directly: the API refuses due dates in the past, which an overdue assignment needs. */
  async function assign(courseId: string, userId: string, dueAt: Date): Promise<void> {
    const id = randomUUID();
    await t.dataSource
      .getRepository(Assignment)
      .insert({ id, courseId, dueAt, createdById: org.users.trainer.id, createdAt: new Date(), note: null });
    await t.dataSource.getRepository(AssignmentTarget).insert({
      id: randomUUID(),
      assignmentId: id,
      kind: 'user',
      unitId: null,
      includeSubtree: false,
      role: null,
      userId,
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    await createUser(t.dataSource, org.units.bureau, 'admin', { username: 'sysadmin', name: '系统管理员' });
    for (const name of ['officer_a', 'sysadmin', 'trainer', 'officer_b']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
  }, 60_000);
  afterAll(() => t.close());

  it('should print the admin’s name and role once, not twice, when the name is the role (defect 11)', async () => {
    const page = await request(t.http).get('/').set(auth('sysadmin')).expect(200);
    const visibleText = page.text.replace(/<[^>]*>/g, ' ');
    expect(count(visibleText, '系统管理员')).toBe(1);
    expect(mainOf(page.text)).toContain('测试区信访局');
    const other = await request(t.http).get('/').set(auth('officer_a')).expect(200);
    expect(mainOf(other.text)).not.toContain(org.users.officerA.name);
  });

  it('should show an officer what to do next: overdue first with due dates, the course in progress, this year’s 学时', async () => {
    const soon = await createCourseWithLessons(t.dataSource, 2, { title: '尚未开始的课程' });
    const late = await createCourseWithLessons(t.dataSource, 2, { title: '已经逾期的课程' });
    const started = await createCourseWithLessons(t.dataSource, 3, { title: '学了一半的课程' });
    const done = await createCourseWithLessons(t.dataSource, 1, { title: '已完成的课程', creditHours: 3 });
    await assign(soon.course.id, org.users.officerA.id, new Date(Date.now() + 10 * DAY));
    await assign(late.course.id, org.users.officerA.id, new Date(Date.now() - 2 * DAY));
    await assign(done.course.id, org.users.officerA.id, new Date(Date.now() + 5 * DAY));
    await request(t.http)
      .post(`/api/lessons/${started.lessons[0].id}/complete`)
      .set(auth('officer_a'))
      .expect(200);
    await request(t.http)
      .post(`/api/lessons/${done.lessons[0].id}/complete`)
      .set(auth('officer_a'))
      .expect(200);

    const page = await request(t.http).get('/').set(auth('officer_a')).expect(200);
    const todos = /data-testid="officer-todos">([\s\S]*?)<\/section>/.exec(page.text)?.[1] ?? '';
    expect(todos.indexOf('已经逾期的课程')).toBeGreaterThan(-1);
    expect(todos.indexOf('已经逾期的课程')).toBeLessThan(todos.indexOf('尚未开始的课程'));
    expect(todos).not.toContain('已完成的课程');
    expect(todos).toContain('已逾期');
    expect(todos).toMatch(/截止 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    expect(todos).toContain(`href="/lessons/${late.lessons[0].id}"`);
    expect(page.text).toContain('有 1 项学习任务已逾期');
    expect(page.text).not.toContain('data-testid="home-links"'); // a to-do list, not three link cards

    const inProgress = /data-testid="in-progress">([\s\S]*?)<\/section>/.exec(page.text)?.[1] ?? '';
    expect(inProgress).toContain('学了一半的课程');
    expect(inProgress).toContain(`href="/lessons/${started.lessons[1].id}"`);
    expect(inProgress).toContain('继续学习');
    expect(/data-testid="home-credits">([\s\S]*?)<\/section>/.exec(page.text)?.[1]).toContain(
      '<div class="stat">3</div>',
    );
  });

  it('should tell an officer without assignments that nothing is waiting', async () => {
    const page = await request(t.http).get('/').set(auth('officer_b')).expect(200);
    expect(page.text).toContain('没有待完成的学习任务');
  });

  it('should show a trainer the recent assignments and an admin the account counts', async () => {
    const trainer = await request(t.http).get('/').set(auth('trainer')).expect(200);
    expect(trainer.text).toContain('最近布置的学习任务');
    expect(trainer.text).toContain('已经逾期的课程');
    await t.dataSource.getRepository(User).update({ username: 'officer_d' }, { disabled: true });
    const admin = await request(t.http).get('/').set(auth('sysadmin')).expect(200);
    const stats = /data-testid="home-stats">([\s\S]*?)<\/div>\s*\n/.exec(admin.text)?.[1] ?? '';
    expect(stats).toMatch(
      /<div class="stat">7<\/div><div class="stat-label"><a href="\/admin\/users\?status(=|&#x3D;)active">在用账号/,
    );
    expect(stats).toMatch(
      /<div class="stat">1<\/div><div class="stat-label"><a href="\/admin\/users\?status(=|&#x3D;)disabled">已停用账号/,
    );
  });
});
