import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import { TransactionRunner } from '../../database/transaction-runner';
import { Unit } from '../../units/entities/unit.entity';
import { IndicatorImport, IndicatorPeriod } from '../entities/indicator-rows.entity';
import { checkIndicatorCsv, type IndicatorImportProblem, type IndicatorImportRow } from './indicator-csv';
import { IndicatorErrors } from './indicators.errors';

export interface IndicatorImportPreview {
  rows: IndicatorImportRow[];
  problems: IndicatorImportProblem[];
}

/** Bureau indicators from other systems (CSV): the same checks for the API and the admin page. */
@Injectable()
export class IndicatorImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** Checks the file without storing anything: the rows as they would be stored and every problem. */
  async preview(csv: string): Promise<IndicatorImportPreview> {
    const units = await this.dataSource.manager.find(Unit);
    const closed = new Set((await this.dataSource.manager.find(IndicatorPeriod)).map((p) => p.period));
    return checkIndicatorCsv(csv, units, closed);
  }

  /** All rows or none: any problem refuses the file (INDICATOR.IMPORT_INVALID with every problem). */
  async importCsv(actor: Actor, csv: string): Promise<{ imported: number }> {
    const { rows, problems } = await this.preview(csv);
    if (problems.length > 0) throw IndicatorErrors.importInvalid(problems.length, problems);
    const now = new Date();
    const records: IndicatorImport[] = rows.map((r) => ({
      unitId: r.unitId,
      period: r.period,
      code: r.code,
      value: r.value,
      numerator: r.numerator,
      denominator: r.denominator,
      importedAt: now,
    }));
    await this.tx.run(async (em) => {
      for (let i = 0; i < records.length; i += 200) {
        await em.upsert(IndicatorImport, records.slice(i, i + 200), ['unitId', 'period', 'code']);
      }
      await this.audit.recordIn(em, actor, {
        action: 'indicator.import',
        entityType: 'indicator_import',
        after: {
          rows: records.length,
          periods: [...new Set(rows.map((r) => r.period))],
          codes: [...new Set(rows.map((r) => r.code))],
        },
      });
    });
    return { imported: records.length };
  }
}
