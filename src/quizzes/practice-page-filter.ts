import { DIMENSIONS, type Dimension } from '../content/dimensions';
import type { PracticeFilter } from './practice.service';

/** What the practice page read from its query: the filter, whether a form was sent, and what was wrong. */
export interface PracticePageFilter {
  filter: PracticeFilter;
  /** A form was sent (or a link followed): draw a question, any question when nothing narrows it. */
  chosen: boolean;
  errorMessage?: string;
  fieldErrors?: Record<string, string>;
}

const one = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : undefined;

/**
 * The page's forms send `dimension=` for 「（不限）」: an empty value is no filter, not a bad one. A bad
 * value gives the form back with a Chinese message naming the field (never the API's raw 400).
 */
export function parsePracticePageFilter(query: Record<string, unknown>): PracticePageFilter {
  const filter: PracticeFilter = {};
  const fieldErrors: Record<string, string> = {};
  const dimension = one(query.dimension);
  const article = one(query.article);
  const mistakes = one(query.mistakes);
  const chosen = dimension !== undefined || article !== undefined || mistakes !== undefined;
  if (dimension) {
    if ((DIMENSIONS as readonly string[]).includes(dimension)) filter.dimension = dimension as Dimension;
    else fieldErrors.dimension = '维度不在列表中，请从“按维度”中选择，或选“（不限）”';
  }
  if (article) {
    const n = Number(article);
    if (/^\d{1,2}$/.test(article) && n >= 1 && n <= 50) filter.article = n;
    else fieldErrors.article = '条款须是第 1 条至第 50 条之一，请从“按条款”中选择';
  }
  if (mistakes) {
    if (mistakes === 'true' || mistakes === '1') filter.mistakes = true;
    else if (mistakes !== 'false' && mistakes !== '0') {
      fieldErrors.mistakes = '“练习错题”的链接不正确，请点页面上的按钮';
    }
  }
  const messages = Object.values(fieldErrors);
  if (messages.length > 0) {
    return { filter: {}, chosen: false, errorMessage: messages.join('；'), fieldErrors };
  }
  return { filter, chosen };
}

/** The filter as a query string for the next question's link; 「（不限）」 stays chosen (`dimension=`). */
export const practiceFilterQuery = (f: PracticeFilter): string =>
  f.mistakes
    ? 'mistakes=true'
    : f.article
      ? `article=${f.article}`
      : f.dimension
        ? `dimension=${f.dimension}`
        : 'dimension=';
