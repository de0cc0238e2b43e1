import { ARTICLE_COUNT, DIMENSIONS } from '../dimensions';
import type { Located, RawItem } from '../model/content-model';
import type { Problem, ProblemCode } from '../model/problem';

/** Collects problems, pointing each at the line of the field it is about (or the item's line). */
export class Reporter {
  readonly problems: Problem[] = [];

  add(item: Located, field: string | null, code: ProblemCode, message: string): void {
    const line = field === null ? item.line : (item.lines[field] ?? item.line);
    this.problems.push({ file: item.file, line, code, message });
  }

  at(file: string, line: number, code: ProblemCode, message: string): void {
    this.problems.push({ file, line, code, message });
  }
}

export const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
export const isArticleNo = (v: unknown): v is number => isInt(v) && v >= 1 && v <= ARTICLE_COUNT;
export const isMissing = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Ids appear in URLs and database keys: letters, digits, `-`, `_`, `.`; at most 64 characters. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function checkUnknownFields(r: Reporter, item: RawItem, allowed: readonly string[]): void {
  for (const key of Object.keys(item.data)) {
    if (!allowed.includes(key))
      {r.add(item, key, 'UNKNOWN_FIELD', `未知字段 ${key}（可用字段：${allowed.join('、')}）`);}
  }
}

export function checkId(r: Reporter, item: RawItem): void {
  const id = item.data.id;
  if (isMissing(id)) r.add(item, null, 'FIELD_MISSING', '缺少 id');
  else if (typeof id !== 'string' || !ID_PATTERN.test(id)) {
    r.add(
      item,
      'id',
      'ID_INVALID',
      `id ${JSON.stringify(id)} 无效：只能用字母、数字、-、_、.，不超过 64 个字符`,
    );
  }
}

export function checkText(r: Reporter, item: RawItem, field: string, maxLength?: number): void {
  const value = item.data[field];
  if (isMissing(value)) r.add(item, null, 'FIELD_MISSING', `缺少 ${field}`);
  else if (typeof value !== 'string') r.add(item, field, 'FIELD_INVALID', `${field} 应为文字`);
  else if (maxLength !== undefined && value.trim().length > maxLength) {
    r.add(item, field, 'FIELD_INVALID', `${field} 过长（${value.trim().length} 字，最多 ${maxLength} 字）`);
  }
}

/** `articles: [22, 23]`: at least one, each an integer 1..50. */
export function checkArticles(r: Reporter, item: RawItem): void {
  const value = item.data.articles;
  if (isMissing(value) || (Array.isArray(value) && value.length === 0)) {
    r.add(
      item,
      value === undefined ? null : 'articles',
      'ARTICLES_MISSING',
      '没有引用任何条款：articles 至少列出一个条号，如 articles: [22]',
    );
    return;
  }
  if (!Array.isArray(value)) {
    r.add(item, 'articles', 'FIELD_INVALID', 'articles 应为条号列表，如 articles: [22, 23]');
    return;
  }
  value.forEach((n, i) => {
    if (!isArticleNo(n))
      {r.add(
        item,
        `articles.${i}`,
        'ARTICLE_UNKNOWN',
        `条号 ${JSON.stringify(n)} 不存在：条例共 ${ARTICLE_COUNT} 条，条号为 1 到 ${ARTICLE_COUNT} 的整数`,
      );}
  });
}

export function checkDimension(r: Reporter, item: RawItem): void {
  const value = item.data.dimension;
  if (isMissing(value)) r.add(item, null, 'FIELD_MISSING', '缺少 dimension');
  else if (!(DIMENSIONS as readonly unknown[]).includes(value)) {
    r.add(
      item,
      'dimension',
      'DIMENSION_INVALID',
      `dimension ${JSON.stringify(value)} 无效，应为 ${DIMENSIONS.join(' | ')}`,
    );
  }
}
