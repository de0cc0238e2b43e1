import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditLog } from './entities/audit-log.entity';

/** Who did it. A signed-in Principal serves as is (no ip); CurrentActor adds the request's address. */
export interface AuditActor {
  id: string | null;
  username: string | null;
  ip?: string | null;
}

/** What the audit page and API filter on; all optional. `to` is exclusive. */
export interface AuditFilter {
  action?: string;
  entityType?: string;
  /** Rows by these actors, or (for failed logins) by an attempted username containing `actorText`. */
  actorIds?: string[];
  actorText?: string;
  from?: Date;
  to?: Date;
}

export interface AuditEntry {
  action: string; // e.g. 'user.create', 'auth.login.failed'
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Sensitive actions go to the audit_logs table (readable by admins) and to the security log. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger('Security');

  constructor(
    @InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>,
    private readonly tx: TransactionRunner,
  ) {}

  /** Inside a caller's transaction, so the audit row commits or rolls back with the change. Answers the row's id. */
  async recordIn(em: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<string> {
    const inserted = await em.insert(AuditLog, this.row(actor, entry) as object);
    this.logger.log(
      { event: entry.action, actor: actor.username, entityId: entry.entityId, ip: actor.ip },
      entry.action,
    );
    return String(inserted.identifiers[0]?.id);
  }

  async record(actor: AuditActor, entry: AuditEntry): Promise<void> {
    await this.tx.run((em) => this.recordIn(em, actor, entry));
  }

  async list(limit: number, offset: number, filter: AuditFilter = {}) {
    const qb = this.filtered(filter).orderBy('a.createdAt', 'DESC').addOrderBy('a.id', 'DESC');
    const [items, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { items, total };
  }

  private filtered(filter: AuditFilter) {
    const qb = this.logs.createQueryBuilder('a');
    if (filter.action) qb.andWhere('a.action = :action', { action: filter.action });
    if (filter.entityType) qb.andWhere('a.entityType = :entityType', { entityType: filter.entityType });
    if (filter.actorIds || filter.actorText !== undefined) {
      const byId = filter.actorIds?.length ? 'a.actorId IN (:...actorIds)' : null;
      const byName = filter.actorText ? "LOWER(a.actorUsername) LIKE :actorText ESCAPE '\\'" : null;
      const clauses = [byId, byName].filter(Boolean);
      qb.andWhere(clauses.length ? `(${clauses.join(' OR ')})` : '1 = 0', {
        actorIds: filter.actorIds,
        actorText: filter.actorText
          ? `%${filter.actorText.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
          : undefined,
      });
    }
    if (filter.from) qb.andWhere('a.createdAt >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.createdAt < :to', { to: filter.to });
    return qb;
  }

  /** The actions that occur in the log, for the filter on the audit page (served by idx_audit_logs_action). */
  async actions(): Promise<string[]> {
    const rows = await this.logs
      .createQueryBuilder('a')
      .select('DISTINCT a.action', 'action')
      .orderBy('action')
      .getRawMany<{ action: string }>();
    return rows.map((r) => r.action);
  }

  private row(actor: AuditActor, entry: AuditEntry) {
    return {
      actorId: actor.id,
      actorUsername: actor.username,
      ip: actor.ip ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    };
  }
}
