import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { QueueCanaryService } from '../scoring/queue-canary.service';
import { ScoringQueue } from '../scoring/scoring.queue';

/** `queue`: down when the scoring queue's Redis connection is not ready, or its worker is stuck (canary overdue). */
@Injectable()
export class QueueHealthIndicator {
  constructor(
    private readonly queue: ScoringQueue,
    private readonly canary: QueueCanaryService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  check(key: string) {
    const check = this.indicator.check(key);
    if (!this.queue.ready) return check.down({ message: `queue connection ${this.queue.queue.client.status}` });
    if (this.canary.stuck) return check.down({ message: 'worker stopped taking jobs; recovering' });
    return check.up();
  }
}
