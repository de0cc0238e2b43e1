/**
 * `npm run bench`: how the hot paths scale, reported as ratios (absolute times depend on the
 * machine). Runs the real app in-process on a throwaway SQLite file:
 *  - content import: an unchanged re-import against the first, cold import;
 *  - an assignment's per-unit status report, the learning report's CSV of every officer, and an
 *    officer's own assignment list, at 10× the officers. Set-based SQL keeps the report near-linear
 *    and the officer's list flat; an N+1 loop would show up as a ratio far above 10;
 *  - whole quiz attempts and a start storm (bench/quiz-attempts.ts; BENCH_SECONDS, BENCH_STORM,
 *    SQLITE_DRIVER; BENCH_ONLY=quiz runs just that part);
 *  - the competency dashboard and its 10,000-row CSV export (bench/reports-bench.ts, in a child
 *    process so it boots the app on its own database; BENCH_REPORTS_OFFICERS, default 10000, and
 *    BENCH_REPORTS_ATTEMPTS, default 5, size it; 0 officers skips it; BENCH_ONLY=reports runs just that part).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runQuizBench } from './quiz-attempts';

const ROOT = join(__dirname, '..');
const DB_DIR = join(ROOT, 'tmp', 'bench');
Object.assign(process.env, {
  NODE_ENV: 'test', // no .env file, no demo data, quiet TypeORM
  LOG_LEVEL: 'silent',
  DB_TYPE: 'sqlite',
  DEMO_DATA: 'false',
  CONTENT_IMPORT_ON_START: 'false',
});

const SMALL = 300; // officers
const LARGE = 3000;
const OFFICERS_PER_STREET = 30;
const REPEAT = 7;

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function bootApp() {
  process.env.SQLITE_PATH = join(DB_DIR, 'bench.sqlite');
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { configureApp } = await import('../src/app.setup');
  const app = configureApp(await NestFactory.create(AppModule, { bodyParser: false, logger: false }));
  await app.init();
  return app;
}
type App = Awaited<ReturnType<typeof bootApp>>;

/** Adds streets of officers under the bureau until there are `total` officers; half hold a valid completion. */
async function growOrganisation(
  app: App,
  bureauId: string,
  from: number,
  total: number,
  passwordHash: string,
) {
  const { DataSource } = await import('typeorm');
  const ds = app.get(DataSource);
  await ds.transaction(async (em) => {
    for (let first = from; first < total; first += OFFICERS_PER_STREET) {
      const streetId = randomUUID();
      await em
        .createQueryBuilder()
        .insert()
        .into('units')
        .values({
          id: streetId,
          name: `街道${first}`,
          kind: 'street',
          parentId: bureauId,
          path: `/${bureauId}/${streetId}/`,
        })
        .execute();
      const officers = Array.from({ length: OFFICERS_PER_STREET }, (_, i) => ({
        id: randomUUID(),
        username: `o${first + i}`,
        name: `干部${first + i}`,
        role: 'officer',
        unitId: streetId,
        passwordHash,
      }));
      await em.createQueryBuilder().insert().into('users').values(officers).execute();
      const completions = officers
        .filter((_, i) => i % 2 === 0)
        .map((o) => ({
          id: randomUUID(),
          userId: o.id,
          courseId: 'regulation-ch3',
          completedAt: new Date(),
          expiresAt: null,
          creditHours: 2,
        }));
      await em.createQueryBuilder().insert().into('course_completions').values(completions).execute();
    }
  });
}

