const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100 };

/** 「二十二」→ 22, 「十」→ 10, 「一百零五」→ 105; null when the text is not a Chinese numeral. */
export function parseChineseNumber(text: string): number | null {
  if (!text) return null;
  let total = 0;
  let digit: number | null = null;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      total += (digit ?? 1) * UNITS[ch];
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

const NAMES = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 22 → 「二十二」, 10 → 「十」 (1..99, as article numbers are written). */
export function toChineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return NAMES[ones];
  return `${tens === 1 ? '' : NAMES[tens]}十${ones === 0 ? '' : NAMES[ones]}`;
}
