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
