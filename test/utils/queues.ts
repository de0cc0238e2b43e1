import { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';

/** Removes a test file's jobs and keys from the shared Redis (delayed reminders would otherwise linger). */
export async function obliterateQueues(app: INestApplication, names: string[]): Promise<void> {
  for (const name of names) {
    const queue = app.get<Queue>(getQueueToken(name));
    await queue.obliterate({ force: true });
  }
}

/** Polls until `probe` returns a value (the worker runs jobs on its own schedule); fails after 20 s. */
export async function eventually<T>(probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the job did not run within 20 s');
}
