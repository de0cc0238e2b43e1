import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../auth/principal';
import { TransactionRunner } from '../../database/transaction-runner';
import { ScopeService } from '../../units/scope.service';
import { IndicatorNote } from '../entities/indicator-rows.entity';
import { indicatorByCode } from './indicator-catalog';
import { periodOrFail } from './periods';
import { IndicatorErrors } from './indicators.errors';

export interface IndicatorNoteText {
  deviationReason: string;
  improvement: string;
}

/**
 * 偏差原因 / 改进措施 per unit, period and indicator. Written by admins and by managers for units in
 * their subtree; a closed period stays writable, since the explanation is usually written after it.
 */
@Injectable()
export class IndicatorNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async ofUnit(unitId: string, period: string): Promise<Map<string, IndicatorNoteText>> {
    const rows = await this.dataSource.manager.findBy(IndicatorNote, { unitId, period });
    return new Map(
      rows.map((r) => [r.code, { deviationReason: r.deviationReason, improvement: r.improvement }]),
    );
  }

  async get(me: Principal, unitId: string, periodCode: string, code: string): Promise<IndicatorNoteText> {
    this.indicatorOrFail(code);
    const period = periodOrFail(periodCode);
    await this.scope.assertCanSeeUnit(me, unitId);
    return (await this.ofUnit(unitId, period.code)).get(code) ?? { deviationReason: '', improvement: '' };
  }

  async set(
    me: Principal,
    actor: Actor,
    code: string,
    input: { unitId: string; period: string } & Partial<IndicatorNoteText>,
  ): Promise<IndicatorNoteText & { code: string; unitId: string; period: string }> {
    this.indicatorOrFail(code);
    const period = periodOrFail(input.period);
    await this.scope.assertCanSeeUnit(me, input.unitId);
    const after = {
      deviationReason: (input.deviationReason ?? '').trim(),
      improvement: (input.improvement ?? '').trim(),
    };
    await this.tx.run(async (em) => {
      const key = { unitId: input.unitId, period: period.code, code };
      const before = await em.findOneBy(IndicatorNote, key);
      await em.upsert(IndicatorNote, { ...key, ...after, updatedById: actor.id, updatedAt: new Date() }, [
        'unitId',
        'period',
        'code',
      ]);
      await this.audit.recordIn(em, actor, {
        action: 'indicator.note.set',
        entityType: 'indicator_note',
        entityId: input.unitId,
        before: before
          ? {
              period: period.code,
              code,
              deviationReason: before.deviationReason,
              improvement: before.improvement,
            }
          : null,
        after: { period: period.code, code, ...after },
      });
    });
    return { code, unitId: input.unitId, period: period.code, ...after };
  }

  private indicatorOrFail(code: string) {
    const def = indicatorByCode.get(code);
    if (!def) throw IndicatorErrors.notFound(code);
    return def;
  }
}
