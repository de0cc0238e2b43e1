import { normaliseForSearch, type NormalisedText } from '../common/search/normalised-search';
import { DAY_COUNT, OFFICER_TERMS } from './search-terms';

/**
 * One query word: it matches a text when the text contains `whole`, or contains one alternative of
 * every part (the word split at officers' terms, each term standing for its text words).
 */
interface QueryWord {
  whole: string;
  parts: string[][];
}

export interface RegulationQuery {
  /** All words joined: a text containing it matches whatever the words say. */
  phrase: string;
  words: QueryWord[];
  /** Every normalised string worth marking in a match: for <mark> and snippets. */
  needles: string[];
}

const MAX_WORDS = 10;
const norm = (s: string) => normaliseForSearch(s).text;
const TERMS = OFFICER_TERMS.map((t) => ({ term: norm(t.term), textWords: t.textWords.map(norm) })).sort(
  (a, b) => b.term.length - a.term.length,
);

function compileWord(typed: string): QueryWord {
  const whole = norm(typed).replace(DAY_COUNT.pattern, DAY_COUNT.textWord);
  const parts: string[][] = [];
  let rest = '';
  for (let i = 0; i < whole.length;) {
    const hit = TERMS.find((t) => whole.startsWith(t.term, i));
    if (!hit) {
      rest += whole[i++];
      continue;
    }
    if (rest) parts.push([rest]);
    rest = '';
    parts.push(hit.textWords);
    i += hit.term.length;
  }
  if (rest) parts.push([rest]);
  return { whole, parts };
}

/**
 * A regulation search query: words separated by spaces, all of which must match; each word may be
 * typed without the text's punctuation and in officers' terms (search-terms.ts). '' → null.
 */
export function compileRegulationQuery(q: string): RegulationQuery | null {
  const words = q
    .split(/\s+/)
    .filter((w) => norm(w) !== '')
    .slice(0, MAX_WORDS)
    .map(compileWord);
  if (words.length === 0) return null;
  const phrase = words.map((w) => w.whole).join('');
  const needles = [...new Set([phrase, ...words.flatMap((w) => [w.whole, ...w.parts.flat()])])];
  return { phrase, words, needles };
}

const wordMatches = (hay: string, w: QueryWord) =>
  hay.includes(w.whole) || w.parts.every((alternatives) => alternatives.some((a) => hay.includes(a)));

/** Does one normalised text, or the texts of one article together, match the query? */
export function regulationMatches(hays: readonly string[], query: RegulationQuery): boolean {
  if (hays.some((h) => h.includes(query.phrase))) return true;
  return query.words.every((w) => hays.some((h) => wordMatches(h, w)));
}

/** Normalised forms of the short strings (titles, summaries) kept between queries; the set is small. */
const cache = new Map<string, NormalisedText>();
export function normalisedCached(s: string): NormalisedText {
  let hit = cache.get(s);
  if (!hit) {
    if (cache.size > 1000) cache.clear();
    hit = normaliseForSearch(s);
    cache.set(s, hit);
  }
  return hit;
}
