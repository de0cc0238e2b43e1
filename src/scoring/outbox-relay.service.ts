import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
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
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelayService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private stopped = false;
  private paused = false;
  /** Logged once per outage, not on every tick. */
  private waiting = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly queue: ScoringQueue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.relay(), this.config.get('OUTBOX_POLL_MS'));
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
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
        if (events.length === 0 || this.stopped) return this.flowing(total);
        const jobs: Array<{ name: string; data: EventJob; opts: { jobId: string } }> = [];
        for (const e of events) {
          const payload = parsePayload(e.payload);
          if (payload) jobs.push({ name: JOB.event, data: { outboxId: e.id, type: e.type, payload }, opts: { jobId: e.id } });
          else {
            // A payload no job could use would block the outbox for ever: counted, logged and set aside.
            this.logger.error({ outboxId: e.id, type: e.type }, 'outbox event discarded: its payload is not a JSON object');
            await this.outbox.recordFailure(e.id);
          }
        }
        if (jobs.length > 0) await this.queue.addBulk<EventJob>(jobs);
        await this.outbox.markPublished(events.map((e) => e.id));
        total += events.length;
        if (events.length < BATCH) return this.flowing(total);
      }
    } catch (error) {
      if (error instanceof QueueUnavailableError) {
        if (!this.waiting) this.logger.warn(`outbox relay waits for the queue: ${error.message}`);
        this.waiting = true;
      } else this.logger.error({ err: error }, 'outbox relay failed');
      return total;
    }
  }

  private flowing(total: number): number {
    if (this.waiting && total > 0) this.logger.log(`outbox relay flows again (${total} events)`);
    if (total > 0) this.waiting = false;
    return total;
  }
}

function parsePayload(text: string): EventJob['payload'] | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as EventJob['payload']) : null;
  } catch {
    return null;
  }
}
