import { DataSource } from 'typeorm';
import { Course } from '../../src/content/entities/course.entity';
import { Lesson } from '../../src/content/entities/lesson.entity';

let seq = 0;

/** A course row as the content importer would write it (inserted directly: tests do not run the importer). */
export async function createCourse(ds: DataSource, overrides: Partial<Course> = {}): Promise<Course> {
  seq += 1;
  const id = overrides.id ?? `test-course-${seq}`;
  await ds.getRepository(Course).insert({
    id,
    title: `测试课程 ${seq}`,
    summary: '用于测试的课程。',
    creditHours: 2,
    validityMonths: 12,
    passMark: 80,
    requiredRoles: ['officer'],
    sortOrder: seq * 10,
    quiz: null,
    contentHash: `hash-${id}`,
    retiredAt: null,
    ...overrides,
  });
  return ds.getRepository(Course).findOneByOrFail({ id });
}

export async function createLesson(
  ds: DataSource,
  course: Course,
  order: number,
  overrides: Partial<Lesson> = {},
): Promise<Lesson> {
  const id = overrides.id ?? `${course.id}-${String(order).padStart(2, '0')}`;
  await ds.getRepository(Lesson).insert({
    id,
    courseId: course.id,
    sortOrder: order,
    title: `第${order}课节`,
    articles: [22],
    dimension: 'acceptance',
    bodyMarkdown: `正文 ${order}，见[第二十二条](article:22)。`,
    bodyHtml: `<p>正文 ${order}，见<a href="/regulation#article-22">第二十二条</a>。</p>`,
    contentHash: `hash-${id}`,
    retiredAt: null,
    ...overrides,
  });
  return ds.getRepository(Lesson).findOneByOrFail({ id });
}

/** A course with `lessonCount` lessons, in order. */
export async function createCourseWithLessons(
  ds: DataSource,
  lessonCount: number,
  overrides: Partial<Course> = {},
) {
  const course = await createCourse(ds, overrides);
  const lessons: Lesson[] = [];
  for (let i = 1; i <= lessonCount; i++) lessons.push(await createLesson(ds, course, i));
  return { course, lessons };
}
