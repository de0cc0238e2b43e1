import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { User } from '../users/entities/user.entity';
import { AuthSession } from './entities/auth-session.entity';
import type { Principal } from './principal';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** lastSeenAt is written at most this often, not on every request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** What a token stands for: its principal, nothing (`null`), or a session just ended for being idle. */
export type SessionLookup = Principal | 'idle' | null;

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Issues, resolves and revokes bearer tokens and page sessions. */
@Injectable()
export class AuthSessionsService {
  private readonly logger = new Logger('AuthSessions');

  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
  ) {}

  /** Inside the caller's transaction, so the session exists only if the login is recorded too. */
  async issueIn(
    em: EntityManager,
    userId: string,
    kind: 'api' | 'web',
    ip: string | null,
    userAgent: string | null,
  ): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = Date.now();
    const expiresAt = new Date(now + this.config.get('SESSION_TTL_HOURS') * 3600_000);
    await em.insert(AuthSession, {
      tokenHash: hashToken(token),
      userId,
      kind,
      csrfToken,
      ip,
      userAgent: userAgent?.slice(0, 255) ?? null,
      expiresAt,
      lastSeenAt: new Date(now),
    });
    return { token, csrfToken, expiresAt };
  }

  /**
   * One indexed query per request: the session, its user, and whether either is still valid. A
   * session unused for SESSION_IDLE_MINUTES is revoked here ('idle'); a live one has its lastSeenAt
   * moved on at most once a minute, so reads stay reads.
   */
  async resolve(token: string, via: Principal['via']): Promise<SessionLookup> {
    const row = await this.sessions
      .createQueryBuilder('s')
      .innerJoin(User, 'u', 'u.id = s.userId')
      .select([
        's.id AS "sessionId"',
        's.csrfToken AS "csrfToken"',
        's.expiresAt AS "expiresAt"',
        's.lastSeenAt AS "lastSeenAt"',
      ])
      .addSelect([
        'u.id AS "id"',
        'u.username AS "username"',
        'u.name AS "name"',
        'u.role AS "role"',
        'u.unitId AS "unitId"',
        'u.mustChangePassword AS "mustChangePassword"',
      ])
      .where('s.tokenHash = :hash', { hash: hashToken(token) })
      .andWhere('s.revokedAt IS NULL')
      .andWhere('u.disabled = :disabled', { disabled: false })
      .getRawOne<
        Omit<Principal, 'via' | 'mustChangePassword'> & {
          expiresAt: string | Date;
          lastSeenAt: string | Date;
          mustChangePassword: unknown;
        }
      >();
    if (!row) return null;
    const now = Date.now();
    if (toDate(row.expiresAt).getTime() <= now) return null;
    const unused = now - toDate(row.lastSeenAt).getTime();
    const idleLimit = this.config.get('SESSION_IDLE_MINUTES') * 60_000;
    if (idleLimit > 0 && unused > idleLimit) {
      await this.write('end an idle session', (em) =>
        em.update(AuthSession, { id: row.sessionId, revokedAt: IsNull() }, { revokedAt: new Date(now) }),
      );
      return 'idle';
    }
    if (unused >= LAST_SEEN_RESOLUTION_MS) {
      await this.write('record session use', (em) =>
        em.update(AuthSession, { id: row.sessionId }, { lastSeenAt: new Date(now) }),
      );
    }
    const { expiresAt: _expires, lastSeenAt: _seen, mustChangePassword, ...principal } = row;
    return { ...principal, via, mustChangePassword: mustChangePassword === true || mustChangePassword === 1 };
  }

  /**
   * A failed write here (SQLite busy) must not fail the request: an idle session is refused anyway
   * (and found idle again next time), and a missed lastSeenAt costs at most a minute of idle time.
   */
  private async write(what: string, work: (em: EntityManager) => Promise<unknown>): Promise<void> {
    await this.tx
      .run(work)
      .catch((error: unknown) => this.logger.warn(`could not ${what}: ${String(error)}`));
  }

  async revokeIn(em: EntityManager, sessionId: string): Promise<void> {
    await em.update(AuthSession, { id: sessionId }, { revokedAt: new Date() });
  }
}

/** SQLite hands raw datetimes back as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC. */
export function toDate(value: string | Date): Date {
  if (value instanceof Date) return value;
  return new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
