import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { OutboxService } from '../outbox/outbox.service';
import { JOB, QueueUnavailableError, ScoringQueue, type EventJob } from './scoring.queue';

const BATCH = 200;
/** How long a claimed batch is this relay's: far above one addBulk (3 s timeout), short enough that a dead process's batch flows soon. */
export const CLAIM_LEASE_MS = 30_000;
/** Re-queues of one event whose job vanished before it ran; beyond this it is left for an operator (logged). */
export const MAX_REQUEUES = 5;
/** Rows checked against Redis per reconcile pass. */
const RECONCILE_LIMIT = 2000;

/**
 * Moves outbox events into the `scoring` queue. Every process runs a relay, but each pass first
 * claims its batch in the database (a lease, so a relay that dies mid-pass holds nothing for long):
 * one row, one relay, one job. The job id is the outbox id, so an event enqueued again while its job
 * still exists is still one job; the worker marks the row processed when the job has run and skips
 * an event already processed. Redis down: nothing is marked, the events wait in the table and flow
 * on a later tick. Redis lost its data: the reconcile (every OUTBOX_REQUEUE_SECONDS) finds rows
 * published that long ago, not processed, whose job is gone, and publishes them again.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly name = `${process.pid}:${randomUUID().slice(0, 8)}`;
  private pass = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;
  private stopped = false;
  private paused = false;
  private lastReconcile = Date.now();
  /** Logged once per outage, not on every tick. */
  private waiting = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly queue: ScoringQueue,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.get('OUTBOX_POLL_MS'));
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

  private async tick(): Promise<void> {
    const every = this.config.get('OUTBOX_REQUEUE_SECONDS') * 1000;
    if (!this.paused && !this.stopped && Date.now() - this.lastReconcile >= every) {
      this.lastReconcile = Date.now();
      await this.reconcile().catch((error: unknown) =>
        this.logger.error({ err: error }, 'outbox reconcile failed'),
      );
    }
    await this.relay();
  }

  /** One pass (also called by tests): relays until the outbox is empty or Redis is unavailable. Returns how many were relayed. */
  relay(): Promise<number> {
    if (this.running || this.stopped || this.paused) return this.running ?? Promise.resolve(0);
    this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  private async drain(): Promise<number> {
    let total = 0;
    let token = '';
    try {
      for (;;) {
        // No claim (a write) on every tick of an outage: wait until the queue answers.
        if (!this.queue.ready) throw new QueueUnavailableError(`redis ${this.queue.queue.client.status}`);
        token = `${this.name}:${++this.pass}`;
        const events = await this.outbox.claim(token, BATCH, CLAIM_LEASE_MS);
        if (events.length === 0 || this.stopped) return this.flowing(total);
        const jobs: Array<{ name: string; data: EventJob; opts: { jobId: string } }> = [];
        const usable: string[] = [];
        for (const e of events) {
          const payload = parsePayload(e.payload);
          if (payload) {
            jobs.push({
              name: JOB.event,
              data: { outboxId: e.id, type: e.type, payload },
              opts: { jobId: e.id },
            });
            usable.push(e.id);
          } else {
            // A payload no job could use would block the outbox for ever: counted, logged and set aside.
            this.logger.error(
              { outboxId: e.id, type: e.type },
              'outbox event discarded: its payload is not a JSON object',
            );
            await this.outbox.setAside(e.id);
          }
        }
        if (jobs.length > 0) await this.queue.addBulk<EventJob>(jobs);
        await this.outbox.markPublished(usable, token);
        total += events.length;
        if (events.length < BATCH) return this.flowing(total);
      }
    } catch (error) {
      // The batch goes back at once; were this process to die instead, its lease would expire.
      if (token) await this.outbox.release(token).catch(() => undefined);
      if (error instanceof QueueUnavailableError) {
        if (!this.waiting) this.logger.warn(`outbox relay waits for the queue: ${error.message}`);
        this.waiting = true;
      } else this.logger.error({ err: error }, 'outbox relay failed');
      return total;
    }
  }

  /**
   * Facts without their effect: events published more than OUTBOX_REQUEUE_SECONDS ago, not processed,
   * whose job is no longer in Redis (Redis restarted without its data, or a failed job was evicted)
   * are published again. Returns how many. A job still waiting, running, delayed or failed is left alone.
   */
  async reconcile(now = new Date()): Promise<number> {
    if (!this.queue.ready) return 0;
    const cutoff = new Date(now.getTime() - this.config.get('OUTBOX_REQUEUE_SECONDS') * 1000);
    let requeued = 0;
    let afterId = '';
    for (let seen = 0; seen < RECONCILE_LIMIT;) {
      const rows = await this.outbox.stalePublished(cutoff, BATCH, afterId);
      if (rows.length === 0) break;
      seen += rows.length;
      afterId = rows[rows.length - 1].id;
      const present = await this.queue.jobsExist(rows.map((r) => r.id));
      const gone = rows.filter((r, i) => !present[i]);
      const again = gone.filter((r) => Number(r.attempts) < MAX_REQUEUES);
      for (const r of gone.filter((g) => Number(g.attempts) >= MAX_REQUEUES)) {
        this.logger.error(
          { outboxId: r.id, attempts: r.attempts },
          'outbox event lost its job too often: left unprocessed',
        );
      }
      requeued += await this.outbox.republish(again.map((r) => r.id));
      if (rows.length < BATCH) break;
    }
    if (requeued > 0) {
      this.logger.warn({ requeued }, 'outbox events whose job vanished from Redis are queued again');
    }
    return requeued;
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
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as EventJob['payload'])
      : null;
  } catch {
    return null;
  }
}
