/**
 * The whole-attempt scenario of `npm run bench`: signed-in officers loop start → save the 20 answers
 * (one request) → submit → review, at 10 and 50 concurrent officers for BENCH_SECONDS each (default 10;
 * the figures use 60), then a start storm of BENCH_STORM officers (default 5,000) starting the
 * same exam at once. The app runs in a child process on a fresh SQLite file (SQLITE_DRIVER is passed
 * through). Prints attempts/s, p50/p99 per request, errors, and checks every attempt ended finished.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'node:http';

const ROOT = join(__dirname, '..');
const STEPS = ['start', 'save', 'submit', 'review'] as const;
type Step = (typeof STEPS)[number];

interface Server {
  child: ChildProcess;
  base: string;
  tokens: string[];
  quizId: string;
  dbPath: string;
}

async function startServer(officers: number, name: string): Promise<Server> {
  const dir = join(ROOT, 'tmp', 'bench');
  mkdirSync(dir, { recursive: true });
  const dbPath = join(dir, `${name}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const child = fork(join(__dirname, 'quiz-server.ts'), [], {
    // BENCH_PROFILE=<dir>: a V8 CPU profile of the app process per phase (open in Chrome DevTools).
    execArgv: [
      '-r',
      'ts-node/register/transpile-only',
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    ],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      DB_TYPE: 'sqlite',
      SQLITE_PATH: dbPath,
      DEMO_DATA: 'false',
      CONTENT_IMPORT_ON_START: 'false',
      QUEUE_PREFIX: `pt_bench_${process.pid}_${name}`,
      BENCH_OFFICERS: String(officers),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ port: number; tokens: string[]; quizId: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; tokens: string[]; quizId: string }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    child,
    base: `http://127.0.0.1:${ready.port}`,
    tokens: ready.tokens,
    quizId: ready.quizId,
    dbPath,
  };
}

async function stopServer(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.send('stop');
  await exited;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

/** One JSON request over a keep-alive agent. */
function call(
  agent: Agent,
  base: string,
  token: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        agent,
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({
              status: res.statusCode ?? 0,
              json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface AttemptFigures {
  officers: number;
  seconds: number;
  attempts: number;
  perSecond: number;
  errors: number;
  latency: Record<Step, { p50: number; p99: number }>;
  unfinished: number;
}

/** `officers` loops of whole attempts for `seconds`. */
async function attemptLoad(s: Server, officers: number, seconds: number): Promise<AttemptFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: officers });
  const times: Record<Step, number[]> = { start: [], save: [], submit: [], review: [] };
  let attempts = 0;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const timed = async <T>(step: Step, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await run();
    times[step].push(performance.now() - t0);
    return result;
  };
  const loop = async (token: string) => {
    while (performance.now() < until) {
      try {
        const started = await timed('start', () =>
          call(agent, s.base, token, 'POST', `/api/quizzes/${s.quizId}/attempts`),
        );
        if (started.status >= 300) throw new Error(`start ${started.status} ${JSON.stringify(started.json)}`);
        const id = String(started.json.id);
        const questions = started.json.questions as Array<{ id: string; options: Array<{ id: string }> }>;
        const answers = questions.map((q, i) => ({
          questionId: q.id,
          optionIds: [q.options[i % q.options.length].id],
        }));
        const saved = await timed('save', () =>
          call(agent, s.base, token, 'PUT', `/api/attempts/${id}/answers`, { answers }),
        );
        if (saved.status !== 200) throw new Error(`save ${saved.status}`);
        const submitted = await timed('submit', () =>
          call(agent, s.base, token, 'POST', `/api/attempts/${id}/submit`, {}),
        );
        if (submitted.status !== 200 || submitted.json.state !== 'finished') {
          throw new Error(`submit ${submitted.status}`);
        }
        const reviewed = await timed('review', () =>
          call(agent, s.base, token, 'GET', `/api/attempts/${id}`),
        );
        if (reviewed.status !== 200) throw new Error(`review ${reviewed.status}`);
        attempts++;
      } catch (error) {
        if (errors++ === 0) console.log(`    first error: ${String(error)}`);
      }
    }
  };
  const t0 = performance.now();
  await Promise.all(s.tokens.slice(0, officers).map(loop));
  const elapsed = (performance.now() - t0) / 1000;
  agent.destroy();
  const latency = Object.fromEntries(
    STEPS.map((step) => {
      const sorted = times[step].sort((a, b) => a - b);
      return [step, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
    }),
  ) as AttemptFigures['latency'];
  return {
    officers,
    seconds,
    attempts,
    perSecond: attempts / elapsed,
    errors,
    latency,
    unfinished: (await countAttempts(s)).unfinished,
  };
}

/** Attempts stored and not finished, counted by the app process. */
function countAttempts(s: Server): Promise<{ total: number; unfinished: number }> {
  return new Promise((resolve) => {
    s.child.once('message', (m) => resolve(m as { total: number; unfinished: number }));
    s.child.send('count');
  });
}

export interface StormFigures {
  officers: number;
  seconds: number;
  errors: number;
  p50: number;
  p99: number;
  attempts: number;
}

/** Every officer starts the same exam, as fast as `concurrency` connections allow. */
async function startStorm(s: Server, concurrency: number): Promise<StormFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < s.tokens.length) {
      const token = s.tokens[next++];
      const t = performance.now();
      const res = await call(agent, s.base, token, 'POST', `/api/quizzes/${s.quizId}/attempts`).catch(
        (error: unknown) => ({ status: 0, json: { error: String(error) } }),
      );
      latencies.push(performance.now() - t);
      if (res.status !== 201 && errors++ === 0) {
        console.log(`    first error: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const attempts = (await countAttempts(s)).total;
  return {
    officers: s.tokens.length,
    seconds,
    errors,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    attempts,
  };
}

export async function runQuizBench(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const stormSize = Number(process.env.BENCH_STORM ?? 5000);
  const driver = process.env.SQLITE_DRIVER ?? 'sqlite3';
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(
    `\nwhole quiz attempts (SQLite, driver ${driver}, app in a child process; start → save 20 answers → submit → review)`,
  );
  const server = await startServer(50, 'attempts');
  try {
    for (const officers of [10, 50]) {
      const f = await attemptLoad(server, officers, seconds);
      const steps = STEPS.map(
        (step) => `${step} p50 ${ms(f.latency[step].p50)} p99 ${ms(f.latency[step].p99)}`,
      ).join(' · ');
      console.log(
        `  ${officers} officers × ${seconds} s: ${f.attempts} attempts, ${f.perSecond.toFixed(1)} attempts/s, errors ${f.errors}, not finished ${f.unfinished}`,
      );
      console.log(`    ${steps}`);
    }
  } finally {
    await stopServer(server);
  }
  const storm = await startServer(stormSize, 'storm');
  try {
    const f = await startStorm(storm, 200);
    console.log(
      `  start storm: ${f.officers} officers start one exam over 200 connections in ${f.seconds.toFixed(1)} s: p50 ${ms(f.p50)} p99 ${ms(f.p99)}, errors ${f.errors}, attempts stored ${f.attempts}`,
    );
  } finally {
    await stopServer(storm);
  }
}

if (require.main === module) {
  runQuizBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
