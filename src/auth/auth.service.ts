import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { TransactionRunner } from '../database/transaction-runner';
import { User } from '../users/entities/user.entity';
import { AuthSessionsService, IssuedSession } from './auth-sessions.service';
import { DeviceCookieService } from './device-cookie.service';
import { LoginThrottleService } from './login-throttle.service';
import { OncePerInterval } from './once-per-interval';
import { PasswordService } from './password.service';
import type { Principal } from './principal';
import { TooManyAttemptsError } from './too-many-attempts.error';
import { CommonErrors } from '../common/errors/common.errors';

export interface LoginContext {
  ip: string;
  userAgent: string | null;
  kind: 'api' | 'web';
  /** The `pt_device` cookie as sent, if any (checked here, never trusted). */
  deviceCookie?: unknown;
}

export interface LoginResult extends IssuedSession {
  user: Pick<User, 'id' | 'username' | 'name' | 'role' | 'unitId'>;
  /** The renewed `pt_device` cookie: this browser is a known device of the account from now on. */
  device: { value: string; expires: Date };
}

/**
 * Verified when the account does not exist, so a missing user costs the same time as a wrong
 * password. Made with ARGON2_OPTIONS (a hash of a random string nobody knows).
 */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,p=1,t=2$1KSf1HY0q31hlG3X0727iw$7CNwh5P1xBRBruo2Otlo5Ff8Jpz17Dmo9UuiOzkcgGo';

@Injectable()
export class AuthService {
  /** One audit row per (account, address) and minute of refusals: a flood of 429s must not become a flood of writes. */
  private readonly throttledAudit = new OncePerInterval(60_000);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: AuthSessionsService,
    private readonly passwords: PasswordService,
    private readonly throttle: LoginThrottleService,
    private readonly devices: DeviceCookieService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * The attempt is counted by the throttle before the password is verified, so parallel guesses cannot
   * slip past the limit. The throttle looks the name up between its steps (`findUser`, one query per
   * attempt, for real and unknown names alike): it must know which per-address budget a failure
   * spends. A disabled account is named only after the right password.
   */
  async login(username: string, password: string, ctx: LoginContext): Promise<LoginResult> {
    const name = username.trim();
    let lookup: Promise<User | null> | undefined;
    const findUser = () =>
      (lookup ??= this.users
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('LOWER(u.username) = LOWER(:name)', { name })
        .getOne());
    // A cookie that is genuine counts only when it was issued for this very account.
    let device = this.devices.verify(ctx.deviceCookie);
    if (device && (await findUser())?.id !== device.userId) device = null;
    const held = await this.throttle
      .reserve({ username: name, ip: ctx.ip, device: device?.deviceId }, async () => !!(await findUser()))
      .catch(async (error: unknown) => {
        if (
          error instanceof TooManyAttemptsError &&
          this.throttledAudit.firstIn(`${name.toLowerCase()}|${ctx.ip}`)
        ) {
          await this.audit.record(
            { id: null, username: name, ip: ctx.ip },
            { action: 'auth.login.throttled', entityType: 'user' },
          );
        }
        throw error;
      });
    const user = await findUser();
    const ok = await this.passwords.verify(user?.passwordHash ?? DUMMY_HASH, password);
    if (!user || !ok || user.disabled) {
      // A failure keeps the points reserve() took: that is what the throttles count.
      await this.audit.record(
        { id: user?.id ?? null, username: name, ip: ctx.ip },
        {
          action: 'auth.login.failed',
          entityType: 'user',
          entityId: user?.id,
          after: { reason: !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' },
        },
      );
      if (user && ok) throw CommonErrors.authAccountDisabled();
      // The address used up its unknown-name budget: every failure from it looks alike, real name or not.
      if (held.failWait !== undefined) throw new TooManyAttemptsError(held.failWait);
      throw CommonErrors.authInvalidCredentials();
    }
    await this.throttle.succeeded(held);
    // Hash outside the transaction (SQLite queues writes: keep them short); store it inside.
    const newHash = this.passwords.needsRehash(user.passwordHash)
      ? await this.passwords.hash(password)
      : undefined;
    // One transaction: a session never exists without its login recorded in the audit log.
    const issued = await this.tx.run(async (em) => {
      const session = await this.sessions.issueIn(em, user.id, ctx.kind, ctx.ip, ctx.userAgent);
      await em.update(
        User,
        { id: user.id },
        { lastLoginAt: new Date(), ...(newHash ? { passwordHash: newHash } : {}) },
      );
      await this.audit.recordIn(
        em,
        { id: user.id, username: user.username, ip: ctx.ip },
        {
          action: 'auth.login.succeeded',
          entityType: 'user',
          entityId: user.id,
          after: {
            via: ctx.kind,
            ...(device ? { knownDevice: true } : {}),
            ...(newHash ? { passwordRehashed: true } : {}),
          },
        },
      );
      return session;
    });
    const { id, role, unitId } = user;
    return {
      ...issued,
      user: { id, username: user.username, name: user.name, role, unitId },
      device: this.devices.issue(user.id, device),
    };
  }

  async logout(principal: Principal, ip: string): Promise<void> {
    await this.tx.run(async (em) => {
      await this.sessions.revokeIn(em, principal.sessionId);
      await this.audit.recordIn(
        em,
        { id: principal.id, username: principal.username, ip },
        { action: 'auth.logout', entityType: 'user', entityId: principal.id },
      );
    });
  }
}
