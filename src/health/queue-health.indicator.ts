import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QueueCanaryService } from '../scoring/queue-canary.service';
import { ScoringQueue } from '../scoring/scoring.queue';
import { WorkerPresenceService } from '../scoring/worker-presence.service';

/**
 * `queue`: down when the scoring queue's Redis connection is not ready, when its worker is stuck
 * (canary overdue), or when no process is taking its jobs (no worker connected to Redis): events
 * and requested runs would wait for ever, so "up" would be a lie.
 */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly queue: ScoringQueue,
    private readonly canary: QueueCanaryService,
    private readonly workers: WorkerPresenceService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key: string) {
    const check = this.indicator.check(key);
    if (!this.queue.ready) {
      return check.down({ message: `queue connection ${this.queue.queue.client.status}` });
    }
    if (this.canary.stuck) return check.down({ message: 'worker stopped taking jobs; recovering' });
    const workers = await this.workers.check();
    if (workers === 'none') {
      return check.down({
        message:
          'no worker is taking scoring jobs: start `npm run start:worker` or run the app with SCORING_WORKER=true',
      });
    }
    return check.up({ worker: workers });
  }
}
