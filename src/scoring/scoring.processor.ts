import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { OutboxService } from '../outbox/outbox.service';
import { CapabilityService } from './capability.service';
import { IndicatorsService } from './indicators/indicators.service';
import { QueueCanaryService } from './queue-canary.service';
import { ScoringRunsService } from './scoring-runs.service';
import {
  JOB,
  SCORING_QUEUE,
  type AggregateJob,
  type ChunkJob,
  type EventJob,
  type FullRunJob,
} from './scoring.queue';

/** A failure that retrying cannot fix: the job is discarded (not retried) and the reason logged. */
export class PermanentJobError extends Error {}

/**
 * The worker of the `scoring` queue (registered only when SCORING_WORKER=true, or in the worker
 * process). Every handler recomputes from the source tables, so a job that runs twice is harmless.
 */
@Processor(SCORING_QUEUE)
export class ScoringProcessor {
  private readonly logger = new Logger(ScoringProcessor.name);

  constructor(
    private readonly capability: CapabilityService,
    private readonly runs: ScoringRunsService,
    private readonly indicators: IndicatorsService,
    private readonly canary: QueueCanaryService,
    private readonly outbox: OutboxService,
  ) {}

  private async permanent<T>(job: Job, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof PermanentJobError) await job.discard();
      throw error;
    }
  }

  /**
   * An outbox event: done once, then marked processed (the relay's reconcile re-queues a published
   * event only while it is not). A second job of an event already processed does nothing.
   */
  @Process(JOB.event)
  event(job: Job<EventJob>): Promise<void> {
    return this.permanent(job, async () => {
      const { outboxId } = job.data;
      if (await this.outbox.isProcessed(outboxId)) return;
      const userId = job.data.payload?.userId;
      if (typeof userId !== 'string') {
        await this.outbox.setAside(outboxId);
        throw new PermanentJobError(`event ${job.data.type} ${outboxId} names no officer`);
      }
      await this.capability.scoreOfficer(userId);
      await this.outbox.markProcessed(outboxId);
    });
  }

  @Process(JOB.scoreOfficer)
  scoreOfficer(job: Job<{ userId: string }>): Promise<void> {
    return this.capability.scoreOfficer(job.data.userId);
  }

  @Process(JOB.fullRun)
  async fullRun(job: Job<FullRunJob>): Promise<void> {
    try {
      await this.runs.start(job.data.runId);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await this.runs.fail(job.data.runId, String(error));
      }
      throw error;
    }
  }

  @Process(JOB.chunk)
  chunk(job: Job<ChunkJob>): Promise<void> {
    return this.runs.runChunk(job.data);
  }

  @Process(JOB.nightly)
  async nightly(): Promise<void> {
    const run = await this.runs.createRun('nightly', null);
    await this.runs.start(run.id);
  }

  @Process(JOB.aggregate)
  aggregate(job: Job<AggregateJob>): Promise<void> {
    return this.indicators.aggregate(job.data.periods);
  }

  @Process(JOB.canary)
  canaryJob(job: Job<{ sentAt: number }>): void {
    this.canary.arrived(job.data.sentAt);
  }

  @OnQueueFailed()
  failed(job: Job, error: Error): void {
    const final = error instanceof PermanentJobError || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) {
      this.logger.error({ jobId: job.id, name: job.name, reason: error.message }, 'scoring job discarded');
    } else {
      this.logger.warn(
        { jobId: job.id, name: job.name, attempt: job.attemptsMade, reason: error.message },
        'scoring job will be retried',
      );
    }
  }
}