async function measure(app: App) {
  const request = (await import('supertest')).default;
  const { ContentImportService } = await import('../src/content/import/content-import.service');
  const { DataSource } = await import('typeorm');
  const argon2 = await import('argon2');
  const importer = app.get(ContentImportService);
  const dir = join(ROOT, 'content');
  let start = performance.now();
  await importer.importFrom(dir);
  const cold = performance.now() - start;
  start = performance.now();
  await importer.importFrom(dir);
  const unchanged = performance.now() - start;

  const passwordHash = await argon2.hash('Bench-Password-1');
  const bureauId = randomUUID();
  await app.get(DataSource).transaction(async (em) => {
    await em
      .createQueryBuilder()
      .insert()
      .into('units')
      .values({ id: bureauId, name: '基准局', kind: 'bureau', parentId: null, path: `/${bureauId}/` })
      .execute();
    await em
      .createQueryBuilder()
      .insert()
      .into('users')
      .values({
        id: randomUUID(),
        username: 'trainer',
        name: '培训',
        role: 'trainer',
        unitId: bureauId,
        passwordHash,
      })
      .execute();
  });
  await growOrganisation(app, bureauId, 0, SMALL, passwordHash);

  const http = app.getHttpServer();
  const login = async (username: string) =>
    (await request(http).post('/api/auth/login').send({ username, password: 'Bench-Password-1' }).expect(200))
      .body.accessToken as string;
  const trainer = { Authorization: `Bearer ${await login('trainer')}` };
  const officer = { Authorization: `Bearer ${await login('o1')}` };
  const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const created = await request(http)
    .post('/api/assignments')
    .set(trainer)
    .send({ courseId: 'regulation-ch3', unitIds: [bureauId], dueAt })
    .expect(201);
  const report = () =>
    request(http).get(`/api/assignments/${created.body.id}/status`).set(trainer).expect(200);
  const mine = () => request(http).get('/api/me/assignments').set(officer).expect(200);
  const learning = () => request(http).get('/api/reports/learning.csv').set(trainer).expect(200);

  const small = { status: await median(report), mine: await median(mine), learning: await median(learning) };
  await growOrganisation(app, bureauId, SMALL, LARGE, passwordHash);
  const large = { status: await median(report), mine: await median(mine), learning: await median(learning) };
  return { cold, unchanged, small, large };
}

async function main(): Promise<void> {
  // BENCH_ONLY=quiz runs only the whole-attempt scenario (bench/quiz-attempts.ts).
  if (process.env.BENCH_ONLY === 'quiz') return runQuizBench();
  if (process.env.BENCH_ONLY === 'reports') return runReportsBench();
  rmSync(DB_DIR, { recursive: true, force: true });
  mkdirSync(DB_DIR, { recursive: true });
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

  const app = await bootApp();
  const r = await measure(app).finally(() => app.close());
  const growth = LARGE / SMALL;

  console.log('petition-training benchmark (SQLite, in-process; medians of %d runs)\n', REPEAT);
  console.log(
    `content import      cold ${fmt(r.cold)}   unchanged ${fmt(r.unchanged)}   unchanged/cold = ${ratio(r.unchanged, r.cold)}`,
  );
  console.log(
    `assignment status   ${SMALL} officers ${fmt(r.small.status)}   ${LARGE} officers ${fmt(r.large.status)}   ratio = ${ratio(r.large.status, r.small.status)} for ${growth}× officers`,
  );
  console.log(
    `learning report CSV ${SMALL} officers ${fmt(r.small.learning)}   ${LARGE} officers ${fmt(r.large.learning)}   ratio = ${ratio(r.large.learning, r.small.learning)} for ${growth}× officers`,
  );
  console.log(
    `my assignments      ${SMALL} officers ${fmt(r.small.mine)}   ${LARGE} officers ${fmt(r.large.mine)}   ratio = ${ratio(r.large.mine, r.small.mine)} for ${growth}× officers`,
  );
  rmSync(DB_DIR, { recursive: true, force: true });
  await runQuizBench();
  await runScoringBench(DB_DIR);
  runReportsBench();
}

/** The competency dashboard and CSV export at BENCH_REPORTS_OFFICERS officers (its own process: the app reads its env at boot). */
function runReportsBench(): void {
  if (Number(process.env.BENCH_REPORTS_OFFICERS ?? 10_000) <= 0) return;
  const done = spawnSync(
    process.execPath,
    [require.resolve('ts-node/dist/bin'), '--transpile-only', join(__dirname, 'reports-bench.ts')],
    { stdio: 'inherit', env: process.env },
  );
  if (done.status !== 0) throw new Error(`bench/reports-bench.ts exited with ${done.status}`);
}

/** The scoring full run beside its one-statement baseline (bench/scoring-bench.ts; more officers: npm run bench:scoring -- --officers N). */
async function runScoringBench(dir: string): Promise<void> {
  const { generateOrganisation, openBenchDataSource } = await import('./scoring-data');
  const { scoringBench } = await import('./scoring-bench');
  mkdirSync(dir, { recursive: true });
  const ds = await openBenchDataSource(join(dir, 'scoring.sqlite'), true);
  try {
    await generateOrganisation(ds, 2000, 30, () => undefined);
    for (const line of await scoringBench(ds)) console.log(line);
  } finally {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
