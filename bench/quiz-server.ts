/**
 * The app for the quiz benchmark, in its own process (so the load generator does not share its CPU):
 * a fresh SQLite file, the shipped content, a bench exam of 20 questions from every bank with unlimited
 * attempts, and BENCH_OFFICERS signed-in officers (sessions inserted in batches). Sends
 * `{port, tokens, quizId}` to the parent over IPC when it listens.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { writeSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../src/app.module');
  const { configureApp } = await import('../src/app.setup');
  const { DataSource } = await import('typeorm');
  const { ContentImportService } = await import('../src/content/import/content-import.service');
  const { hashToken } = await import('../src/auth/auth-sessions.service');
  const { quizRulesOf } = await import('../src/content/quiz/quiz-definition');
  const { QUIZ_ATTEMPTS_QUEUE } = await import('../src/quizzes/quiz-deadline.queue');

  const app = configureApp(
    await NestFactory.create(AppModule, {
      bodyParser: false,
      logger: process.env.BENCH_DEBUG ? ['error'] : false,
      abortOnError: false,
    }),
  );
  await app.init();
  await app.get(ContentImportService).importFrom(join(ROOT, 'content'));
  const ds = app.get(DataSource);
  const officers = Number(process.env.BENCH_OFFICERS ?? 50);
  const bureauId = randomUUID();
  const quizId = 'bench-exam';
  const tokens: string[] = [];
  await ds.transaction(async (em) => {
    await em
      .createQueryBuilder()
      .insert()
      .into('units')
      .values({ id: bureauId, name: '基准局', kind: 'bureau', parentId: null, path: `/${bureauId}/` })
      .execute();
    const rules = {
      ...quizRulesOf({ questionCount: 20, timeLimitMinutes: 60, attemptsAllowed: 1_000_000 }, 60),
      review: { when: 'immediately', show: 'full' },
    };
    await em
      .createQueryBuilder()
      .insert()
      .into('quizzes')
      .values({
        id: quizId,
        kind: 'exam',
        courseId: null,
        title: '基准考试',
        summary: '',
        rules,
        audience: { roles: ['officer'], units: [] },
        opensAt: null,
        closesAt: null,
        retiredAt: null,
      })
      .execute();
    for (let from = 0; from < officers; from += 200) {
      const chunk = Array.from({ length: Math.min(200, officers - from) }, (_, i) => ({
        id: randomUUID(),
        n: from + i,
        token: randomBytes(32).toString('base64url'),
      }));
      await em
        .createQueryBuilder()
        .insert()
        .into('users')
        .values(
          chunk.map((o) => ({
            id: o.id,
            username: `bench${o.n}`,
            name: `基准干部${o.n}`,
            role: 'officer',
            unitId: bureauId,
            passwordHash: 'not-a-hash',
          })),
        )
        .execute();
      await em
        .createQueryBuilder()
        .insert()
        .into('auth_sessions')
        .values(
          chunk.map((o) => ({
            id: randomUUID(),
            tokenHash: hashToken(o.token),
            userId: o.id,
            kind: 'api',
            csrfToken: randomBytes(24).toString('base64url'),
            expiresAt: new Date(Date.now() + 86_400_000),
          })),
        )
        .execute();
      tokens.push(...chunk.map((o) => o.token));
    }
  });
  await app.listen(0, '127.0.0.1');
  const port = Number(new URL(await app.getUrl()).port);
  process.send?.({ port, tokens, quizId });
  process.on('message', (m) => {
    // The bench's delayed deadline jobs would otherwise wait in Redis for an app that is gone.
    if (m === 'stop') {
      void app
        .get<Queue>(getQueueToken(QUIZ_ATTEMPTS_QUEUE))
        .obliterate({ force: true })
        .catch(() => undefined)
        .then(() => app.close())
        .then(() => process.exit(0));
    }
    if (m === 'count') {
      void ds
        .query(
          `SELECT COUNT(*) AS "total", SUM(CASE WHEN "state" = 'finished' THEN 0 ELSE 1 END) AS "unfinished" FROM quiz_attempts`,
        )
        .then((rows: Array<{ total: number; unfinished: number | null }>) =>
          process.send?.({ total: Number(rows[0].total), unfinished: Number(rows[0].unfinished ?? 0) }),
        );
    }
  });
}

main().catch((error: unknown) => {
  // Nest's logger is off here: write synchronously so the reason is not lost on exit.
  writeSync(2, `bench server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
