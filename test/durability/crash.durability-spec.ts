import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Course } from '../../src/content/entities/course.entity';
import { Lesson } from '../../src/content/entities/lesson.entity';
import { QuestionVersion } from '../../src/content/entities/question-version.entity';
import { Question } from '../../src/content/entities/question.entity';
import { buildDataSourceOptions } from '../../src/database/typeorm.options';
import { Quiz } from '../../src/quizzes/entities/quiz.entity';
import { Unit } from '../../src/units/entities/unit.entity';
import { UnitMembership } from '../../src/units/membership/unit-membership.entity';
import { User } from '../../src/users/entities/user.entity';
import { createCourseWithLessons } from '../factories/course.factory';
import { createOrganisation, createUser, TEST_PASSWORD } from '../factories/organisation.factory';
import { createBank, createQuiz } from '../factories/quiz.factory';
import { AppProcess, freePort } from './app-process';
import { integrityChecks } from './integrity-checks';
import { Client } from 'pg';

/**
 * Crash durability (issue 7): the app runs as a child process on SQLite (or, with DB_TYPE=postgres,
 * on a PostgreSQL database of its own) under a write load (lesson
 * completions, assignments, users, quiz attempts through the API) and is SIGKILLed several times mid-load, then
 * restarted. Afterwards every write the app acknowledged (2xx) is in the database, SQLite's
 * integrity check passes, nothing is half-written (see integrity-checks.ts) and every outbox event
 * is still there to be delivered. Loopback only; bounded in kills, load and time.
 */
const KILLS = 5;
/** Load time before each SIGKILL; varied so the kill lands at different points of the writes. */
const LOAD_MS = [1200, 2100, 1500, 2600, 1800];
const OFFICERS = 10;
const COURSES = 50;
const COMPLETION_WORKERS = 4;
/** Courses with a final quiz (one lesson each, a bank of single-choice questions keyed 'B'). */
const QUIZ_COURSES = 4;
const QUIZ_QUESTIONS = 4;
const QUIZ_WORKERS = 2;

const WORK_DIR = join(__dirname, '..', '..', 'tmp', 'durability');
const run = randomBytes(4).toString('hex');
const SQLITE_PATH = join(WORK_DIR, `crash_${run}.sqlite`);
const PG = process.env.DB_TYPE === 'postgres';
const PG_ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_URL = Object.assign(new URL(PG_ADMIN_URL), { pathname: `/pt_durability_${run}` }).toString();
const DB_ENV: { DB_TYPE: 'sqlite' | 'postgres'; SQLITE_PATH: string; DATABASE_URL: string } = {
  DB_TYPE: PG ? 'postgres' : 'sqlite',
  SQLITE_PATH,
  DATABASE_URL: PG ? PG_URL : '',
};

interface Acked {
  completions: Array<{ userId: string; courseId: string }>;
  assignments: string[];
  users: string[];
  /** Submits answered 2xx, with the score and outcome the app reported. */
  submits: Array<{ id: string; score: number; passed: boolean }>;
}

