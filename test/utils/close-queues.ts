import { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import Bull from 'bull';

/**
 * Closes every Bull queue of the app at once. Nest closes them one module after another, and each
 * close waits up to 500 ms for its worker's blocking Redis read to give up: about 3 s per app, most
 * of an e2e file's teardown. app.close() afterwards still runs every hook; a queue's own close then
 * returns the same finished promise.
 */
export async function closeQueuesTogether(app: INestApplication): Promise<void> {
  const queues = new Set<Bull.Queue>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.providers.values()) {
      if (wrapper.instance instanceof Bull) queues.add(wrapper.instance as Bull.Queue);
    }
  }
  await Promise.all([...queues].map(async (queue) => closeWhenStarted(queue)));
}

/** As the user-import processor does before shutdown: a worker still connecting must not be cut off. */
async function closeWhenStarted(queue: Bull.Queue): Promise<void> {
  const worker = queue as unknown as { bclientInitialized?: boolean; bclient?: { status?: string } };
  for (
    let waited = 0;
    waited < 2000 && worker.bclientInitialized && isStarting(worker.bclient?.status);
    waited += 25
  ) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await queue.close().catch(() => undefined);
}

function isStarting(status: string | undefined): boolean {
  return ['wait', 'connecting', 'connect', 'reconnecting'].includes(status ?? '');
}
