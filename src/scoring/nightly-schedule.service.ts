import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JOB, ScoringQueue } from './scoring.queue';
import { BUREAU_TZ } from '../common/time/bureau-time';

export const NIGHTLY_JOB_ID = 'scoring-nightly';
export const NIGHTLY_TZ = BUREAU_TZ;

/**
 * The nightly full run as one repeatable job. Bull keys a repeatable job by name, job id, cron and
 * time zone, so registering it at every start (app or worker) finds the same key and adds nothing;
 * a schedule left over from a previous cron setting is removed, so exactly one remains. Redis that
 * restarts without its data forgets the schedule: it is registered again when the connection is
 * ready after a loss, and when the canary finds it missing.
 */
@Injectable()
export class NightlyScheduleService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NightlyScheduleService.name);
  private retry: NodeJS.Timeout | undefined;
  private lost = false;
  private readonly onLost = () => (this.lost = true);
  private readonly onReady = () => {
    if (!this.lost) return;
    this.lost = false;
    void this.ensure();
  };
  enabled = false;

  constructor(
    private readonly queue: ScoringQueue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    const client = this.queue.queue.client;
    client.on('error', this.onLost).on('close', this.onLost).on('ready', this.onReady);
    void this.ensure();
  }

  onModuleDestroy(): void {
    clearTimeout(this.retry);
    this.queue.queue.client.off('error', this.onLost).off('close', this.onLost).off('ready', this.onReady);
  }

  /** Whether the schedule is registered (the canary asks). */
  async registered(): Promise<boolean> {
    return (await this.queue.queue.getRepeatableJobs()).some((r) => r.name === JOB.nightly);
  }

  async ensure(): Promise<void> {
    clearTimeout(this.retry);
    const cron = this.config.get('SCORING_NIGHTLY_CRON');
    try {
      await this.queue.queue.isReady();
      const existing = await this.queue.queue.getRepeatableJobs();
      for (const r of existing) {
        if (r.name === JOB.nightly && (r.cron !== cron || r.tz !== NIGHTLY_TZ)) {
          await this.queue.queue.removeRepeatableByKey(r.key);
        }
      }
      await this.queue.add(
        JOB.nightly,
        {},
        { jobId: NIGHTLY_JOB_ID, repeat: { cron, tz: NIGHTLY_TZ }, attempts: 3 },
      );
    } catch (error) {
      this.logger.warn(
        `nightly scoring schedule not registered yet (${String(error)}); trying again in a minute`,
      );
      this.retry = setTimeout(() => void this.ensure(), 60_000);
      this.retry.unref();
    }
  }
}
