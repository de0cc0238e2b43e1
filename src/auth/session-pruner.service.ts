import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { AuthSession } from './entities/auth-session.entity';

const KEEP_DAYS = 30;
const EVERY_MS = 6 * 3600_000;

/**
 * Deletes sessions that expired or were revoked more than 30 days ago, at start and every six hours,
 * so auth_sessions does not grow without end. Who signed in when stays in the audit log.
 */
@Injectable()
export class SessionPrunerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Sessions');
  private timer?: NodeJS.Timeout;

  constructor(private readonly tx: TransactionRunner) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune().catch((e: unknown) => this.logger.error(e)), EVERY_MS);
    this.timer.unref();
    void this.prune().catch((e: unknown) => this.logger.error(e));
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Returns how many sessions were deleted. */
  async prune(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - KEEP_DAYS * 86_400_000);
    return this.tx.run(async (em) => {
      const expired = await em.delete(AuthSession, { expiresAt: LessThan(before) });
      const revoked = await em.delete(AuthSession, { revokedAt: LessThan(before) });
      return (expired.affected ?? 0) + (revoked.affected ?? 0);
    });
  }
}
