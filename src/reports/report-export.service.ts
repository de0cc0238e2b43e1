import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../auth/principal';
import { attachmentHeader } from '../common/csv/csv-export';
import { IndicatorsService } from '../scoring/indicators/indicators.service';
import { CompetencyReportService, dimensionsOf, type ReportContext } from './competency-report.service';
import type { ExportQueryDto, ExportTable } from './reports.dto';
import { SHEET_NAMES, tableCsv, writeXlsx, type ReportTables } from './report-export';

/** CSV (one table) and XLSX (every table) of the competency report, with the dashboard's filters. */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly report: CompetencyReportService,
    private readonly indicators: IndicatorsService,
  ) {}

  private async tables(me: Principal, ctx: ReportContext, q: ExportQueryDto, only?: ExportTable): Promise<Partial<ReportTables>> {
    const want = (t: ExportTable) => !only || only === t;
    const needIndicators = want('indicators') || want('dimensions');
    const indicators = needIndicators ? await this.indicators.list(me, ctx.unit.id, ctx.period.code, 'subtree') : [];
    return {
      ...(want('officers') ? { officers: await this.report.allOfficers(ctx, q) } : {}),
      ...(want('indicators') ? { indicators } : {}),
      ...(want('dimensions') ? { dimensions: dimensionsOf(indicators) } : {}),
      ...(want('trend') ? { trend: await this.report.trend(ctx) } : {}),
      ...(want('ranking') ? { ranking: await this.report.ranking(ctx) } : {}),
      ...(want('heatmap') ? { heatmap: await this.report.heatMap(ctx, 50) } : {}),
    };
  }

  private fileName(ctx: ReportContext, suffix: string, ext: string) {
    return `能力报告_${ctx.unit.name}_${ctx.period.code}_${suffix}.${ext}`;
  }

  async csv(me: Principal, q: ExportQueryDto, res: Response): Promise<void> {
    const ctx = await this.report.context(me, q.unitId, q.period);
    const table = q.table ?? 'officers';
    const body = tableCsv(await this.tables(me, ctx, q, table), table);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachmentHeader(this.fileName(ctx, SHEET_NAMES[table], 'csv')));
    res.send(body);
  }

  /** Everything is read before the first byte, so an error still answers a JSON error, not half a file. */
  async xlsx(me: Principal, q: ExportQueryDto, res: Response): Promise<void> {
    const ctx = await this.report.context(me, q.unitId, q.period);
    const tables = (await this.tables(me, ctx, q)) as ReportTables;
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', attachmentHeader(this.fileName(ctx, '全部', 'xlsx')));
    await writeXlsx(tables, res);
    res.end();
  }
}
