import type { GradedAnswer, ItemType } from './cap2-model';

/** Fixtures the cap-2 specs share: a fixed "as of", answers by age, item ids that carry their difficulty. */
export const asOf = new Date('2026-06-30T00:00:00Z');
const YEAR = 365.25 * 86_400_000;
export const at = (yearsAgo: number) => new Date(asOf.getTime() - yearsAgo * YEAR);
export const ans = (
  itemId: string,
  correct: boolean,
  type: ItemType = 'single',
  options = 4,
  yearsAgo = 0,
): GradedAnswer => ({ itemId, type, options, correct, answeredAt: at(yearsAgo) });
/** Item ids carry their difficulty: 'b:-1:…' → −1. */
export const bOf = (id: string) => Number(id.split(':')[1]);
export const TYPES: { type: ItemType; options: number }[] = [
  { type: 'single', options: 4 },
  { type: 'multiple', options: 4 },
  { type: 'truefalse', options: 2 },
];
