import { CsvError, parse } from 'csv-parse/sync';

export const IMPORT_COLUMNS = ['username', 'name', 'password', 'role', 'unit'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const MAX_IMPORT_ROWS = 500;

/** `row` is the line in the file (the header is line 1); `field` the column, or null for the file. */
export type ImportProblem = {
  row: number;
  field: string | null;
  code: string;
};

export interface ImportRow extends Record<ImportColumn, string> {
  row: number;
}

/** Chinese headers are accepted too, as exported from the bureau's spreadsheets. */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  username: 'username',
  用户名: 'username',
  name: 'name',
  姓名: 'name',
  password: 'password',
  密码: 'password',
  role: 'role',
  角色: 'role',
  unit: 'unit',
  单位: 'unit',
};

/**
 * Reads the CSV into rows keyed by column. Only the file's shape is checked here (header, quoting,
 * size); the values are checked by the import service, which knows units and existing users.
 */
export function parseUserCsv(text: string): { rows: ImportRow[]; problems: ImportProblem[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    if (error instanceof CsvError) {
      return {
        rows: [],
        problems: [
          { row: (error as CsvError & { lines?: number }).lines ?? 1, field: null, code: 'malformed_csv' },
        ],
      };
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ row: 1, field: null, code: 'empty_file' }] };

  const problems: ImportProblem[] = [];
  const positions = new Map<ImportColumn, number>();
  header.record.forEach((cell, index) => {
    const column = headerColumn(cell.trim().toLowerCase()) ?? headerColumn(cell.trim());
    if (!column || positions.has(column)) {
      problems.push({ row: 1, field: cell || `#${index + 1}`, code: 'unknown_column' });
    } else positions.set(column, index);
  });
  for (const column of IMPORT_COLUMNS) {
    if (!positions.has(column)) problems.push({ row: 1, field: column, code: 'missing_column' });
  }
  if (problems.length > 0) return { rows: [], problems };
  if (body.length === 0) return { rows: [], problems: [{ row: 2, field: null, code: 'empty_file' }] };
  if (body.length > MAX_IMPORT_ROWS) {
    return { rows: [], problems: [{ row: MAX_IMPORT_ROWS + 2, field: null, code: 'too_many_rows' }] };
  }

  const rows = body.map(({ record, info }) => {
    const row = { row: startLine(record, info.lines) } as ImportRow;
    for (const column of IMPORT_COLUMNS) row[column] = record[positions.get(column) as number] ?? '';
    return row;
  });
  return { rows, problems };
}

/** Own keys only: a header cell `constructor` or `__proto__` is an unknown column, not Object's. */
const headerColumn = (cell: string): ImportColumn | undefined =>
  Object.hasOwn(HEADER_ALIASES, cell) ? HEADER_ALIASES[cell] : undefined;

/** csv-parse reports the line a record ends on; a quoted field may span several lines. */
function startLine(record: string[], endLine: number): number {
  const breaks = record.reduce((n, cell) => n + (cell.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  return endLine - breaks;
}
