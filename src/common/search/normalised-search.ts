import { parseChineseNumber } from '../text/chinese-numerals';

/**
 * Search that forgives how numbers, spaces and punctuation are written: whitespace and punctuation
 * (、，。“” 「」 …) are ignored, so 谁主管谁负责 finds 「谁主管、谁负责」; full-width
 * letters and digits count as ASCII, case is ignored, and Chinese numerals count as Arabic ones, so
 * 「十五日」, 「15日」 and 「15 日」 all read `15日`. The same normalisation runs over the query and
 * the text; every normalised character remembers where it came from, so matches can be highlighted
 * in the original text.
 */
export interface NormalisedText {
  text: string;
  /** For normalised character i: the original range [starts[i], ends[i]). */
  starts: number[];
  ends: number[];
}

const NUMERAL = /[〇零一二两三四五六七八九十百]/;
const SKIPPED = /[\s\p{P}]/u;

export function normaliseForSearch(original: string): NormalisedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const push = (s: string, start: number, end: number) => {
    for (const ch of s) {
      text += ch;
      starts.push(start);
      ends.push(end);
    }
  };
  let i = 0;
  while (i < original.length) {
    const ch = original[i];
    if (SKIPPED.test(ch)) {
      i++;
      continue;
    }
    if (NUMERAL.test(ch)) {
      let j = i;
      while (j < original.length && NUMERAL.test(original[j])) j++;
      const run = original.slice(i, j);
      const value = parseChineseNumber(run);
      push(value === null ? run : String(value), i, j);
      i = j;
      continue;
    }
    const code = ch.charCodeAt(0);
    const ascii = code >= 0xff01 && code <= 0xff5e ? String.fromCharCode(code - 0xfee0) : ch;
    push(ascii.toLowerCase(), i, i + 1);
    i++;
  }
  return { text, starts, ends };
}

/** The query as it is compared: normalised, at most 100 characters of input. */
export const normaliseQueryText = (q: unknown): string =>
  typeof q === 'string' ? normaliseForSearch(q.slice(0, 100)).text : '';

/**
 * What to look for: a query as typed (normalised here), or needles already normalised, any of which
 * counts (the regulation search passes every word and term of a query, see regulation-search.ts).
 */
export type SearchNeedles = string | readonly string[];

const needlesOf = (query: SearchNeedles): string[] =>
  (typeof query === 'string' ? [normaliseQueryText(query)] : [...query]).filter((n) => n !== '');

/**
 * Original [start, end) ranges of every match in the text, merged where they touch. `hay` is the
 * text already normalised, when the caller keeps it (the regulation text is normalised once at load).
 */
export function findMatches(
  original: string,
  query: SearchNeedles,
  hay: NormalisedText = normaliseForSearch(original),
): Array<[number, number]> {
  const needles = needlesOf(query);
  if (needles.length === 0 || !original) return [];
  const found: Array<[number, number]> = [];
  for (const needle of needles) {
    for (let at = hay.text.indexOf(needle); at >= 0; at = hay.text.indexOf(needle, at + needle.length)) {
      found.push([hay.starts[at], hay.ends[at + needle.length - 1]]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const ranges: Array<[number, number]> = [];
  for (const [start, end] of found) {
    const prev = ranges[ranges.length - 1];
    if (prev && start <= prev[1]) prev[1] = Math.max(prev[1], end);
    else ranges.push([start, end]);
  }
  return ranges;
}

export const matchesQuery = (original: string | null | undefined, query: string): boolean =>
  !!original && findMatches(original, query).length > 0;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '=': '&#61;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"'`=]/g, (c) => HTML_ESCAPES[c]);

/** The text, HTML-escaped, with every match wrapped in <mark>. */
export function highlightHtml(original: string, query: SearchNeedles): string {
  let html = '';
  let last = 0;
  for (const [start, end] of findMatches(original, query)) {
    html += `${escapeHtml(original.slice(last, start))}<mark>${escapeHtml(original.slice(start, end))}</mark>`;
    last = end;
  }
  return html + escapeHtml(original.slice(last));
}

/** About `radius` characters either side of the first match, on one line; null when nothing matches. */
export function snippetAround(
  original: string,
  query: SearchNeedles,
  radius = 40,
  hay?: NormalisedText,
): string | null {
  const [first] = findMatches(original, query, hay);
  if (!first) return null;
  const start = Math.max(0, first[0] - radius);
  const end = Math.min(original.length, first[1] + radius);
  return `${start > 0 ? '…' : ''}${original.slice(start, end).replace(/\s*\n\s*/g, ' ')}${end < original.length ? '…' : ''}`;
}
