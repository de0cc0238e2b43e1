import type { QuestionDef } from '../model/content-model';
import { ABSOLUTE_WORDS } from './quality-limits';

/** Whitespace and punctuation (incl. 「」“”，。) do not count: only what a reader weighs as content. */
const NOT_COUNTED = /[\s\p{P}\p{S}]/gu;

export const countedText = (text: string): string => text.replace(NOT_COUNTED, '');
export const countedLength = (text: string): number => [...countedText(text)].length;

/** A single-choice item whose keyed option is strictly longer than every other option. */
export function keyIsLongest(q: QuestionDef): boolean {
  if (q.type !== 'single' || q.answer.length !== 1) return false;
  const key = q.options.find((o) => o.id === q.answer[0]);
  if (!key) return false;
  const keyLength = countedLength(key.text);
  return q.options.every((o) => o.id === key.id || countedLength(o.text) < keyLength);
}

export const wrongOptionCount = (q: QuestionDef): number =>
  q.options.filter((o) => !q.answer.includes(o.id)).length;

/** The absolute words a text contains (empty when none). */
export const absoluteWordsIn = (text: string): string[] => ABSOLUTE_WORDS.filter((w) => text.includes(w));

/** What a near-duplicate is judged on: the stem plus the keyed option text(s). */
export function stemAndKey(q: QuestionDef): string {
  const keyed = q.type === 'truefalse' ? [] : q.options.filter((o) => q.answer.includes(o.id));
  return countedText([q.stem, ...keyed.map((o) => o.text)].join(''));
}

export function bigrams(text: string): Set<string> {
  const chars = [...text];
  const set = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) set.add(chars[i] + chars[i + 1]);
  return set;
}

/** Jaccard similarity of two bigram sets: shared bigrams over all distinct bigrams. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}
