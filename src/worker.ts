import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { armShutdownDeadline } from './bootstrap/shutdown-deadline';
import { TransactionRunner } from './database/transaction-runner';
import { WorkerModule } from './worker.module';

/** Runs the queue workers (scoring, user imports) on their own (for deployments with several app instances started with SCORING_WORKER=false). */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  armShutdownDeadline(() => app.get(TransactionRunner).close());
  app.get(Logger).log('petition-training scoring worker started', 'Worker');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