describe(`Crash durability on ${PG ? 'PostgreSQL' : 'SQLite'} (SIGKILL under write load)`, () => {
  let app: AppProcess;
  const acked: Acked = { completions: [], assignments: [], users: [], submits: [] };
  let seeded: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    mkdirSync(WORK_DIR, { recursive: true });
    if (PG) await pgAdmin(`CREATE DATABASE "pt_durability_${run}"`);
    seeded = await seed();
    const env = {
      NODE_ENV: 'test',
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ...DB_ENV,
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      CONTENT_IMPORT_ON_START: 'false',
      QUEUE_PREFIX: `pt_durability_${run}`,
    };
    app = new AppProcess(env, join(WORK_DIR, `crash_${run}.log`));
  });

  afterAll(async () => {
    await app?.stop();
    if (process.env.KEEP_DURABILITY_DB) return;
    if (PG) await pgAdmin(`DROP DATABASE IF EXISTS "pt_durability_${run}" WITH (FORCE)`);
    else for (const suffix of ['', '-wal', '-shm']) rmSync(`${SQLITE_PATH}${suffix}`, { force: true });
  });

  it(`should keep every acknowledged write and nothing half-written across ${KILLS} SIGKILLs`, async () => {
    await app.start();
    const tokens = await signIn(app, seeded.usernames);
    const pairs = shuffle(seeded.officers.flatMap((o) => seeded.lessons.map((l) => ({ officer: o, ...l }))));
    let nextPair = 0;
    let userSeq = 0;

    for (let cycle = 0; cycle < KILLS; cycle++) {
      let running = true;
      const send = (method: 'POST' | 'PUT', path: string, token: string, body?: object) =>
        fetch(`${app.baseUrl}${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body ?? {}),
          signal: AbortSignal.timeout(10_000),
        });
      const post = (path: string, token: string, body?: object) => send('POST', path, token, body);
      /** Repeats one kind of write until the kill; only 2xx answers count as acknowledged. */
      const worker = async (write: () => Promise<void>) => {
        while (running) await write().catch(() => undefined); // refused connections while the app is dead
      };
      const completion = async () => {
        const pair = pairs[nextPair++];
        if (!pair) return void (running = false);
        const res = await post(`/api/lessons/${pair.lessonId}/complete`, tokens[pair.officer.username]);
        const body = (await res.json()) as { courseCompleted?: boolean };
        if (res.ok && body.courseCompleted) {
          acked.completions.push({ userId: pair.officer.id, courseId: pair.courseId });
        }
      };
      const assignment = async () => {
        const course = seeded.lessons[Math.floor(Math.random() * seeded.lessons.length)];
        const userIds = [seeded.officers[Math.floor(Math.random() * seeded.officers.length)].id];
        const res = await post('/api/assignments', tokens.trainer, {
          courseId: course.courseId,
          userIds,
          dueAt: '2099-12-31',
        });
        if (res.status === 201) acked.assignments.push(((await res.json()) as { id: string }).id);
      };
      const user = async () => {
        const username = `dur_${run}_${userSeq++}`;
        const res = await post('/api/users', tokens.admin, {
          username,
          name: '持久性测试',
          password: 'Durable-Pass-42',
          role: 'officer',
          unitId: seeded.unitId,
        });
        if (res.status === 201) acked.users.push(((await res.json()) as { id: string }).id);
      };
      /** Reads the quiz course's lesson, starts (or resumes) its attempt, saves half the answers and submits the rest; some with one wrong answer (a fail). */
      const quizAttempt = async () => {
        const officer = seeded.officers[Math.floor(Math.random() * seeded.officers.length)];
        const quiz = seeded.quizCourses[Math.floor(Math.random() * seeded.quizCourses.length)];
        const token = tokens[officer.username];
        if (!(await post(`/api/lessons/${quiz.lessonId}/complete`, token)).ok) return;
        const start = await post(`/api/quizzes/${quiz.courseId}/attempts`, token);
        if (!start.ok) return;
        const paper = (await start.json()) as { id: string; questions: Array<{ id: string }> };
        const wrong = Math.random() < 0.3;
        const answers = paper.questions.map((q, i) => ({
          questionId: q.id,
          optionIds: [wrong && i === 0 ? 'A' : 'B'],
        }));
        const half = Math.ceil(answers.length / 2);
        if (
          !(
            await send('PUT', `/api/attempts/${paper.id}/answers`, token, { answers: answers.slice(0, half) })
          ).ok
        ) {
          return;
        }
        const submit = await post(`/api/attempts/${paper.id}/submit`, token, {
          answers: answers.slice(half),
        });
        if (submit.ok) {
          acked.submits.push((await submit.json()) as { id: string; score: number; passed: boolean });
        }
      };
      const workers = [
        ...Array.from({ length: QUIZ_WORKERS }, () => worker(quizAttempt)),
        ...Array.from({ length: COMPLETION_WORKERS }, () => worker(completion)),
        worker(assignment),
        worker(user),
      ];
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS[cycle % LOAD_MS.length]));
      await app.kill();
      running = false;
      await Promise.all(workers);
      await app.start(); // recovers from whatever the kill left behind
    }

    expect(acked.completions.length).toBeGreaterThan(0);
    expect(acked.assignments.length).toBeGreaterThan(0);
    expect(acked.submits.some((s) => s.passed)).toBe(true);
    const certificates = await fetch(`${app.baseUrl}/api/me/certificates?limit=200`, {
      headers: { Authorization: `Bearer ${tokens[seeded.officers[0].username]}` },
    });
    expect(certificates.status).toBe(200); // the restarted app serves what was written
    await app.stop();

    const db = new DataSource(buildDataSourceOptions(DB_ENV));
    await db.initialize();
    /** `?` placeholders, numbered for PostgreSQL. */
    const all = <T>(sql: string, ...params: unknown[]) => {
      let i = 0;
      return db.query(PG ? sql.replace(/\?/g, () => `$${++i}`) : sql, params) as Promise<T[]>;
    };
    const get = async <T>(sql: string, ...params: unknown[]) => (await all<T>(sql, ...params))[0];
    const count = async (sql: string) => Number((await get<{ n: number | string }>(sql)).n);
    try {
      if (!PG) {
        expect(await all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(await all('PRAGMA foreign_key_check')).toEqual([]);
      }

      const has = async (sql: string, ...params: unknown[]) => Boolean(await get(sql, ...params));
      const missing = {
        completions: await filterAsync(
          acked.completions,
          async (c) =>
            !(await has(
              'SELECT 1 FROM course_completions WHERE "userId" = ? AND "courseId" = ?',
              c.userId,
              c.courseId,
            )),
        ),
        assignments: await filterAsync(
          acked.assignments,
          async (id) => !(await has('SELECT 1 FROM assignments WHERE id = ?', id)),
        ),
        users: await filterAsync(
          acked.users,
          async (id) => !(await has('SELECT 1 FROM users WHERE id = ?', id)),
        ),
        // Finished with the very score and outcome the app answered (float4 on PostgreSQL: to a thousandth).
        submits: await filterAsync(acked.submits, async (s) => {
          const row = await get<{ state: string; score: number; passed: number | boolean }>(
            'SELECT state, score, passed FROM quiz_attempts WHERE id = ?',
            s.id,
          );
          return (
            !row ||
            row.state !== 'finished' ||
            Math.abs(Number(row.score) - s.score) >= 0.001 ||
            Boolean(row.passed) !== s.passed
          );
        }),
      };
      expect(missing).toEqual({ completions: [], assignments: [], users: [], submits: [] });

      const checks = integrityChecks(PG ? 'postgres' : 'sqlite');
      const violations: Record<string, unknown[]> = {};
      for (const check of checks) violations[check.name] = await all(check.sql);
      expect(violations).toEqual(Object.fromEntries(checks.map((check) => [check.name, []])));

      // One event per completion, none lost: an event is either published (delivered) or still waiting
      // for the relay.
      const events = await count("SELECT COUNT(*) AS n FROM outbox_events WHERE type = 'course.completed'");
      const completions = await count('SELECT COUNT(*) AS n FROM course_completions');
      expect(events).toBe(completions);
      expect(completions).toBeGreaterThanOrEqual(acked.completions.length);
      const attempts = await all<{ state: string; n: number; passed: number | null }>(
        `SELECT state, COUNT(*) AS n, SUM(CASE WHEN passed THEN 1 ELSE 0 END) AS passed FROM quiz_attempts GROUP BY state`,
      );
      const quizCompletions = await count(
        `SELECT COUNT(*) AS n FROM course_completions WHERE "courseId" LIKE 'durability-quiz-%'`,
      );
      console.warn(
        `durability (${PG ? 'PostgreSQL' : 'SQLite'}): ${KILLS} SIGKILLs; acknowledged ${acked.completions.length} completions, ${acked.assignments.length} assignments, ` +
          `${acked.users.length} users, ${acked.submits.length} quiz submits of ${new Set(acked.submits.map((s) => s.id)).size} attempts ` +
          `(${acked.submits.filter((s) => s.passed).length} passed; two workers may resume and submit the same attempt); ` +
          `${completions} completions (${quizCompletions} of quiz courses) and ${events} course.completed events in the database; ` +
          `attempts ${attempts.map((a) => `${a.state} ${a.n}${a.state === 'finished' ? ` (${a.passed ?? 0} passed)` : ''}`).join(', ')}`,
      );
    } finally {
      await db.destroy();
    }
  });
});

/** The organisation and one-lesson courses, written before the first start (migrations included). */
async function seed() {
  const ds = new DataSource({
    ...buildDataSourceOptions(DB_ENV),
    entities: [Unit, UnitMembership, User, Course, Lesson, Question, QuestionVersion, Quiz],
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const org = await createOrganisation(ds);
    const officers: User[] = [];
    for (let i = 0; i < OFFICERS; i++) {
      officers.push(
        await createUser(ds, i % 2 ? org.units.streetA : org.units.streetB, 'officer', {
          username: `load_officer_${i}`,
        }),
      );
    }
    const lessons: Array<{ courseId: string; lessonId: string }> = [];
    for (let i = 0; i < COURSES; i++) {
      const {
        course,
        lessons: [lesson],
      } = await createCourseWithLessons(ds, 1, { id: `durability-${i}` });
      lessons.push({ courseId: course.id, lessonId: lesson.id });
    }
    const quizCourses: Array<{ courseId: string; lessonId: string }> = [];
    for (let i = 0; i < QUIZ_COURSES; i++) {
      const {
        course,
        lessons: [lesson],
      } = await createCourseWithLessons(ds, 1, { id: `durability-quiz-${i}` });
      await createBank(ds, course, QUIZ_QUESTIONS + 2, () => ({ type: 'single', answer: ['B'] }));
      await createQuiz(ds, course, {
        questionCount: QUIZ_QUESTIONS,
        attemptsAllowed: 1000,
        timeLimitMinutes: 60,
      });
      quizCourses.push({ courseId: course.id, lessonId: lesson.id });
    }
    return {
      officers,
      lessons,
      quizCourses,
      unitId: org.units.streetA.id,
      usernames: ['admin', 'trainer', ...officers.map((o) => o.username)],
    };
  } finally {
    await ds.destroy();
  }
}

async function signIn(app: AppProcess, usernames: string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const username of usernames) {
    const res = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    tokens[username] = ((await res.json()) as { accessToken: string }).accessToken;
  }
  return tokens;
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

async function filterAsync<T>(items: T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const kept: T[] = [];
  for (const item of items) if (await keep(item)) kept.push(item);
  return kept;
}

async function pgAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
