import { Injectable } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { ScoringQueue } from './scoring.queue';

/** `local`: this process runs the worker; `remote`: another process holds a worker connection; `none`; `unknown`: Redis could not tell. */
export type WorkerPresence = 'local' | 'remote' | 'none' | 'unknown';

const TIMEOUT_MS = 1000;

/**
 * Whether any process is taking scoring jobs. A worker names its blocking Redis connection after
 * the queue (Bull's getWorkers reads CLIENT LIST), so the answer comes from Redis, not from this
 * process's configuration: an app with SCORING_WORKER=false sees the separate worker, or its absence.
 * A worker that is connected but stuck is the canary's business (QueueCanaryService).
 */
@Injectable()
export class WorkerPresenceService {
  /** Set by the module: this process registers the scoring processor. */
  local = false;

  constructor(private readonly queue: ScoringQueue) {}

  async check(): Promise<WorkerPresence> {
    if (this.local) return 'local';
    if (!this.queue.ready) return 'unknown';
    // undefined: the Redis server refuses CLIENT (some managed services); no answer in time: unknown too.
    const workers = await Promise.race([
      this.queue.queue.getWorkers().catch(() => undefined),
      delay(TIMEOUT_MS, undefined, { ref: false }),
    ]);
    if (!Array.isArray(workers)) return 'unknown';
    return workers.length > 0 ? 'remote' : 'none';
  }
}
