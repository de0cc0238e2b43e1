import { parse } from 'csv-parse/sync';
import { INDICATORS, indicatorByCode, type IndicatorDef } from './indicator-catalog';
import { parsePeriod } from './periods';

/** A bureau indicator row as checked: ready to store, or shown in the preview. */
export interface IndicatorImportRow {
  row: number;
  unitId: string;
  unitName: string;
  period: string;
  code: string;
  name: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export type IndicatorImportProblem = {
  row: number;
  field: string;
  code: string;
  message: string;
};

export interface ImportUnit {
  id: string;
  name: string;
}

type Field = 'unit' | 'unitId' | 'period' | 'code' | 'value' | 'numerator' | 'denominator';

/** Header spellings, code or Chinese (case and surrounding spaces ignored). */
const HEADERS: Record<Field, string[]> = {
  unit: ['unit', '单位', '单位名称'],
  unitId: ['unitid', '单位编号', '单位id'],
  period: ['period', '期间', '统计期间'],
  code: ['code', 'indicator', '指标', '指标代码', '指标名称'],
  value: ['value', '值', '实际值', '实际完成值'],
  numerator: ['numerator', '分子'],
  denominator: ['denominator', '分母'],
};
export const FIELD_LABELS: Record<string, string> = {
  file: '文件',
  header: '表头',
  unit: '单位',
  unitId: '单位编号',
  period: '期间',
  code: '指标',
  value: '值',
  numerator: '分子',
  denominator: '分母',
};
export const FRACTION_MESSAGE = '看起来是小数，请写 92 而不是 0.92';
export const IMPORT_HEADER_HINT =
  '单位,期间,指标,分子,分母,值（或 unit,period,code,numerator,denominator,value）';

const importable = () => INDICATORS.filter((x) => x.source === 'import');
const round2 = (x: number) => Math.round(x * 100) / 100;

function fieldOf(header: string): Field | undefined {
  const h = header.trim().toLowerCase();
  return (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].includes(h));
}

function indicatorOf(text: string): IndicatorDef | undefined {
  const byCode = indicatorByCode.get(text.toUpperCase());
  return byCode ?? INDICATORS.find((i) => i.name === text);
}

/** A number as written in a cell: `98.5`, `98.5%`, ` 1,234 `; undefined when blank, NaN when not a number. */
function numberCell(text: string | undefined): number | undefined {
  const t = (text ?? '').trim().replace(/,/g, '').replace(/%$/, '');
  if (t === '') return undefined;
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
}

/**
 * Checks a bureau-indicator CSV against the units and closed periods. Every problem names the line
 * (the header is line 1) and the field, in plain Chinese; the caller stores all rows or none.
 */
