// Must stay the first import: sizes libuv's thread pool before anything can start it.
import './bootstrap/thread-pool';
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { armShutdownDeadline } from './bootstrap/shutdown-deadline';
import { validateEnv } from './config/env.validation';
import { preflightDatabase } from './database/database-preflight';

async function bootstrap(): Promise<void> {
  // Check the settings and the database before Nest starts, so a wrong value or an unreachable,
  // missing or unwritable database is one clear line, not retries and stacks.
  if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  const note = await preflightDatabase(env);
  if (note) console.log(note);

  const { NestFactory } = await import('@nestjs/core');
  const { Logger } = await import('nestjs-pino');
  const { AppModule } = await import('./app.module');
  const { configureApp } = await import('./app.setup');
  const { AppConfig } = await import('./config/app-config');
  const app = configureApp(
    await NestFactory.create(AppModule, { bodyParser: false, bufferLogs: true, abortOnError: false }),
  );
  const config = app.get(AppConfig);
  const { TransactionRunner } = await import('./database/transaction-runner');
  armShutdownDeadline(() => app.get(TransactionRunner).close());
  await app.listen(config.get('PORT'), config.get('HOST'));
  app.get(Logger).log(`petition-training listening on http://localhost:${config.get('PORT')}`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  // Configuration and database errors name the variable; print them plainly and stop.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
