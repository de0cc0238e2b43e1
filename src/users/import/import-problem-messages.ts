import { fieldErrorMessage } from '../../common/forms/field-messages';
import { ImportProblem, ImportRow, parseUserCsv } from './user-csv.parser';

const COLUMN_LABELS: Record<string, string> = { username: '用户名', name: '姓名', password: '密码', role: '角色', unit: '单位' };

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
    const column = p.field && Object.hasOwn(COLUMN_LABELS, p.field) ? p.field : null;
    const label = column ? COLUMN_LABELS[column] : p.field ?? '文件';
    const raw = column && column !== 'password' ? rows.get(p.row)?.[column as keyof ImportRow] : undefined;
    const value = typeof raw === 'string' && raw.trim() ? raw.trim().slice(0, 60) : null;
    return { row: p.row, field: label, message: `第 ${p.row} 行 ${label}：${sentence(p.code, column ?? p.field, label, value)}` };
  });
}

function sentence(code: string, field: string | null, label: string, value: string | null): string {
  const quoted = value ? `「${value}」` : '';
  switch (code) {
    case 'unknown_unit':
      return `找不到单位${quoted}，请先在单位管理中创建，或填写单位全称`;
    case 'ambiguous_unit':
      return `有多个名为${quoted}的单位，请改填单位 ID`;
    case 'username_taken':
      return `用户名${quoted}已被使用，请换一个`;
    case 'duplicate_in_file':
      return `${quoted || label}在文件中重复出现，请只保留一行`;
    case 'invalid_role':
      return `角色${quoted}无效，请填写 信访干部、培训管理员、负责人、系统管理员 之一`;
    case 'invalid_username':
      return `用户名${quoted}只能包含字母、数字和 _ . - @，长度 2-64，请修改`;
    case 'unknown_column':
    case 'missing_column':
      return fieldErrorMessage(code, null, {}).replace('“内容”', `“${label}”`);
    default:
      return fieldErrorMessage(code, field, { [field ?? '']: label });
  }
}
