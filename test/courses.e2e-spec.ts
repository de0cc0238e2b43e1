import request from 'supertest';
import { createCourseWithLessons, createLesson } from './factories/course.factory';
import { createOrganisation, TEST_PASSWORD } from './factories/organisation.factory';
import { apiLogin, createTestApp, TestApp } from './utils/create-test-app';

const DAY = 24 * 3600_000;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Signs in through the login form, as a browser does: the agent keeps the session cookie. */
async function webLogin(t: TestApp, username: string) {
  const agent = request.agent(t.http);
  const form = await agent.get('/login').expect(200);
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(form.text), username, password: TEST_PASSWORD, next: '/' })
    .expect(303);
  return agent;
}

describe('Courses, lessons and learning pages (e2e)', () => {
  let t: TestApp;
  let org: Awaited<ReturnType<typeof createOrganisation>>;
  let course: Awaited<ReturnType<typeof createCourseWithLessons>>['course'];
  let lessons: Awaited<ReturnType<typeof createCourseWithLessons>>['lessons'];
  const tokens: Record<string, string> = {};
  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });

  beforeAll(async () => {
    t = await createTestApp();
    org = await createOrganisation(t.dataSource);
    ({ course, lessons } = await createCourseWithLessons(t.dataSource, 3, {
      title: '第三章 信访事项的提出和受理',
      sortOrder: 2,
    }));
    await createLesson(t.dataSource, course, 9, { retiredAt: new Date(), title: '已停用课时' });
    await createCourseWithLessons(t.dataSource, 1, { title: '排在前面的课程', sortOrder: 1 });
    await createCourseWithLessons(t.dataSource, 1, {
      title: '已停用课程',
      sortOrder: 3,
      retiredAt: new Date(),
    });
    for (const name of ['trainer', 'officer_a', 'officer_b']) {
      tokens[name] = await apiLogin(t.http, name, TEST_PASSWORD);
    }
  }, 60_000);
  afterAll(() => t.close());

  it('should list non-retired courses in catalog order with the caller’s progress', async () => {
    await request(t.http).post(`/api/lessons/${lessons[0].id}/complete`).set(auth('officer_a')).expect(200);
    const res = await request(t.http).get('/api/courses').set(auth('officer_a')).expect(200);
    expect(res.body.items.map((c: { title: string }) => c.title)).toEqual(['排在前面的课程', course.title]);
    expect(res.body.total).toBe(2);
    expect(res.body.items[1]).toMatchObject({
      id: course.id,
      creditHours: 2,
      validityMonths: 12,
      progress: { lessonsRead: 1, lessonsTotal: 3, completed: false, validUntil: null },
    });
    const other = await request(t.http).get('/api/courses').set(auth('officer_b')).expect(200);
    expect(other.body.items[1].progress.lessonsRead).toBe(0);
  });

  it('should return a course with its lessons, read ticks and no quiz yet', async () => {
    const res = await request(t.http).get(`/api/courses/${course.id}`).set(auth('officer_a')).expect(200);
    expect(res.body).toMatchObject({
      id: course.id,
      title: course.title,
      summary: course.summary,
      passMark: 80,
      quizId: null,
    });
    expect(res.body.lessons).toEqual([
      { id: lessons[0].id, title: lessons[0].title, completed: true },
      { id: lessons[1].id, title: lessons[1].title, completed: false },
      { id: lessons[2].id, title: lessons[2].title, completed: false },
    ]);
    expect(
      (await request(t.http).get('/api/courses/nope').set(auth('officer_a')).expect(404)).body.code,
    ).toBe('COURSE.NOT_FOUND');
  });

  it('should return a lesson with its HTML, articles and dimension', async () => {
    const res = await request(t.http).get(`/api/lessons/${lessons[1].id}`).set(auth('officer_a')).expect(200);
    expect(res.body).toMatchObject({
      id: lessons[1].id,
      courseId: course.id,
      title: lessons[1].title,
      html: lessons[1].bodyHtml,
      articles: [22],
      dimension: 'acceptance',
      completed: false,
      prevId: lessons[0].id,
      nextId: lessons[2].id,
    });
    expect(
      (await request(t.http).get('/api/lessons/nope').set(auth('officer_a')).expect(404)).body.code,
    ).toBe('LESSON.NOT_FOUND');
  });

  it('should render the catalog, the course page and the reader for an officer', async () => {
    const catalog = await request(t.http)
      .get('/courses')
      .set(auth('officer_a'))
      .expect(200)
      .expect('Content-Type', /html/);
    expect(catalog.text).toContain(course.title);
    expect(catalog.text).toContain('style="width:33%"'); // 1 of 3 lessons read
    expect(catalog.text).not.toContain('已停用课程');

    const page = await request(t.http).get(`/courses/${course.id}`).set(auth('officer_a')).expect(200);
    expect(page.text).toContain('已读 1 / 3');
    expect(page.text).toContain('style="width:33%"');
    expect(page.text).toContain(`/lessons/${lessons[1].id}`);

    const reader = await request(t.http).get(`/lessons/${lessons[1].id}`).set(auth('officer_a')).expect(200);
    expect(reader.text).toContain('class="prose"');
    expect(reader.text).toContain('href="/regulation#article-22"');
    expect(reader.text).toContain('<a href="/regulation/articles/22">第二十二条</a>'); // cited articles, linked
    expect(reader.text).toContain('标记已读并进入下一课节');
    expect(reader.text).toContain(`/lessons/${lessons[0].id}`); // previous
    expect(reader.text).toContain(`/lessons/${lessons[2].id}`); // next
    const trainerView = await request(t.http)
      .get(`/lessons/${lessons[1].id}`)
      .set(auth('trainer'))
      .expect(200);
    expect(trainerView.text).not.toContain('data-testid="mark-read"');
  });

  it('should mark a lesson read through the reader form and go on to the next 课节 (PRG)', async () => {
    const agent = await webLogin(t, 'officer_b');
    const reader = await agent.get(`/lessons/${lessons[0].id}`).expect(200);
    await agent.post(`/lessons/${lessons[0].id}/complete`).type('form').send({}).expect(403); // no CSRF token
    const res = await agent
      .post(`/lessons/${lessons[0].id}/complete`)
      .type('form')
      .send({ _csrf: csrfOf(reader.text) })
      .expect(303);
    expect(res.headers.location).toBe(`/lessons/${lessons[1].id}?ok=read`);
    const after = await agent.get(res.headers.location).expect(200);
    expect(after.text).toContain('上一课节已标记为已读');
    expect(after.text).toContain(lessons[1].title);
    const back = await agent.get(`/lessons/${lessons[0].id}`).expect(200);
    expect(back.text).not.toContain('data-testid="mark-read"');
    expect(back.text).toContain('进入下一课节');
  });

  it('should take the officer to the course page after the last 课节 and offer review, not 继续学习, once finished', async () => {
    const { course: two, lessons: twoLessons } = await createCourseWithLessons(t.dataSource, 2, {
      title: '两课节的课程',
    });
    const agent = await webLogin(t, 'officer_d');
    const first = await agent.get(`/lessons/${twoLessons[0].id}`).expect(200);
    const toSecond = await agent
      .post(`/lessons/${twoLessons[0].id}/complete`)
      .type('form')
      .send({ _csrf: csrfOf(first.text) })
      .expect(303);
    expect(toSecond.headers.location).toBe(`/lessons/${twoLessons[1].id}?ok=read`);
    const second = await agent.get(toSecond.headers.location).expect(200);
    expect(second.text).toContain('标记已读并返回课程');
    const midway = await agent.get(`/courses/${two.id}`).expect(200);
    expect(midway.text).toContain('继续学习');

    const done = await agent
      .post(`/lessons/${twoLessons[1].id}/complete`)
      .type('form')
      .send({ _csrf: csrfOf(second.text) })
      .expect(303);
    expect(done.headers.location).toMatch(new RegExp(`^/courses/${two.id}\\?ok=completed&code=[0-9A-Z]+$`));
    const coursePage = await agent.get(done.headers.location).expect(200);
    expect(coursePage.text).toContain('恭喜，课程已完成');
    expect(coursePage.text).not.toContain('继续学习');
    expect(coursePage.text).toContain('复习');
    expect(coursePage.text).toContain('课程大纲');

    // Reading the last 课节 again (review) goes back to the course page with a plain message.
    const again = await agent
      .post(`/lessons/${twoLessons[1].id}/complete`)
      .type('form')
      .send({ _csrf: csrfOf(second.text) })
      .expect(303);
    expect(again.headers.location).toBe(`/courses/${two.id}?ok=reviewed`);
  });

  it('should call a lesson 课节 (never 课时) and name the catalog 课程中心 on the pages an officer reads', async () => {
    for (const path of ['/courses', `/courses/${course.id}`, `/lessons/${lessons[1].id}`, '/learning', '/']) {
      const page = await request(t.http).get(path).set(auth('officer_a')).expect(200);
      const main = page.text.slice(page.text.indexOf('<main'));
      expect({ path, lessonWord: main.includes('课时') }).toEqual({ path, lessonWord: false });
      expect({ path, catalogWord: page.text.includes('课程目录') }).toEqual({ path, catalogWord: false });
    }
    const catalog = await request(t.http).get('/courses').set(auth('officer_a')).expect(200);
    expect(catalog.text).toContain('<h1>课程中心</h1>');
  });

  it('should show 我的学习 to an officer with assignments, 学时 and certificates', async () => {
    const { course: short, lessons: shortLessons } = await createCourseWithLessons(t.dataSource, 1, {
      title: '初信初访办理',
      creditHours: 1,
    });
    await request(t.http)
      .post('/api/assignments')
      .set(auth('trainer'))
      .send({
        courseId: course.id,
        unitIds: [org.units.streetA.id],
        dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
      })
      .expect(201);
    await request(t.http)
      .post(`/api/lessons/${shortLessons[0].id}/complete`)
      .set(auth('officer_a'))
      .expect(200);

    const page = await request(t.http)
      .get('/learning')
      .set(auth('officer_a'))
      .expect(200)
      .expect('Content-Type', /html/);
    expect(page.text).toContain('我的学习');
    expect(page.text).toContain(course.title);
    expect(page.text).toContain('待完成');
    expect(page.text).toContain(short.title);
    expect(page.text).toMatch(/data-testid="credit-total">1</);
    expect(page.text).toContain('/certificates/');
  });

  it('should let a trainer create an assignment from the form and open its status page', async () => {
    const agent = await webLogin(t, 'trainer');
    const index = await agent.get('/trainer/assignments').expect(200).expect('Content-Type', /html/);
    expect(index.text).toContain('含下级单位');
    expect(index.text).toContain('type="date"');
    const csrf = csrfOf(index.text);

    const missing = await agent
      .post('/trainer/assignments')
      .type('form')
      .send({ _csrf: csrf, courseId: course.id, dueDate: '2099-06-30' })
      .expect(400);
    expect(missing.text).toContain('请至少选择一个单位、角色或人员');

    const created = await agent
      .post('/trainer/assignments')
      .type('form')
      .send(
        `_csrf=${csrf}&courseId=${course.id}&unitIds=${org.units.streetB.id}&unitIds=${org.units.dept.id}&includeSubtree=1&dueDate=2099-06-30&users=officer_a`,
      )
      .expect(303);
    expect(created.headers.location).toMatch(
      /^\/trainer\/assignments\/[0-9a-f-]{36}\?ok=created&count=3&merged=\d+$/,
    );
    const status = await agent.get(created.headers.location).expect(200);
    expect(status.text).toContain('学习任务已布置，共 3 人');
    expect(status.text).toContain('2099/06/30'); // end of that day in Asia/Shanghai
    expect(status.text).toContain('2099/06/30 23:59');
    expect(status.text).toContain(org.units.streetB.name);
    expect(status.text).toContain(org.units.dept.name);

    const list = await agent.get('/trainer/assignments').expect(200);
    expect(list.text).toContain(`${org.units.streetB.name}（含下级） · 信访干部`);
  });

  it('should answer a form with repeated or malformed fields with 400 and the form again, never 500', async () => {
    const agent = await webLogin(t, 'trainer');
    const csrf = csrfOf((await agent.get('/trainer/assignments').expect(200)).text);
    const base = `_csrf=${csrf}&courseId=${course.id}&roles=officer`;
    const cases: Array<[string, string]> = [
      [`${base}&dueDate=2099-06-30&dueDate=2099-07-01`, '请选择截止日期'],
      [`${base}&dueDate=2099-13-45`, '请选择截止日期'],
      [`${base}&dueDate=2099-06-30&note=a&note=b`, '备注格式不正确'],
    ];
    for (const [body, message] of cases) {
      const res = await agent.post('/trainer/assignments').type('form').send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.text).toContain(message);
      expect(res.text).toContain('data-testid="assignment-form"');
    }
    const repeatedUsers = await agent
      .post('/trainer/assignments')
      .type('form')
      .send(`_csrf=${csrf}&courseId=${course.id}&dueDate=2099-06-30&users=officer_a&users=officer_b`)
      .expect(303);
    expect(repeatedUsers.headers.location).toMatch(/\?ok=created&count=2&merged=\d+$/);
  });

  it('should keep trainer pages from officers', async () => {
    await request(t.http).get('/trainer/assignments').set(auth('officer_a')).expect(403);
  });
});
