import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ScopeService } from '../units/scope.service';
import { CompletionErrors } from './completions.errors';
import { normaliseCertificateCode } from './certificate-code';
import { rawRows, toDate, toNumber } from '../database/sql/raw-sql';

export type CertificateStatus = 'valid' | 'expired';

export interface CertificateView {
  id: string;
  code: string;
  courseId: string;
  courseTitle: string;
  creditHours: number;
  issuedAt: Date;
  completedAt: Date;
  expiresAt: Date | null;
  status: CertificateStatus;
  verifyPath: string;
}

export interface CertificateDetail extends CertificateView {
  userId: string;
  userName: string;
  unitName: string;
}

/** What the public verification page may show: no unit, no user id, nothing else personal. */
export interface VerificationResult {
  status: CertificateStatus | 'unknown';
  code: string;
  name?: string;
  courseTitle?: string;
  completedAt?: Date;
  expiresAt?: Date | null;
}

const SELECT = `SELECT cert."id", cert."code", cert."courseId", c."title" AS "courseTitle", cc."creditHours",
    cert."issuedAt", cc."completedAt", cert."expiresAt", cert."userId", u."name" AS "userName", u."unitId" AS "userUnitId", un."name" AS "unitName"
  FROM certificates cert
  JOIN course_completions cc ON cc."id" = cert."completionId"
  JOIN courses c ON c."id" = cert."courseId"
  JOIN users u ON u."id" = cert."userId"
  JOIN units un ON un."id" = u."unitId"`;

@Injectable()
export class CertificatesService {
  constructor(
    @InjectEntityManager() private readonly em: EntityManager,
    private readonly scope: ScopeService,
  ) {}

  /** Newest first (idx_certificates_user). */
  async listForUser(
    userId: string,
    limit: number,
    offset: number,
  ): Promise<{ items: CertificateView[]; total: number }> {
    const now = new Date();
    const rows = await rawRows<Record<string, unknown>>(
      this.em,
      `${SELECT} WHERE cert."userId" = :userId ORDER BY cert."issuedAt" DESC, cert."id" LIMIT :limit OFFSET :offset`,
      { userId, limit, offset },
    );
    const [count] = await rawRows<{ total: unknown }>(
      this.em,
      `SELECT COUNT(*) AS "total" FROM certificates WHERE "userId" = :userId`,
      {
        userId,
      },
    );
    return { items: rows.map((r) => toView(r, now)), total: toNumber(count?.total) };
  }

  /** For the printable page: the owner, a manager of the owner's unit subtree, trainers and admins. */
  async findForViewer(me: Principal, id: string): Promise<CertificateDetail> {
    const [row] = await rawRows<Record<string, unknown>>(this.em, `${SELECT} WHERE cert."id" = :id`, { id });
    const owner = row ? { id: String(row.userId), unitId: String(row.userUnitId) } : null;
    await this.scope.assertCanSeeUser(me, owner, CompletionErrors.certificateNotFound);
    return {
      ...toView(row, new Date()),
      userId: String(row.userId),
      userName: String(row.userName),
      unitName: String(row.unitName),
    };
  }

  async verify(input: string): Promise<VerificationResult> {
    const code = normaliseCertificateCode(input);
    if (!code) return { status: 'unknown', code: input.slice(0, 32) };
    const [row] = await rawRows<Record<string, unknown>>(this.em, `${SELECT} WHERE cert."code" = :code`, {
      code,
    });
    if (!row) return { status: 'unknown', code };
    const view = toView(row, new Date());
    return {
      status: view.status,
      code,
      name: String(row.userName),
      courseTitle: view.courseTitle,
      completedAt: view.completedAt,
      expiresAt: view.expiresAt,
    };
  }
}

function toView(r: Record<string, unknown>, now: Date): CertificateView {
  const expiresAt = toDate(r.expiresAt);
  return {
    id: String(r.id),
    code: String(r.code),
    courseId: String(r.courseId),
    courseTitle: String(r.courseTitle),
    creditHours: toNumber(r.creditHours),
    issuedAt: toDate(r.issuedAt) as Date,
    completedAt: toDate(r.completedAt) as Date,
    expiresAt,
    status: expiresAt && expiresAt <= now ? 'expired' : 'valid',
    verifyPath: `/verify/${String(r.code)}`,
  };
}
