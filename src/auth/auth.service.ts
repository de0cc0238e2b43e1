import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { TransactionRunner } from '../database/transaction-runner';
import { User } from '../users/entities/user.entity';
import { AuthSessionsService, IssuedSession } from './auth-sessions.service';
import { LoginThrottleService } from './login-throttle.service';
import { PasswordService } from './password.service';
import type { Principal } from './principal';

export interface LoginContext {
  ip: string;
  userAgent: string | null;
  kind: 'api' | 'web';
}

export interface LoginResult extends IssuedSession {
  user: Pick<User, 'id' | 'username' | 'name' | 'role' | 'unitId'>;
}

/** Verified once so that a missing user costs the same time as a wrong password. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$0mKn4VYwqhNpoGBl8V9A3O5kHHcRjYBGDwsZ3PWbx2c';

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: AuthSessionsService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  async login(username: string, password: string, ctx: LoginContext): Promise<LoginResult> {
    const name = username.trim();
    await this.throttle.beforeAttempt(name, ctx.ip).catch(async (error: unknown) => {
      await this.audit.record({ id: null, username: name, ip: ctx.ip }, { action: 'auth.login.throttled', entityType: 'user' });
      throw error;
    });
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('LOWER(u.username) = LOWER(:name)', { name })
      .getOne();
    const ok = await this.passwords.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !ok || user.disabled) {
      await this.throttle.onFailure(name, ctx.ip);
      await this.audit.record(
        { id: user?.id ?? null, username: name, ip: ctx.ip },
        { action: 'auth.login.failed', entityType: 'user', entityId: user?.id, after: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' } },
      );
      throw new AppError(401, 'AUTH.INVALID_CREDENTIALS', '用户名或密码错误');
    }
    await this.throttle.onSuccess(name);
    // One transaction: a session never exists without its login recorded in the audit log.
    const issued = await this.tx.run(async (em) => {
      const session = await this.sessions.issueIn(em, user.id, ctx.kind, ctx.ip, ctx.userAgent);
      await em.update(User, { id: user.id }, { lastLoginAt: new Date() });
      await this.audit.recordIn(em, { id: user.id, username: user.username, ip: ctx.ip }, {
        action: 'auth.login.succeeded',
        entityType: 'user',
        entityId: user.id,
        after: { via: ctx.kind },
      });
      return session;
    });
    const { id, role, unitId } = user;
    return { ...issued, user: { id, username: user.username, name: user.name, role, unitId } };
  }

  async logout(principal: Principal, ip: string): Promise<void> {
    await this.tx.run(async (em) => {
      await this.sessions.revokeIn(em, principal.sessionId);
      await this.audit.recordIn(em, { id: principal.id, username: principal.username, ip }, { action: 'auth.logout', entityType: 'user', entityId: principal.id });
    });
  }
}
