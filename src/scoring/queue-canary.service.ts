import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { NightlyScheduleService } from './nightly-schedule.service';
import { JOB, ScoringQueue } from './scoring.queue';

/**
 * Bull 4 has a known defect: after Redis restarts, a worker's blocking connection can stay stuck and
 * the worker silently stops taking jobs while adding still works. In a process that runs the worker,
 * a canary job is sent every SCORING_CANARY_SECONDS; if the previous one has not arrived within that
 * time although Redis answers, the worker is declared stuck and recovered by forcing its blocking
 * connection to reconnect (a local pause + resume); /health reports `queue` down meanwhile. It also
 * registers the nightly schedule again when Redis no longer has it (a restart without data).
 */
@Injectable()
export class QueueCanaryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueCanaryService.name);
  private timer: NodeJS.Timeout | undefined;
  private pendingSince: number | null = null;
  private lastArrivedAt: number | null = null;
  private stuckSince: number | null = null;
  recoveries = 0;
  /** Set by the module: only a process that runs the worker watches it. */
  enabled = false;

  constructor(
    private readonly queue: ScoringQueue,
    private readonly config: AppConfig,
    private readonly nightly?: NightlyScheduleService,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.get('SCORING_CANARY_SECONDS');
    if (!this.enabled || seconds === 0) return;
    this.timer = setInterval(() => void this.tick(seconds * 1000), seconds * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  arrived(sentAt: number): void {
    this.lastArrivedAt = Date.now();
    if (this.pendingSince !== null && sentAt >= this.pendingSince) this.pendingSince = null;
    this.stuckSince = null;
  }

  /** Whether the worker is known to be stuck (a canary overdue while Redis answers). */
  get stuck(): boolean {
    return this.stuckSince !== null;
  }

  /** One check (also called by tests with a small `overdueMs`). */
  async tick(overdueMs: number): Promise<'ok' | 'recovered' | 'redis-down'> {
    if (!this.queue.ready) return 'redis-down';
    let outcome: 'ok' | 'recovered' = 'ok';
    if (this.pendingSince !== null && Date.now() - this.pendingSince >= overdueMs) {
      this.stuckSince ??= Date.now();
      outcome = 'recovered';
      await this.recover();
    }
    if (this.nightly?.enabled && !(await this.nightly.registered().catch(() => true))) {
      this.logger.warn('nightly scoring schedule missing from Redis: registering it again');
      await this.nightly.ensure();
    }
    const sentAt = Date.now();
    this.pendingSince ??= sentAt;
    await this.queue
      .add(JOB.canary, { sentAt }, { jobId: `canary:${sentAt}`, attempts: 1, removeOnFail: true })
      .catch(() => undefined);
    return outcome;
  }

  private async recover(): Promise<void> {
    this.recoveries += 1;
    this.logger.error(
      { recoveries: this.recoveries },
      'scoring worker stopped taking jobs: reconnecting its blocking connection',
    );
    try {
      await this.queue.queue.pause(true, true);
      await this.queue.queue.resume(true);
    } catch (error) {
      this.logger.error({ err: error }, 'scoring worker recovery failed');
    }
  }
}
