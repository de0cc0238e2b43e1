/**
 * `npm run bench:data -- --officers N [--attempts 30] [--db tmp/bench/scoring.sqlite]`: a realistic
 * organisation for the scoring benchmark, written with batched multi-row INSERTs: a bureau with
 * streets of 50 officers, a 40-question bank over the five dimensions, a course quiz, N × attempts
 * finished attempts with 10 answered questions each (over the last year), three assignments for the
 * whole bureau with completions for about 60 %, and sessions of 200 with final attendance.
 * DB_TYPE=postgres DATABASE_URL=… writes to PostgreSQL instead.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { buildDataSourceOptions } from '../src/database/typeorm.options';
import { sqliteTime } from '../src/scoring/sql-dialect';

const DIMS = ['prevention', 'acceptance', 'handling', 'supervision', 'order'];
const PER_STREET = 50;
const QUESTIONS = 40;
const PAPER = 10;
const DAY = 86_400_000;

export const argValue = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
export const argText = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

export async function openBenchDataSource(sqlitePath: string, fresh: boolean): Promise<DataSource> {
  const postgres = process.env.DB_TYPE === 'postgres';
  if (!postgres && fresh) {
    rmSync(sqlitePath, { force: true });
    rmSync(`${sqlitePath}-wal`, { force: true });
    rmSync(`${sqlitePath}-shm`, { force: true });
    mkdirSync(dirname(sqlitePath), { recursive: true });
  }
  const options = buildDataSourceOptions({
    DB_TYPE: postgres ? 'postgres' : 'sqlite',
    SQLITE_PATH: sqlitePath,
    DATABASE_URL: process.env.DATABASE_URL,
    DB_LOGGING: false,
  });
  const ds = new DataSource({ ...options, logging: false, logger: undefined } as typeof options);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

/** Multi-row INSERTs of at most `batch` rows, inside the caller's transaction. */
async function insertMany(
  em: EntityManager,
  table: string,
  rows: Array<Record<string, unknown>>,
  batch = 400,
): Promise<void> {
  if (rows.length === 0) return;
  const pg = em.connection.options.type === 'postgres';
  const cols = Object.keys(rows[0]);
  const conv = (v: unknown) =>
    pg ? v : v instanceof Date ? sqliteTime(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    const values: unknown[] = [];
    const tuples = part.map(
      (r) =>
        `(${cols
          .map((c) => {
            values.push(conv(r[c]));
            return pg ? `$${values.length}` : '?';
          })
          .join(', ')})`,
    );
    await em.query(
      `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

/** A small deterministic generator, so two runs build the same organisation. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export async function generateOrganisation(
  ds: DataSource,
  officers: number,
  attemptsEach: number,
  log = console.log,
): Promise<{ attempts: number }> {
  const rand = rng(42);
  const now = Date.now();
  const bureauId = randomUUID();
  const trainerId = randomUUID();
  const courseId = 'bench-course';
  const run = (work: (em: EntityManager) => Promise<void>) => ds.transaction(work);
  const questions = Array.from({ length: QUESTIONS }, (_, i) => ({
    id: `bench-q${i}`,
    versionId: randomUUID(),
    dimension: DIMS[i % 5],
    difficulty: 1 + (i % 3),
  }));
  await run(async (em) => {
    await insertMany(em, 'units', [
      {
        id: bureauId,
        name: '基准局',
        kind: 'bureau',
        parentId: null,
        path: `/${bureauId}/`,
        createdAt: new Date(),
      },
    ]);
    await insertMany(em, 'users', [
      {
        id: trainerId,
        username: 'bench-trainer',
        name: '培训',
        passwordHash: 'x',
        role: 'trainer',
        unitId: bureauId,
        disabled: false,
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    ]);
    await insertMany(em, 'courses', [
      {
        id: courseId,
        title: '基准课程',
        summary: '基准',
        creditHours: 2,
        validityMonths: 12,
        passMark: 60,
        requiredRoles: '["officer"]',
        sortOrder: 1,
        quiz: null,
        contentHash: 'bench',
        retiredAt: null,
      },
    ]);
    await insertMany(
      em,
      'questions',
      questions.map((q) => ({
        id: q.id,
        courseId,
        currentVersionId: q.versionId,
        currentVersion: 1,
        type: 'single',
        dimension: q.dimension,
        difficulty: q.difficulty,
        family: null,
        retiredAt: null,
      })),
    );
    await insertMany(
      em,
      'question_versions',
      questions.map((q) => ({
        id: q.versionId,
        questionId: q.id,
        version: 1,
        contentHash: q.id,
        type: 'single',
        stem: '题干',
        options: '[{"id":"A","text":"甲"},{"id":"B","text":"乙"}]',
        answer: '["A"]',
        explanation: '解析',
        articles: '[22]',
        dimension: q.dimension,
        difficulty: q.difficulty,
        family: null,
        createdAt: new Date(),
      })),
    );
    await insertMany(em, 'quizzes', [
      {
        id: courseId,
        kind: 'course',
        courseId,
        title: '基准测验',
        summary: '基准',
        rules: JSON.stringify({ questionCount: PAPER }),
        audience: null,
        opensAt: null,
        closesAt: null,
        retiredAt: null,
        updatedAt: new Date(),
      },
    ]);
    for (let k = 0; k < 3; k++) {
      const id = randomUUID();
      await insertMany(em, 'assignments', [
        {
          id,
          courseId,
          dueAt: new Date(now - (k - 1) * 30 * DAY),
          createdById: trainerId,
          createdAt: new Date(now - 200 * DAY),
          note: null,
        },
      ]);
      await insertMany(em, 'assignment_targets', [
        {
          id: randomUUID(),
          assignmentId: id,
          kind: 'unit',
          unitId: bureauId,
          includeSubtree: true,
          role: null,
          userId: null,
        },
      ]);
    }
  });

  let attempts = 0;
  for (let first = 0; first < officers; first += PER_STREET) {
    await run(async (em) => {
      const streetId = randomUUID();
      await insertMany(em, 'units', [
        {
          id: streetId,
          name: `街道${first / PER_STREET + 1}`,
          kind: 'street',
          parentId: bureauId,
          path: `/${bureauId}/${streetId}/`,
          createdAt: new Date(),
        },
      ]);
      const ids = Array.from({ length: Math.min(PER_STREET, officers - first) }, () => randomUUID());
      await insertMany(
        em,
        'users',
        ids.map((id, i) => ({
          id,
          username: `bench${first + i}`,
          name: `干部${first + i}`,
          passwordHash: 'x',
          role: 'officer',
          unitId: streetId,
          disabled: false,
          createdAt: new Date(),
          updatedAt: new Date(),
        })),
      );
      const rows: Array<Record<string, unknown>> = [];
      for (const userId of ids) {
        const skill = 0.3 + 0.6 * rand();
        for (let n = 1; n <= attemptsEach; n++) {
          const finishedAt = new Date(now - Math.floor(rand() * 365) * DAY);
          const pool = questions.slice();
          const paper = Array.from({ length: PAPER }, (_, k) => {
            const j = k + Math.floor(rand() * (QUESTIONS - k)); // a paper never holds a question twice
            [pool[k], pool[j]] = [pool[j], pool[k]];
            return pool[k];
          });
          const results = paper.map((q) => ({ q: q.id, credit: rand() < skill ? 1 : 0 }));
          const score = Math.round((100 * results.reduce((s, r) => s + r.credit, 0)) / PAPER);
          rows.push({
            id: randomUUID(),
            quizId: courseId,
            userId,
            number: n,
            state: 'finished',
            openSlot: null,
            startedAt: finishedAt,
            deadlineAt: finishedAt,
            finishedAt,
            closedBy: 'submit',
            paper: JSON.stringify(
              paper.map((q) => ({ q: q.id, v: q.versionId, t: 'single', o: ['A', 'B'] })),
            ),
            answers: '{}',
            savedAt: null,
            score,
            passed: score >= 60,
            results: JSON.stringify(results),
          });
        }
      }
      attempts += rows.length;
      await insertMany(em, 'quiz_attempts', rows, 200);
      await insertMany(
        em,
        'course_completions',
        ids
          .filter(() => rand() < 0.6)
          .map((userId) => ({
            id: randomUUID(),
            userId,
            courseId,
            completedAt: new Date(now - 100 * DAY),
            expiresAt: null,
            creditHours: 2,
          })),
      );
    });
    if ((first / PER_STREET) % 20 === 0) log(`  … ${Math.min(first + PER_STREET, officers)} officers`);
  }
  // Sessions of 200 officers with final attendance.
  const officerIds = (await ds.query(
    `SELECT "id" FROM users WHERE "role" = 'officer' ORDER BY "username"`,
  )) as Array<{ id: string }>;
  for (let i = 0; i < officerIds.length; i += 200) {
    await run(async (em) => {
      const sessionId = randomUUID();
      const startsAt = new Date(now - Math.floor(rand() * 300) * DAY);
      await insertMany(em, 'training_sessions', [
        {
          id: sessionId,
          kind: 'classroom',
          title: '培训班',
          description: null,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
          checkInClosesAt: startsAt,
          checkInOpensMinutes: 30,
          lateGraceMinutes: 10,
          location: '会议室',
          streamUrl: null,
          noticeNumber: null,
          capacity: null,
          creditHours: 3,
          minPresenceRatio: 0.8,
          courseId: null,
          materials: '[]',
          status: 'closed',
          sequence: 0,
          codeSecret: 'x',
          createdById: trainerId,
          createdAt: startsAt,
          updatedAt: startsAt,
          closedAt: startsAt,
        },
      ]);
      const statuses = ['present', 'present', 'present', 'late', 'left_early', 'absent', 'excused'];
      await insertMany(
        em,
        'session_enrolments',
        officerIds.slice(i, i + 200).map(({ id }) => ({
          id: randomUUID(),
          sessionId,
          userId: id,
          venueId: null,
          state: 'enrolled',
          enrolledAt: startsAt,
          attendance: statuses[Math.floor(rand() * statuses.length)],
          finalisedAt: startsAt,
        })),
      );
    });
  }
  return { attempts };
}

async function main(): Promise<void> {
  const officers = argValue('officers', 1000);
  const attempts = argValue('attempts', 30);
  const db = argText('db', join(__dirname, '..', 'tmp', 'bench', 'scoring.sqlite'));
  const started = Date.now();
  const ds = await openBenchDataSource(db, true);
  try {
    console.log(
      `generating ${officers} officers × ${attempts} attempts into ${process.env.DB_TYPE === 'postgres' ? process.env.DATABASE_URL : db}`,
    );
    const r = await generateOrganisation(ds, officers, attempts);
    console.log(
      `done: ${officers} officers, ${r.attempts} finished attempts in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
