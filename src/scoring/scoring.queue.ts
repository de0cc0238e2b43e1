import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { withTimeout } from '../queue/enqueue';

export const SCORING_QUEUE = 'scoring';
export const JOB = {
  event: 'event',
  scoreOfficer: 'score-officer',
  fullRun: 'full-run',
  chunk: 'score-chunk',
  aggregate: 'aggregate',
  nightly: 'nightly',
  canary: 'canary',
} as const;

export interface EventJob {
  outboxId: string;
  type: string;
  payload: { userId?: string } & Record<string, unknown>;
}
export interface FullRunJob {
  runId: string;
}
export interface ChunkJob {
  runId: string;
  chunkNo: number;
  fromId: string;
  toId: string;
  officers: number;
  /** Ignored: jobs queued before chunks scored as of their own time carry it. */
  asOf?: string;
}
export interface AggregateJob {
  periods: string[];
}

/** Retries with backoff; finished jobs are removed, failures kept a while for inspection. */
export const JOB_DEFAULTS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: 1000,
};
const ENQUEUE_TIMEOUT_MS = 3000;

export class QueueUnavailableError extends Error {}

/**
 * The producer side of the `scoring` queue. It never waits on a Redis that is down: when the
 * connection is not ready, or Redis does not answer in time, it throws QueueUnavailableError and the
 * caller decides (the outbox relay simply tries again on its next tick).
 */
@Injectable()
export class ScoringQueue {
  constructor(@InjectQueue(SCORING_QUEUE) readonly queue: Queue) {}

  get ready(): boolean {
    return this.queue.client.status === 'ready';
  }

  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    if (!this.ready) throw new QueueUnavailableError(`redis ${this.queue.client.status}`);
    return withTimeout(
      work(),
      ENQUEUE_TIMEOUT_MS,
      () => new QueueUnavailableError('redis did not answer in time'),
    );
  }

  add<T>(name: string, data: T, opts: JobOptions = {}) {
    return this.guarded(() => this.queue.add(name, data, { ...JOB_DEFAULTS, ...opts }));
  }

  /** Per id, whether Redis still holds the job (in any state); one round trip. */
  async jobsExist(ids: string[]): Promise<boolean[]> {
    if (ids.length === 0) return [];
    const q = this.queue as Queue & { toKey(id: string): string };
    const results = await this.guarded(() =>
      ids.reduce((p, id) => p.exists(q.toKey(id)), this.queue.client.pipeline()).exec(),
    );
    return (results ?? []).map(([error, n]) => {
      if (error) throw error;
      return Number(n) > 0;
    });
  }

  addBulk<T>(jobs: Array<{ name: string; data: T; opts?: JobOptions }>) {
    return this.guarded(() =>
      this.queue.addBulk(
        jobs.map((j) => ({ name: j.name, data: j.data, opts: { ...JOB_DEFAULTS, ...j.opts } })),
      ),
    );
  }
}
