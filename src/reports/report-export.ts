import type { Writable } from 'node:stream';
import { plainCell, toCsv, type CsvColumn } from '../common/csv/csv-export';
import type { IndicatorRow } from '../scoring/indicators/indicators.service';
import { DIMENSIONS } from '../scoring/model/capability-model';
import { DIMENSION_LABELS } from '../content/dimensions';
import type { DimensionValue, HeatCell, OfficerRow, RankingRow } from './competency-rows';
import type { ExportTable } from './reports.dto';

/** The tables of the competency report as rows of columns, shared by the CSV and the XLSX export. */
export interface ReportTables {
  officers: OfficerRow[];
  indicators: IndicatorRow[];
  dimensions: DimensionValue[];
  trend: Array<{ month: string; value: number | null }>;
  ranking: RankingRow[];
  heatmap: {
    articles: Array<{ articleNo: number; label: string }>;
    units: Array<{ unitId: string; unitName: string }>;
    cells: HeatCell[];
  };
}

type HeatRow = { article: string; unit: string; correct: number; answers: number; share: number };
const UNRATED = '未评定';
const yesNo = (v: boolean | null) => (v === null ? '无数据' : v ? '达标' : '未达标');

const COLUMNS = {
  officers: [
    { header: '姓名', value: (r) => r.name },
    { header: '用户名', value: (r) => r.username },
    { header: '单位', value: (r) => r.unitName },
    // cap-2: a null is 未评定 (too little evidence), written as such so a spreadsheet never reads it as 0
    { header: '能力分', value: (r) => r.score ?? UNRATED },
    ...DIMENSIONS.map((d) => ({
      header: DIMENSION_LABELS[d],
      value: (r: OfficerRow) => r.dimensions[d] ?? UNRATED,
    })),
    { header: '课程完成率(%)', value: (r) => r.courseRate },
    { header: '出勤率(%)', value: (r) => r.attendanceRate },
    { header: '期间学时', value: (r) => r.hours },
    { header: '逾期任务数', value: (r) => r.overdue },
  ] as CsvColumn<OfficerRow>[],
  indicators: [
    { header: '类别', value: (r) => r.category },
    { header: '指标', value: (r) => r.name },
    { header: '代码', value: (r) => r.code },
    { header: '单位', value: (r) => r.unit },
    { header: '目标值', value: (r) => r.target },
    { header: '实际值', value: (r) => r.actual },
    { header: '完成情况', value: (r) => yesNo(r.met) },
    { header: '分子', value: (r) => r.basis?.numerator ?? null },
    { header: '分母', value: (r) => r.basis?.denominator ?? null },
  ] as CsvColumn<IndicatorRow>[],
  dimensions: [
    { header: '维度', value: (r) => r.label },
    { header: '均分', value: (r) => r.value },
    { header: '目标值', value: (r) => r.target },
  ] as CsvColumn<DimensionValue>[],
  trend: [
    { header: '月份', value: (r) => r.month },
    { header: '平均能力分', value: (r) => r.value },
  ] as CsvColumn<{ month: string; value: number | null }>[],
  ranking: [
    { header: '单位', value: (r) => r.unitName },
    { header: '干部人数', value: (r) => r.officers },
    { header: '已评分人数', value: (r) => r.scored },
    { header: '平均能力分', value: (r) => r.meanScore },
    { header: '能力达标率(%)', value: (r) => r.metRate },
    { header: '有逾期任务人数', value: (r) => r.overdueOfficers },
  ] as CsvColumn<RankingRow>[],
  heatmap: [
    { header: '条款', value: (r) => r.article },
    { header: '单位', value: (r) => r.unit },
    { header: '得分', value: (r) => r.correct },
    { header: '作答题次', value: (r) => r.answers },
    { header: '正确率(%)', value: (r) => r.share },
  ] as CsvColumn<HeatRow>[],
};

export const SHEET_NAMES: Record<ExportTable, string> = {
  officers: '干部',
  indicators: '质量指标',
  dimensions: '维度',
  trend: '月度趋势',
  ranking: '单位排名',
  heatmap: '条款热力',
};

function heatRows(t: ReportTables['heatmap']): HeatRow[] {
  const article = new Map(t.articles.map((a) => [a.articleNo, a.label]));
  const unit = new Map(t.units.map((u) => [u.unitId, u.unitName]));
  return t.cells.map((c) => ({
    article: article.get(c.articleNo) ?? String(c.articleNo),
    unit: unit.get(c.unitId) ?? c.unitId,
    correct: c.correct,
    answers: c.answers,
    share: c.share,
  }));
}

function rowsOf(tables: Partial<ReportTables>, table: ExportTable): unknown[] {
  if (table === 'heatmap') return tables.heatmap ? heatRows(tables.heatmap) : [];
  return (tables[table] as unknown[] | undefined) ?? [];
}

export function tableCsv(tables: Partial<ReportTables>, table: ExportTable): string {
  return toCsv(COLUMNS[table] as CsvColumn<unknown>[], rowsOf(tables, table));
}

/**
 * Every table as a sheet, written through exceljs' streaming WorkbookWriter straight to the response
 * (rows are committed as they go). Text is written as string cells, which a spreadsheet never runs
 * as a formula, so a name such as `=SUM(1,2)` is shown as typed, without CSV's apostrophe.
 */
export async function writeXlsx(tables: ReportTables, out: Writable): Promise<void> {
  // Loaded on first export, not at start: exceljs is about a fifth of the time the app's modules take to load.
  const ExcelJS = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  for (const table of Object.keys(SHEET_NAMES) as ExportTable[]) {
    const cols = COLUMNS[table] as CsvColumn<unknown>[];
    const sheet = wb.addWorksheet(SHEET_NAMES[table]);
    sheet.columns = cols.map((c) => ({ header: c.header, width: Math.max(10, c.header.length * 2 + 2) }));
    for (const row of rowsOf(tables, table)) sheet.addRow(cols.map((c) => plainCell(c.value(row)))).commit();
    sheet.commit();
  }
  await wb.commit();
}
