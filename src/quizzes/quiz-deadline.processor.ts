import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { QuizAttemptsService } from './quiz-attempts.service';
import { QUIZ_ATTEMPTS_QUEUE, QuizDeadlineQueue, type CloseAttemptJob } from './quiz-deadline.queue';

/** Closes (and grades with the saved answers) an attempt nobody submitted by its deadline. */
@Processor(QUIZ_ATTEMPTS_QUEUE)
export class QuizDeadlineProcessor {
  constructor(
    private readonly attempts: QuizAttemptsService,
    private readonly deadlines: QuizDeadlineQueue,
  ) {}

  @Process()
  async close(job: Job<CloseAttemptJob>): Promise<string> {
    const { attemptId } = job.data;
    const outcome = await this.attempts.closeIfExpired(attemptId);
    // Still open: the deadline moved (an override) or the clock raced; look again a little later.
    if (outcome === 'open') {
      this.deadlines.schedule(attemptId, Date.now() + 10_000, `${attemptId}:${Date.now()}`);
    }
    return outcome;
  }
}
