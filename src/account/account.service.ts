import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import type { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { OncePerInterval } from '../auth/once-per-interval';
import { passwordProblem, PasswordService } from '../auth/password.service';
import { TooManyAttemptsError } from '../auth/too-many-attempts.error';
import { TransactionRunner } from '../database/transaction-runner';
import { User } from '../users/entities/user.entity';
import { CommonErrors } from '../common/errors/common.errors';
import { AccountErrors } from './account.errors';

/** The signed-in user's own account: changing their password. */
/** The signed-in user's own name is a real account: a wrong current password spends the real-account address budget. */
const realAccount = () => Promise.resolve(true);

@Injectable()
export class AccountService {
  /** One audit row per (user, address) and minute of refusals, as for login. */
  private readonly throttledAudit = new OncePerInterval(60_000);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * The current password proves it is the person (a session left open is not enough); the new one
   * follows the policy for passwords an admin sets. Every other session of the user ends; the
   * current one stays, and the first-sign-in flag is cleared.
   *
   * The current password is checked under the login throttle (same counters, same limits): the
   * attempt is counted before the hash is verified, so an open session is no unthrottled oracle and
   * a burst of changes cannot tie up the hash queue that sign-in needs.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const held = await this.throttle
      .reserve({ username: actor.username, ip: actor.ip }, realAccount)
      .catch(async (error: unknown) => {
        if (error instanceof TooManyAttemptsError) {
          if (this.throttledAudit.firstIn(`${actor.id}|${actor.ip}`)) {
            await this.audit.record(actor, {
              action: 'auth.password.change_throttled',
              entityType: 'user',
              entityId: actor.id,
            });
          }
          throw new TooManyAttemptsError(error.retryAfterSeconds, '当前密码错误次数过多');
        }
        throw error;
      });
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.id })
      .getOne();
    if (!user) throw CommonErrors.userNotFound();
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      // The failure keeps the points reserve() took.
      await this.audit.record(actor, {
        action: 'auth.password.change_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: 'wrong_password' },
      });
      throw AccountErrors.wrongPassword();
    }
    await this.throttle.succeeded(held);
    const problem = passwordProblem(newPassword, user.username);
    if (problem) throw AccountErrors.newPasswordRejected(problem);
    if (newPassword === currentPassword) throw AccountErrors.passwordUnchanged();
    const passwordHash = await this.passwords.hash(newPassword);
    await this.tx.run(async (em) => {
      await em.update(User, { id: user.id }, { passwordHash, mustChangePassword: false });
      const ended = await em.update(
        AuthSession,
        { userId: user.id, id: Not(actor.sessionId), revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      await this.audit.recordIn(em, actor, {
        action: 'auth.password.changed',
        entityType: 'user',
        entityId: user.id,
        after: { otherSessionsEnded: ended.affected ?? 0, wasInitial: !!user.mustChangePassword },
      });
    });
  }
}
