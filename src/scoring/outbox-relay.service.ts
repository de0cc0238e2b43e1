import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboxService } from '../outbox/outbox.service';
import { JOB, QueueUnavailableError, ScoringQueue, type EventJob } from './scoring.queue';

const BATCH = 200;

/**
 * Moves outbox events into the `scoring` queue. The job id is the outbox id, so an event enqueued
 * again (the process died between enqueue and marking) is still one job; and the processors
 * recompute from the source tables, so even a second run of an event has no further effect.
 * Redis down: nothing is marked, the events wait in the table and flow on a later tick.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private stopped = false;
  private paused = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly queue: ScoringQueue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.relay(), this.config.get('OUTBOX_POLL_MS'));
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Stops relaying until resume() (maintenance, and tests that simulate an outage); events keep waiting in the table. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  /** One pass (also called by tests): relays until the outbox is empty or Redis is unavailable. Returns how many were relayed. */
  relay(): Promise<number> {
    if (this.running || this.stopped || this.paused) return this.running ?? Promise.resolve(0);
    this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const events = await this.outbox.unpublished(BATCH);
        if (events.length === 0 || this.stopped) return total;
        await this.queue.addBulk<EventJob>(
          events.map((e) => ({ name: JOB.event, data: { outboxId: e.id, type: e.type, payload: JSON.parse(e.payload) }, opts: { jobId: e.id } })),
        );
        await this.outbox.markPublished(events.map((e) => e.id));
        total += events.length;
        if (events.length < BATCH) return total;
      }
    } catch (error) {
      if (error instanceof QueueUnavailableError) this.logger.warn(`outbox relay waits: ${error.message}`);
      else this.logger.error({ err: error }, 'outbox relay failed');
      return total;
    }
  }
}
