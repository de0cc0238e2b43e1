import 'reflect-metadata';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { generateOrganisation } from '../../bench/scoring-data';
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
import { createUser, TEST_PASSWORD } from '../factories/organisation.factory';
import { createBank, createQuiz } from '../factories/quiz.factory';
import { holdWriteLock } from '../utils/outside-lock';
import { AppProcess, freePort } from './app-process';

/**
 * The deployment README and docs/operations.md describe: the app with SCORING_WORKER=false and the
 * scoring worker (src/worker.ts) as its own process on the same SQLite file. A full scoring run over
 * a backlog while officers sign in and submit quizzes: every request answers, every acknowledged
 * submit is in the file, the run finishes. Then SIGTERM while another process holds the write lock.
 */
const BACKLOG_OFFICERS = 300;
const BACKLOG_ATTEMPTS_EACH = 15; // 4,500 finished attempts
const LOGIN_OFFICERS = 6;
/** A request that has not answered by then hangs (before: for good). */
const ANSWER_WITHIN_MS = 30_000;

const WORK_DIR = join(__dirname, '..', '..', 'tmp', 'durability');
const run = randomBytes(4).toString('hex');
const SQLITE_PATH = join(WORK_DIR, `worker_${run}.sqlite`);

// SQLite only: on PostgreSQL the worker and the app never share a file lock.
(process.env.DB_TYPE === 'postgres' ? describe.skip : describe)(
  'App and scoring worker as two processes on one SQLite file',
  () => {
    let app: AppProcess;
    let worker: AppProcess;
    let seeded: Awaited<ReturnType<typeof seed>>;
    let env: Record<string, string>;

    beforeAll(async () => {
      mkdirSync(WORK_DIR, { recursive: true });
      seeded = await seed();
      env = {
        NODE_ENV: 'test',
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        DB_TYPE: 'sqlite',
        SQLITE_PATH,
        LOG_LEVEL: 'warn',
        DEMO_DATA: 'false',
        CONTENT_IMPORT_ON_START: 'false',
        QUEUE_PREFIX: `pt_durability_${run}`,
        SCORING_WORKER: 'false',
        OUTBOX_POLL_MS: '200',
        SCORING_CHUNK_SIZE: '50',
      };
      app = new AppProcess(env, join(WORK_DIR, `worker_${run}_app.log`));
      // The worker is ready when it logs so (at info).
      worker = new AppProcess(
        { ...env, LOG_LEVEL: 'info' },
        join(WORK_DIR, `worker_${run}_worker.log`),
        'src/worker.ts',
      );
    });

    afterAll(async () => {
      await worker?.stop();
      await app?.stop();
      if (!process.env.KEEP_DURABILITY_DB) {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${SQLITE_PATH}${suffix}`, { force: true });
      }
    });

    const call = async (method: string, path: string, token?: string, body?: object) => {
      try {
        const res = await fetch(`${app.baseUrl}${path}`, {
          method,
          headers: {
            'Content-Type': 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
          signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
        });
        const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        return { status: res.status, body: json };
      } catch (error) {
        return { status: 0, body: { error: String(error) } }; // no answer
      }
    };

    it('answers every sign-in and submit during a full run over a backlog, and keeps every acknowledged submit', async () => {
      await worker.start();
      await app.start();
      const admin = await call('POST', '/api/auth/login', undefined, {
        username: 'admin',
        password: TEST_PASSWORD,
      });
      expect(admin.status).toBe(200);
      const adminToken = admin.body.accessToken as string;
      const requested = await call('POST', '/api/scoring/runs', adminToken, { scope: 'all' });
      expect(requested.status).toBe(202);
      const runId = requested.body.id as string;

      const answers: Array<{ what: string; status: number; code?: unknown }> = [];
      const submitted: string[] = [];
      let state = 'queued';
      // Until the run is over and the worker has had the events of a good many submits to score too.
      const more = () => state !== 'failed' && (state !== 'finished' || submitted.length < 40);
      const officerLoop = async (username: string) => {
        while (more()) {
          const login = await call('POST', '/api/auth/login', undefined, {
            username,
            password: TEST_PASSWORD,
          });
          answers.push({ what: 'login', status: login.status, code: login.body.code });
          if (login.status !== 200) continue;
          const token = login.body.accessToken as string;
          const start = await call('POST', `/api/quizzes/${seeded.examId}/attempts`, token);
          answers.push({ what: 'start', status: start.status, code: start.body.code });
          if (start.status !== 201) continue;
          const submit = await call('POST', `/api/attempts/${start.body.id as string}/submit`, token, {
            answers: [],
          });
          answers.push({ what: 'submit', status: submit.status, code: submit.body.code });
          if (submit.status === 200) submitted.push(start.body.id as string);
        }
      };
      const watcher = async () => {
        for (
          const started = Date.now();
          Date.now() - started < 180_000 && state !== 'finished';
          await new Promise((r) => setTimeout(r, 500))
        ) {
          const view = await call('GET', `/api/scoring/runs/${runId}`, adminToken);
          if (view.status === 200) state = String(view.body.state);
        }
        if (state !== 'finished') state = 'failed';
      };
      await Promise.all([watcher(), ...seeded.usernames.map((u) => officerLoop(u))]);

      expect(state).toBe('finished');
      // Every request answered; a refusal is only ever the 503 DATABASE.BUSY a client may retry.
      expect(answers.filter((a) => a.status === 0)).toEqual([]);
      expect(
        answers.filter((a) => a.status >= 300 && !(a.status === 503 && a.code === 'DATABASE.BUSY')),
      ).toEqual([]);
      expect(submitted.length).toBeGreaterThan(0);
      await worker.stop();
      await app.stop();

      const db = new Database(SQLITE_PATH, { readonly: true });
      try {
        expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        const finished = submitted.filter(
          (id) =>
            (
              db.prepare('SELECT state FROM quiz_attempts WHERE id = ?').get(id) as
                { state?: string } | undefined
            )?.state === 'finished',
        );
        expect(finished).toHaveLength(submitted.length);
        const scored = db.prepare(`SELECT COUNT(*) AS n FROM capability_scores`).get() as { n: number };
        expect(scored.n).toBeGreaterThanOrEqual(BACKLOG_OFFICERS);
        console.warn(
          `two processes: ${answers.length} requests during the run (${answers.filter((a) => a.status === 503).length} answered 503 DATABASE.BUSY), ` +
            `${submitted.length} submits acknowledged and present, ${scored.n} officers scored`,
        );
      } finally {
        db.close();
      }
    });

    it('stops on SIGTERM within 10 s while another process holds the write lock and writes are queued', async () => {
      await worker.stop(); // left running when the first test failed
      await app.stop();
      await app.start();
      const lock = await holdWriteLock(SQLITE_PATH);
      try {
        const pending = seeded.usernames.map((username) =>
          call('POST', '/api/auth/login', undefined, { username, password: TEST_PASSWORD }),
        );
        await new Promise((r) => setTimeout(r, 1000)); // the sign-ins are waiting for the lock
        const signalled = Date.now();
        expect(await app.stop(10_000)).toBe('exited');
        console.warn(
          `SIGTERM with a held lock and ${pending.length} sign-ins waiting: exited after ${Date.now() - signalled} ms`,
        );
        await Promise.all(pending);
      } finally {
        await lock.release();
      }
    });
  },
);

/** The organisation, a few officers who sign in, an exam, and a backlog of finished attempts (bench/scoring-data.ts). */
async function seed() {
  const ds = new DataSource({
    ...buildDataSourceOptions({ DB_TYPE: 'sqlite', SQLITE_PATH }),
    entities: [Unit, UnitMembership, User, Course, Lesson, Question, QuestionVersion, Quiz],
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await generateOrganisation(ds, BACKLOG_OFFICERS, BACKLOG_ATTEMPTS_EACH, () => undefined);
    const units = ds.getRepository(Unit);
    await createUser(ds, await units.findOneByOrFail({ kind: 'bureau' }), 'admin', { username: 'admin' });
    const street = await units.findOneByOrFail({ kind: 'street' });
    const usernames: string[] = [];
    for (let i = 0; i < LOGIN_OFFICERS; i++) {
      usernames.push((await createUser(ds, street, 'officer', { username: `worker_officer_${i}` })).username);
    }
    const { course } = await createCourseWithLessons(ds, 1, { id: 'worker-exam-course' });
    await createBank(ds, course, 8);
    const exam = await createQuiz(ds, null, {
      questionCount: 5,
      attemptsAllowed: 1000,
      draw: [{ count: 5, courses: [course.id] }],
    });
    return { usernames, examId: exam.id };
  } finally {
    await ds.destroy();
  }
}
