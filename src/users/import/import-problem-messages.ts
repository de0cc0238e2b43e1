import { fieldErrorMessage, fieldLabel } from '../../common/forms/field-messages';
import { ImportProblem, ImportRow, parseUserCsv } from './user-csv.parser';

/** The CSV's columns, named as its header row names them (field-messages.ts knows the rest). */
const COLUMNS = ['username', 'name', 'password', 'role', 'unit'];
const COLUMN_LABELS = { name: '姓名' };

/** What the import page says about one problem of the file: row, column, the value given and the fix. */
export interface ImportProblemView {
  row: number;
  field: string;
  message: string;
}

/**
 * "第 3 行 单位：找不到单位「xx街道」，请先在单位管理中创建" — the offending value is read back from the
 * posted CSV (never for passwords). Codes stay in the API's JSON.
 */
export function describeImportProblems(csv: string, problems: ImportProblem[]): ImportProblemView[] {
  const rows = new Map<number, ImportRow>(parseUserCsv(csv).rows.map((r) => [r.row, r]));
  return problems.map((p) => {
    const column = p.field && COLUMNS.includes(p.field) ? p.field : null;
    const label = column ? fieldLabel(column, COLUMN_LABELS) : (p.field ?? '文件');
    const raw = column && column !== 'password' ? rows.get(p.row)?.[column as keyof ImportRow] : undefined;
    const value = typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, 60) : null;
    return {
      row: p.row,
      field: label,
      message: `第 ${p.row} 行 ${label}：${sentence(p.code, column ?? p.field, label, value)}`,
    };
  });
}

/** The value is quoted back where field-messages.ts has a sentence for it (「甲街道」). */
function sentence(code: string, field: string | null, label: string, value: string | null): string {
  if (code === 'unknown_column' || code === 'missing_column') {
    return fieldErrorMessage(code, null, {}).replace('“内容”', `“${label}”`);
  }
  return fieldErrorMessage(code, field, { [field ?? '']: label }, value);
}
