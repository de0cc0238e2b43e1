import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../auth/principal';
import { attachmentHeader } from '../common/csv/csv-export';
import { CompetencyReportService } from './competency-report.service';
import { dimensionsOf, type ReportContext } from './competency-rows';
import { OfficerListService } from './officer-list.service';
import type { ExportQueryDto, ExportTable } from './reports.dto';
import { SHEET_NAMES, tableCsv, writeXlsx, type ReportTables } from './report-export';

/** CSV (one table) and XLSX (every table) of the competency report, with the dashboard's filters. */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly report: CompetencyReportService,
    private readonly officerList: OfficerListService,
  ) {}

  /** The officers and the trend are read live; the other tables come from the dashboard's snapshot (the same numbers as the page). */
  private async tables(
    ctx: ReportContext,
    q: ExportQueryDto,
    only?: ExportTable,
  ): Promise<Partial<ReportTables>> {
    const want = (t: ExportTable) => !only || only === t;
    const snap =
      want('indicators') || want('dimensions') || want('ranking') || want('heatmap')
        ? (await this.report.parts(ctx)).snap
        : null;
    return {
      ...(want('officers') ? { officers: await this.officerList.allOfficers(ctx, q) } : {}),
      ...(snap && want('indicators') ? { indicators: snap.indicators } : {}),
      ...(snap && want('dimensions') ? { dimensions: dimensionsOf(snap.indicators) } : {}),
      ...(want('trend') ? { trend: await this.report.trend(ctx) } : {}),
      ...(snap && want('ranking') ? { ranking: snap.ranking } : {}),
      ...(snap && want('heatmap') ? { heatmap: snap.heatMap } : {}),
    };
  }

  private fileName(ctx: ReportContext, suffix: string, ext: string) {
    return `能力报告_${ctx.unit.name}_${ctx.period.code}_${suffix}.${ext}`;
  }

  async csv(me: Principal, q: ExportQueryDto, res: Response): Promise<void> {
    const ctx = await this.report.context(me, q.unitId, q.period);
    const table = q.table ?? 'officers';
    const body = tableCsv(await this.tables(ctx, q, table), table);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachmentHeader(this.fileName(ctx, SHEET_NAMES[table], 'csv')));
    res.send(body);
  }

  /** Everything is read before the first byte, so an error still answers a JSON error, not half a file. */
  async xlsx(me: Principal, q: ExportQueryDto, res: Response): Promise<void> {
    const ctx = await this.report.context(me, q.unitId, q.period);
    const tables = (await this.tables(ctx, q)) as ReportTables;
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', attachmentHeader(this.fileName(ctx, '全部', 'xlsx')));
    await writeXlsx(tables, res);
    res.end();
  }
}
