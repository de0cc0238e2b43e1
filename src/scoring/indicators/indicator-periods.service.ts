import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import { TransactionRunner } from '../../database/transaction-runner';
import { IndicatorPeriod } from '../entities/indicator-rows.entity';
import { monthEndingAt, PeriodEndScoresService } from '../period-end-scores.service';
import { IndicatorErrors } from './indicators.errors';
import { IndicatorsService } from './indicators.service';
import { periodOrFail } from './periods';

/**
 * Closing and reopening a statistics period (docs/scoring.md "Closing a period"). Closing stores
 * every unit's period-end values with numerator and denominator and freezes them; an admin can
 * reopen a closed period with a reason (audited): its month-end capability pass and its values are
 * computed again, and it follows the data until it is closed once more.
 */
@Injectable()
export class IndicatorPeriodsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly indicators: IndicatorsService,
    private readonly periodEnds: PeriodEndScoresService,
  ) {}

  /** Closes a period that has ended: its values are stored once more (as of its end) and frozen. */
  async close(
    actor: Actor,
    periodCode: string,
    now = new Date(),
  ): Promise<{ period: string; closedAt: string }> {
    const period = periodOrFail(periodCode);
    if (period.end.getTime() > now.getTime()) throw IndicatorErrors.periodNotEnded(period.code);
    if (await this.indicators.isClosed(this.dataSource.manager, period.code)) {
      throw IndicatorErrors.periodClosed(period.code);
    }
    // the month-end pass (computed now if it never was; it expands pending evidence first)
    await this.periodEnds.ensure([monthEndingAt(period.end)]);
    await this.indicators.store(period, now, async (em, units) => {
      await em.insert(IndicatorPeriod, { period: period.code, closedAt: now, closedById: actor.id });
      await this.audit.recordIn(em, actor, {
        action: 'indicator.period.close',
        entityType: 'indicator_period',
        entityId: period.code,
        after: { units },
      });
    });
    return { period: period.code, closedAt: now.toISOString() };
  }

  /** POST /api/indicators/periods/:period/reopen: admins, with a reason (audited); the values are recomputed. */
  async reopen(
    actor: Actor,
    periodCode: string,
    reason: string | undefined,
    now = new Date(),
  ): Promise<{ period: string; reopenedAt: string; reason: string }> {
    const period = periodOrFail(periodCode);
    const why = (reason ?? '').trim();
    if (!why) throw IndicatorErrors.reopenReasonRequired();
    await this.tx.run(async (em) => {
      const closed = await em.findOneBy(IndicatorPeriod, { period: period.code });
      if (!closed) throw IndicatorErrors.periodNotClosed(period.code);
      await em.delete(IndicatorPeriod, { period: period.code });
      await this.audit.recordIn(em, actor, {
        action: 'indicator.period.reopen',
        entityType: 'indicator_period',
        entityId: period.code,
        before: { closedAt: closed.closedAt.toISOString(), closedById: closed.closedById },
        after: { reason: why },
      });
    });
    await this.periodEnds.refresh(monthEndingAt(period.end));
    await this.indicators.store(period, now);
    return { period: period.code, reopenedAt: now.toISOString(), reason: why };
  }

  async periods(): Promise<IndicatorPeriod[]> {
    return this.dataSource.manager.find(IndicatorPeriod, { order: { period: 'DESC' } });
  }
}
