import * as ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { DIMENSIONS } from '../scoring/model/capability-model';
import type { OfficerRow } from './competency-rows';
import { tableCsv, writeXlsx, type ReportTables } from './report-export';

const FORMULA_LIKE = ['=SUM(1,2)', '+1', '-2', '@SUM(A1)', '=HYPERLINK("http://x")'];

const officer = (name: string, i: number): OfficerRow => ({
  id: `u${i}`,
  name,
  username: `officer${i}`,
  unitId: 'unit',
  unitName: '-甲街道',
  score: 60 + i,
  dimensions: Object.fromEntries(DIMENSIONS.map((d) => [d, 50])) as OfficerRow['dimensions'],
  courseRate: 100,
  attendanceRate: null,
  hours: 2,
  overdue: 0,
});

const tables: ReportTables = {
  officers: FORMULA_LIKE.map(officer),
  indicators: [],
  dimensions: [],
  trend: [],
  ranking: [],
  heatmap: { articles: [], units: [], cells: [] },
};

async function xlsxBack(): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeXlsx(tables, out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as never);
  return wb;
}

describe('report export', () => {
  it('should write formula-like text to XLSX as string cells showing the text as typed, not as formulas', async () => {
    const sheet = (await xlsxBack()).getWorksheet('干部')!;
    const cells = FORMULA_LIKE.map((_, i) => sheet.getRow(i + 2).getCell(1));
    expect(cells.map((c) => [c.type, c.value, c.formula])).toEqual(
      FORMULA_LIKE.map((text) => [ExcelJS.ValueType.String, text, undefined]),
    );
    const unit = sheet.getRow(2).getCell(3);
    expect([unit.type, unit.value]).toEqual([ExcelJS.ValueType.String, '-甲街道']);
    expect([sheet.getRow(2).getCell(4).type, sheet.getRow(2).getCell(4).value]).toEqual([
      ExcelJS.ValueType.Number,
      60,
    ]);
  });

  it('should keep neutralising the same text in CSV', () => {
    const csv = tableCsv(tables, 'officers');
    for (const text of FORMULA_LIKE) expect(csv).toContain(`'${text.replace(/"/g, '""')}`);
  });
});
