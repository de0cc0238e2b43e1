import { InjectQueue, Process, Processor } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Job, Queue } from 'bull';
import { setTimeout as delay } from 'node:timers/promises';
import { In, Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { UserImport } from '../entities/user-import.entity';
import { unseal } from './sealed-rows';
import { NewUser, USER_IMPORT_QUEUE, UserImportJob } from './user-import.queue';
import { UserImportService } from './user-import.service';

const INTERRUPTED = ['USER_IMPORT.INTERRUPTED', '导入因服务重启而中断，未导入任何用户，请重新提交文件'] as const;

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
    @InjectQueue(USER_IMPORT_QUEUE) private readonly queue: Queue<UserImportJob>,
  ) {
    // Without a listener an 'error' event (Redis down, or closing mid-connect) is thrown as a crash.
    queue.on('error', (error) => this.logger.warn(`user-import queue: ${error.message}`));
  }

  /**
   * Closing the queue while its worker is still connecting rejects the worker's start-up commands
   * ("Connection is closed") outside any handler: wait until the worker's blocking connection is
   * ready first (bounded: Redis may be down).
   */
  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.queue as unknown as { bclient?: { status?: string } };
    for (let waited = 0; waited < 2000 && worker.bclient?.status !== 'ready'; waited += 25) await delay(25);
  }

  /**
   * The key that sealed a queued job's rows died with the previous process (one app process per
   * deployment): such imports can never finish, so say so instead of showing them as running forever.
   */
  async onApplicationBootstrap(): Promise<void> {
    const stale = await this.imports.find({ where: { state: In(['queued', 'running']) }, select: { id: true } });
    for (const { id } of stale) await this.importer.markFailed(id, ...INTERRUPTED);
  }

  @Process()
  async run(job: Job<UserImportJob>): Promise<void> {
    const { importId, actor } = job.data;
    const current = await this.imports.findOneBy({ id: importId });
    if (current?.state !== 'queued') return; // already ended (e.g. marked interrupted at start)
    let users: NewUser[];
    try {
      users = unseal<NewUser[]>(job.data.rows);
    } catch {
      await this.importer.markFailed(importId, ...INTERRUPTED);
      return;
    }
    await this.importer.markRunning(importId);
    try {
      await this.importer.hashAndInsert(actor, users, importId);
    } catch (error) {
      const known = error instanceof AppError;
      if (!known) this.logger.error({ importId, err: error instanceof Error ? error.message : String(error) }, 'user import failed');
      await this.importer.markFailed(
        importId,
        known ? error.code : 'USER_IMPORT.FAILED',
        known ? `${error.message}；未导入任何用户，请检查后重新提交` : '导入出错，未导入任何用户，请稍后重新提交',
      );
    }
  }
}
