import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, Repository } from 'typeorm';
import type { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { AuthSession } from '../auth/entities/auth-session.entity';
import { passwordProblem, PasswordService } from '../auth/password.service';
import { badRequest, notFound } from '../common/errors/app-error';
import { TransactionRunner } from '../database/transaction-runner';
import { User } from '../users/entities/user.entity';

/** The signed-in user's own account: changing their password. */
@Injectable()
export class AccountService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly passwords: PasswordService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * The current password proves it is the person (a session left open is not enough); the new one
   * follows the policy for passwords an admin sets. Every other session of the user ends; the
   * current one stays, and the first-sign-in flag is cleared.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: actor.id }).getOne();
    if (!user) throw notFound('USER.NOT_FOUND', '用户不存在');
    if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
      await this.audit.record(actor, { action: 'auth.password.change_failed', entityType: 'user', entityId: user.id, after: { reason: 'wrong_password' } });
      throw badRequest('ACCOUNT.WRONG_PASSWORD', '当前密码不正确，请重新输入', { currentPassword: 'wrong_password' });
    }
    const problem = passwordProblem(newPassword, user.username);
    if (problem) throw badRequest('VALIDATION.FAILED', '新密码不符合要求', { newPassword: problem });
    if (newPassword === currentPassword) throw badRequest('ACCOUNT.PASSWORD_UNCHANGED', '新密码不能与当前密码相同', { newPassword: 'password_unchanged' });
    const passwordHash = await this.passwords.hash(newPassword);
    await this.tx.run(async (em) => {
      await em.update(User, { id: user.id }, { passwordHash, mustChangePassword: false });
      const ended = await em.update(AuthSession, { userId: user.id, id: Not(actor.sessionId), revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.recordIn(em, actor, {
        action: 'auth.password.changed',
        entityType: 'user',
        entityId: user.id,
        after: { otherSessionsEnded: ended.affected ?? 0, wasInitial: !!user.mustChangePassword },
      });
    });
  }
}
