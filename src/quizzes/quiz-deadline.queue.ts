import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';

export const QUIZ_ATTEMPTS_QUEUE = 'quiz-attempts';
export interface CloseAttemptJob {
  attemptId: string;
}

/**
 * One delayed job per attempt (jobId = attempt id, so a retried start never schedules twice) closes
 * an abandoned attempt at its deadline plus grace. Readers close expired attempts lazily too, so a
 * Redis outage delays nothing an officer can see: scheduling never blocks or fails a request.
 */
@Injectable()
export class QuizDeadlineQueue {
  private readonly logger = new Logger(QuizDeadlineQueue.name);

  constructor(@InjectQueue(QUIZ_ATTEMPTS_QUEUE) private readonly queue: Queue<CloseAttemptJob>) {
    // Without a listener a Redis outage would surface as an unhandled 'error' event.
    this.queue.on('error', (error: Error) =>
      this.logger.warn({ error: error.message }, 'quiz-attempts queue: Redis unavailable'),
    );
  }

  schedule(attemptId: string, atMs: number, jobId = attemptId): void {
    const delay = Math.max(0, atMs - Date.now());
    this.queue
      .add({ attemptId }, { jobId, delay, attempts: 5, backoff: { type: 'exponential', delay: 5000 } })
      .catch((error: unknown) =>
        this.logger.warn({ attemptId, error: String(error) }, 'could not schedule the attempt deadline job'),
      );
  }
}
