import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import { setTimeout as delay } from 'node:timers/promises';
import { In, LessThan, Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { UserImport } from '../entities/user-import.entity';
import { RowSealer } from './sealed-rows';
import { NewUser, USER_IMPORT_QUEUE, UserImportJob } from './user-import.queue';
import { UserImportService } from './user-import.service';

const INTERRUPTED = [
  'USER_IMPORT.INTERRUPTED',
  '导入因服务重启而中断，未导入任何用户，请重新提交文件',
] as const;
/** An import younger than this may still be having its job added: never taken for an orphan. */
export const ORPHAN_GRACE_MS = 2 * 60_000;
/** A start with Redis unreachable skips the orphan check instead of waiting for it. */
const REDIS_CHECK_TIMEOUT_MS = 3000;

/**
 * Runs queued user imports one at a time: hash every password, then write all users in one
 * transaction. Any failure leaves no user behind and is recorded on the import for the result page.
 */
@Injectable()
@Processor(USER_IMPORT_QUEUE)
export class UserImportProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('UserImport');

  constructor(
    @InjectRepository(UserImport) private readonly imports: Repository<UserImport>,
    private readonly importer: UserImportService,
    private readonly sealer: RowSealer,
    @InjectQueue(USER_IMPORT_QUEUE) private readonly queue: Queue<UserImportJob>,
  ) {
    // Without a listener an 'error' event (Redis down, or closing mid-connect) is thrown as a crash.
    queue.on('error', (error) => this.logger.warn(`user-import queue: ${error.message}`));
  }

  /**
   * Closing the queue while its worker is still connecting rejects the worker's start-up commands
   * ("Connection is closed") outside any handler: wait until the worker's blocking connection is
   * ready first (bounded: Redis may be down). A connection already closed (the queue was closed
   * first) has nothing left to wait for.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.queue as unknown as { bclient?: { status?: string } };
    for (let waited = 0; waited < 2000 && isStarting(worker.bclient?.status); waited += 25) await delay(25);
  }

  /**
   * Several app instances and the worker share the queue, so a starting process fails only true
   * orphans: imports still queued or running whose job is gone from Redis (lost with Redis's data, or
   * the job ended without a word) — never one another process is working on or about to queue.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.failOrphans();
    } catch (error) {
      this.logger.warn(
        `orphaned imports not checked: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** The number of imports marked interrupted. */
  async failOrphans(): Promise<number> {
    const before = new Date(Date.now() - ORPHAN_GRACE_MS);
    const stale = await this.imports.find({
      where: { state: In(['queued', 'running']), createdAt: LessThan(before) },
      select: { id: true },
    });
    let failed = 0;
    for (const { id } of stale) {
      if (await withTimeout(this.queue.getJob(id), REDIS_CHECK_TIMEOUT_MS)) continue;
      await this.importer.markFailed(id, ...INTERRUPTED);
      failed++;
    }
    return failed;
  }

  @Process()
  async run(job: Job<UserImportJob>): Promise<void> {
    const { importId, actor } = job.data;
    const current = await this.imports.findOneBy({ id: importId });
    // Running already: the process that ran it died and Bull handed the stalled job on. One attempt only.
    if (current?.state === 'running') await this.importer.markFailed(importId, ...INTERRUPTED);
    if (current?.state !== 'queued') return;
    let users: NewUser[];
    try {
      users = this.sealer.unseal<NewUser[]>(job.data.rows);
    } catch {
      this.logger.error(
        { importId },
        'user import rows could not be opened: is IMPORT_SEAL_SECRET the same on every process?',
      );
      await this.importer.markFailed(importId, ...INTERRUPTED);
      return;
    }
    if (!(await this.importer.markRunning(importId))) return; // ended meanwhile
    try {
      await this.importer.hashAndInsert(actor, users, importId);
    } catch (error) {
      const known = error instanceof AppError;
      if (!known) {
        this.logger.error(
          { importId, err: error instanceof Error ? error.message : String(error) },
          'user import failed',
        );
      }
      await this.importer.markFailed(
        importId,
        known ? error.code : 'USER_IMPORT.FAILED',
        known
          ? `${error.message}；未导入任何用户，请检查后重新提交`
          : '导入出错，未导入任何用户，请稍后重新提交',
      );
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  const timeout = new AbortController();
  const timedOut = delay(ms, undefined, { signal: timeout.signal }).then(() =>
    Promise.reject(new Error('Redis did not answer')),
  );
  timedOut.catch(() => undefined); // aborted once the work settles
  return Promise.race([work, timedOut]).finally(() => timeout.abort());
}

/** ioredis states before 'ready' (after it: 'close' and 'end'). */
function isStarting(status: string | undefined): boolean {
  return status === undefined || ['wait', 'connecting', 'connect', 'reconnecting'].includes(status);
}
