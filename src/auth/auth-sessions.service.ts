import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { AuthSession } from './entities/auth-session.entity';
import type { Principal } from './principal';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Issues, resolves and revokes bearer tokens and page sessions. */
@Injectable()
export class AuthSessionsService {
  constructor(
    @InjectRepository(AuthSession) private readonly sessions: Repository<AuthSession>,
    private readonly config: AppConfig,
  ) {}

  /** Inside the caller's transaction, so the session exists only if the login is recorded too. */
  async issueIn(em: EntityManager, userId: string, kind: 'api' | 'web', ip: string | null, userAgent: string | null): Promise<IssuedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.get('SESSION_TTL_HOURS') * 3600_000);
    await em.insert(AuthSession, {
      tokenHash: hashToken(token),
      userId,
      kind,
      csrfToken,
      ip,
      userAgent: userAgent?.slice(0, 255) ?? null,
      expiresAt,
    });
    return { token, csrfToken, expiresAt };
  }

  /** One indexed query per request: the session, its user, and whether either is still valid. */
  async resolve(token: string, via: Principal['via']): Promise<Principal | null> {
    const row = await this.sessions
      .createQueryBuilder('s')
      .innerJoin(User, 'u', 'u.id = s.userId')
      .select(['s.id AS "sessionId"', 's.csrfToken AS "csrfToken"', 's.expiresAt AS "expiresAt"'])
      .addSelect(['u.id AS "id"', 'u.username AS "username"', 'u.name AS "name"', 'u.role AS "role"', 'u.unitId AS "unitId"', 'u.mustChangePassword AS "mustChangePassword"'])
      .where('s.tokenHash = :hash', { hash: hashToken(token) })
      .andWhere('s.revokedAt IS NULL')
      .andWhere('u.disabled = :disabled', { disabled: false })
      .getRawOne<Omit<Principal, 'via' | 'mustChangePassword'> & { expiresAt: string | Date; mustChangePassword: unknown }>();
    if (!row) return null;
    if (toDate(row.expiresAt).getTime() <= Date.now()) return null;
    const { expiresAt: _ignored, mustChangePassword, ...principal } = row;
    return { ...principal, via, mustChangePassword: mustChangePassword === true || mustChangePassword === 1 };
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
