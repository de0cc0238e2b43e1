import { stringify } from 'csv-stringify/sync';

/**
 * Every CSV the app writes goes through here. Excel and WPS run a cell that starts with = + - @ (or a
 * tab/CR before one) as a formula (CSV injection, OWASP): such cells get a leading apostrophe, which
 * the spreadsheet shows as text. Numbers are written as numbers and stay untouched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | Date | null | undefined;

/** The value as written, without neutralisation: for XLSX, where a string cell can never be a formula. */
export function plainCell(value: CsvValue): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return value instanceof Date ? value.toISOString() : value;
}

export function neutraliseCell(value: CsvValue): string | number {
  const cell = plainCell(value);
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

/** UTF-8 with a byte-order mark, so Excel opens Chinese text correctly; CRLF line ends. */
export function toCsv<Row>(columns: CsvColumn<Row>[], rows: Iterable<Row>): string {
  const records: Array<Array<string | number>> = [columns.map((c) => neutraliseCell(c.header))];
  for (const row of rows) records.push(columns.map((c) => neutraliseCell(c.value(row))));
  return '\uFEFF' + stringify(records, { record_delimiter: 'windows' });
}

/** The Content-Disposition header for a download with a Chinese file name (RFC 6266 / 5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
