import { Logger } from '@nestjs/common';
import type { Queue } from 'bull';

/** How long a request waits for Redis before it gives up on a queue operation. */
export const QUEUE_TIMEOUT_MS = 3000;

/**
 * A queue whose Redis is unreachable emits `error`; with no listener Node treats that as an uncaught
 * error. Log it instead: the app keeps serving (health reports Redis down) and jobs resume on reconnect.
 */
export function logQueueErrors(queue: Queue, logger: Logger): void {
  if (queue.listenerCount('error') > 0) return;
  queue.on('error', (err: Error) => logger.warn({ err: err.message, queue: queue.name }, 'queue error'));
}

/**
 * Rejects after `ms` so a request never hangs on a Redis outage (Bull waits for a reconnect instead of
 * failing). The one enqueue-with-timeout: callers pass their own error when they map it to a code.
 */
export function withTimeout<T>(
  work: Promise<T>,
  ms = QUEUE_TIMEOUT_MS,
  timeoutError = () => new Error(`queue operation timed out after ${ms} ms`),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
