/**
 * `npm run bench:signin`: sign-in at classroom scale, against the real app started as its own process
 * (src/main.ts, so UV_THREADPOOL_SIZE and the hash queue are as in production) on a throwaway SQLite
 * file, on loopback only (127.0.0.1:BENCH_PORT, default 3104). Bounded: 50 + 60 logins and a few
 * hundred probe requests; the whole run stops itself after BENCH_TIMEOUT_S (default 180 s).
 *
 *  1. 50 officers sign in at the same moment: latency p50/p99/max, and how many finished.
 *  2. 60 failed logins (different accounts, one address) sent at once, while /health and a signed-in
 *     read (/api/me) are probed one after another: their latency p50/p99/max and any non-200.
 *
 * The per-address limit is raised for this run (LOGIN_MAX_FAILURES_PER_IP) so all 60 failures are
 * really hashed: the worst case for the database, not the throttle's cheap 429s.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as argon2 from 'argon2';
import sqlite3 from 'sqlite3';
import { ARGON2_OPTIONS } from '../src/auth/password.service';

const ROOT = join(__dirname, '..');
const DIR = join(ROOT, 'tmp', 'bench-signin');
const PORT = Number(process.env.BENCH_PORT ?? 3104);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'Bench-Signin-Pass-1';
const CONCURRENT_SIGNINS = 50;
const FAILED_BURST = 60;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 180) * 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}
function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
const line = (s: Stats) => `p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (n=${s.n})`;

async function timed(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; ms: number; body: unknown }> {
  const start = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const body: unknown = res.headers.get('content-type')?.includes('json')
    ? await res.json()
    : await res.text();
  return { status: res.status, ms: performance.now() - start, body };
}

const login = (username: string, password: string) =>
  timed(`${BASE}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

function startApp(sqlitePath: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test', // no .env file, no demo data, plain JSON logs
        LOG_LEVEL: 'warn',
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DB_TYPE: 'sqlite',
        SQLITE_PATH: sqlitePath,
        DEMO_DATA: 'false',
        CONTENT_IMPORT_ON_START: 'false',
        QUEUE_PREFIX: `pt_bench_${randomBytes(4).toString('hex')}`,
        LOGIN_MAX_FAILURES_PER_IP: '10000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return child;
}

async function waitUntilUp(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error('the app did not answer /health in time');
}

/** Units and officers written straight into the app's SQLite file (the app has applied the migrations). */
async function seed(sqlitePath: string, officers: number): Promise<string[]> {
  const hash = await argon2.hash(PASSWORD, ARGON2_OPTIONS);
  const db = new sqlite3.Database(sqlitePath);
  const exec = (sql: string, params: unknown[] = []) =>
    new Promise<void>((resolve, reject) =>
      db.run(sql, params, (error: Error | null) => (error ? reject(error) : resolve())),
    );
  db.configure('busyTimeout', 5000);
  const bureau = randomUUID();
  const names: string[] = [];
  await exec('BEGIN');
  await exec('INSERT INTO units (id, name, kind, parentId, path) VALUES (?, ?, ?, ?, ?)', [
    bureau,
    '基准局',
    'bureau',
    null,
    `/${bureau}/`,
  ]);
  for (let i = 0; i < officers; i++) {
    const username = `bench${String(i).padStart(3, '0')}`;
    await exec(
      'INSERT INTO users (id, username, name, passwordHash, role, unitId, disabled) VALUES (?, ?, ?, ?, ?, ?, 0)',
      [randomUUID(), username, `干部${i}`, hash, 'officer', bureau],
    );
    names.push(username);
  }
  await exec('COMMIT');
  await new Promise<void>((resolve) => db.close(() => resolve()));
  return names;
}

async function probeWhile(done: () => boolean, token: string) {
  const health: number[] = [];
  const me: number[] = [];
  const failures: string[] = [];
  while (!done()) {
    const [h, m] = await Promise.all([
      timed(`${BASE}/health`),
      timed(`${BASE}/api/me`, { headers: { authorization: `Bearer ${token}` } }),
    ]);
    health.push(h.ms);
    me.push(m.ms);
    if (h.status !== 200) failures.push(`/health ${h.status}`);
    if (m.status !== 200) failures.push(`/api/me ${m.status}`);
    await sleep(20);
  }
  return { health, me, failures };
}

async function run(): Promise<void> {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const sqlitePath = join(DIR, 'signin.sqlite');
  const app = startApp(sqlitePath);
  const stop = () => app.exitCode === null && app.kill('SIGTERM');
  const guard = setTimeout(() => {
    console.error(`bench:signin stopped after ${TIMEOUT_MS / 1000} s`);
    stop();
    process.exit(2);
  }, TIMEOUT_MS);
  try {
    await waitUntilUp(Date.now() + 90_000);
    const officers = await seed(sqlitePath, CONCURRENT_SIGNINS + FAILED_BURST + 1);

    // 1. A classroom signs in together.
    const start = performance.now();
    const signins = await Promise.all(officers.slice(0, CONCURRENT_SIGNINS).map((u) => login(u, PASSWORD)));
    const wall = performance.now() - start;
    const ok = signins.filter((r) => r.status === 200).length;

    // 2. A burst of failed logins while a signed-in officer keeps reading.
    const reader = (await login(officers[officers.length - 1], PASSWORD)).body as { accessToken: string };
    const baseline = await probeWhile(
      (() => {
        let n = 0;
        return () => n++ >= 20;
      })(),
      reader.accessToken,
    );
    let burstDone = false;
    const burstStart = performance.now();
    const burst = Promise.all(
      officers
        .slice(CONCURRENT_SIGNINS, CONCURRENT_SIGNINS + FAILED_BURST)
        .map((u) => login(u, 'Wrong-Password-0')),
    ).then((answers) => {
      burstDone = true;
      return answers;
    });
    const during = await probeWhile(() => burstDone, reader.accessToken);
    const answers = await burst;
    const burstWall = performance.now() - burstStart;
    const statuses = answers.reduce<Record<number, number>>(
      (acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }),
      {},
    );

    console.log('\nbench:signin — SQLite (sqlite3 driver), app as its own process on loopback');
    console.log(
      `argon2id m=${ARGON2_OPTIONS.memoryCost} KiB t=${ARGON2_OPTIONS.timeCost} p=${ARGON2_OPTIONS.parallelism}; UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? '8 (src/bootstrap/thread-pool.ts)'}; PASSWORD_HASH_CONCURRENCY=${process.env.PASSWORD_HASH_CONCURRENCY ?? '2'}\n`,
    );
    console.log(
      `${CONCURRENT_SIGNINS} concurrent sign-ins: ${ok}/${CONCURRENT_SIGNINS} succeeded, all done within ${ms(wall)}`,
    );
    console.log(`  latency ${line(stats(signins.map((r) => r.ms)))}`);
    console.log(`\nbefore the burst   /health ${line(stats(baseline.health))}`);
    console.log(`                   /api/me ${line(stats(baseline.me))}`);
    console.log(
      `${FAILED_BURST} parallel failed logins: ${JSON.stringify(statuses)}, all answered within ${ms(burstWall)}`,
    );
    console.log(`during the burst   /health ${line(stats(during.health))}`);
    console.log(`                   /api/me ${line(stats(during.me))}`);
    console.log(
      `  non-200 answers during the burst: ${during.failures.length === 0 ? 'none' : during.failures.join(', ')}`,
    );
  } finally {
    clearTimeout(guard);
    stop();
    await sleep(500);
    rmSync(DIR, { recursive: true, force: true });
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