export function checkIndicatorCsv(
  csv: string,
  units: ImportUnit[],
  closed: Set<string>,
): { rows: IndicatorImportRow[]; problems: IndicatorImportProblem[] } {
  const problems: IndicatorImportProblem[] = [];
  const problem = (row: number, field: string, code: string, message: string) =>
    problems.push({ row, field, code, message: `第 ${row} 行：${message}` });
  let table: string[][];
  try {
    table = parse(csv.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch {
    problem(0, 'file', 'csv_malformed', 'CSV 文件无法解析：请检查引号和分隔符');
    return { rows: [], problems };
  }
  if (table.length === 0) {
    problem(1, 'file', 'empty', `文件是空的：第一行写表头 ${IMPORT_HEADER_HINT}，之后每行一个指标值`);
    return { rows: [], problems };
  }
  const fields = table[0].map(fieldOf);
  table[0].forEach((h, i) => {
    if (!fields[i]) {
      problem(1, 'header', 'unknown_column', `不认识的列“${h}”，可用的列：${IMPORT_HEADER_HINT}`);
    } else if (fields.indexOf(fields[i]) !== i) {
      problem(1, 'header', 'duplicate_column', `列“${h}”出现了两次`);
    }
  });
  const has = (f: Field) => fields.includes(f);
  if (!has('unit') && !has('unitId')) {
    problem(1, 'header', 'missing_column', '缺少“单位”列（单位名称，或“单位编号”列）');
  }
  if (!has('period')) problem(1, 'header', 'missing_column', '缺少“期间”列');
  if (!has('code')) problem(1, 'header', 'missing_column', '缺少“指标”列（指标名称或代码）');
  if (!has('value') && !(has('numerator') && has('denominator'))) {
    problem(1, 'header', 'missing_column', '缺少“值”列，或“分子”和“分母”两列');
  }
  if (problems.length > 0) return { rows: [], problems };
  if (table.length === 1) {
    problem(1, 'file', 'empty', `CSV 没有数据行：表头 ${IMPORT_HEADER_HINT} 之后每行一个指标值`);
    return { rows: [], problems };
  }

  const byId = new Map(units.map((u) => [u.id, u]));
  const byName = new Map<string, ImportUnit[]>();
  for (const u of units) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  const names = importable()
    .map((x) => `${x.name}（${x.code}）`)
    .join('、');
  const rows: IndicatorImportRow[] = [];
  const seen = new Set<string>();
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const rec: Partial<Record<Field, string>> = {};
    fields.forEach((f, j) => (rec[f!] = cells[j] ?? ''));
    const before = problems.length;
    const err = (field: Field, code: string, message: string) => problem(row, field, code, message);

    let unit: ImportUnit | undefined;
    if (rec.unitId) {
      unit = byId.get(rec.unitId);
      if (!unit) {
        err('unitId', 'unknown_unit', `没有编号为“${rec.unitId}”的单位：请核对单位编号，或改填单位名称`);
      }
    } else if (rec.unit) {
      const matches = byName.get(rec.unit) ?? [];
      if (matches.length > 1) {
        err('unit', 'ambiguous', `单位名称“${rec.unit}”不唯一，请改填单位编号（unitId 列）`);
      } else if (matches.length === 0) {
        err('unit', 'unknown_unit', `没有名为“${rec.unit}”的单位：请按组织机构中的全称填写`);
      } else unit = matches[0];
    } else err(has('unit') ? 'unit' : 'unitId', 'unit_missing', '请填写单位名称（或单位编号）');

    const period = parsePeriod(rec.period ?? '');
    if (!period) {
      err('period', 'period_format', '统计期间格式不对：年度写 2026，季度写 2026-Q2，月份写 2026-05');
    } else if (closed.has(period.code)) {
      err('period', 'period_closed', `统计期间 ${period.code} 已关账，不能再导入`);
    }

    const def = indicatorOf(rec.code ?? '');
    if (!def || def.source !== 'import') err('code', 'unknown_code', `指标只能是 ${names}`);

    const num = numberCell(rec.numerator);
    const den = numberCell(rec.denominator);
    const given = numberCell(rec.value);
    let value: number | undefined;
    if (num !== undefined || den !== undefined) {
      if (num === undefined || Number.isNaN(num) || num < 0) {
        err('numerator', 'numerator_invalid', '分子应为不小于 0 的数字（例如达标件数）');
      }
      if (den === undefined || Number.isNaN(den) || den <= 0) {
        err('denominator', 'denominator_invalid', '分母应为大于 0 的数字（例如总件数）');
      } else if (num !== undefined && num >= 0 && num > den) {
        err('numerator', 'numerator_above_denominator', `分子 ${num} 大于分母 ${den}，比率不能超过 100%`);
      }
      if (problems.length === before) {
        value = round2((100 * num!) / den!);
        if (given !== undefined && (Number.isNaN(given) || Math.abs(given - value) > 0.05)) {
          err(
            'value',
            'value_mismatch',
            `值 ${rec.value} 与分子/分母算出的 ${value} 不一致：删去值，或改正分子、分母`,
          );
        }
      }
    } else if (given === undefined) err('value', 'value_missing', '请填写值（百分比），或填写分子和分母');
    else if (Number.isNaN(given) || given < 0 || given > 100) {
      err('value', 'value_range', '值应为 0 到 100 之间的数字（百分比，不带 % 号）');
    } else if (given > 0 && given <= 1) err('value', 'looks_like_fraction', FRACTION_MESSAGE);
    else value = given;

    const key = `${unit?.id}|${period?.code}|${def?.code}`;
    if (unit && period && def && seen.has(key)) err('code', 'duplicate', '同一单位、期间和指标出现了两次');
    seen.add(key);
    if (problems.length === before && unit && period && def && value !== undefined) {
      rows.push({
        row,
        unitId: unit.id,
        unitName: unit.name,
        period: period.code,
        code: def.code,
        name: def.name,
        value,
        numerator: num ?? null,
        denominator: den ?? null,
      });
    }
  });
  return { rows, problems };
}
