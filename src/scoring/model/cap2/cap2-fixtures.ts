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

/** mulberry32: a small seeded PRNG, so every simulation is the same on every run. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, normal, int: (n: number) => Math.floor(next() * n) };
}
