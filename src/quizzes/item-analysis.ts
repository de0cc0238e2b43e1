/**
 * Classical item analysis over finished attempts. For each question version:
 * - facility: mean credit (share correct; partial credit counts its fraction);
 * - discrimination (upper-lower 27 %): among the attempts that drew the item, ranked by score, the mean
 *   credit of the top k minus that of the bottom k, k = max(1, round(0.27 n)) (ties keep attempt order);
 * - point-biserial: the Pearson correlation of the item's credit with the attempt's rest score (the
 *   credits of the other items on the paper), so the item does not correlate with itself.
 * Flags: too_easy (facility > 0.9), too_hard (< 0.2), negative_discrimination (either index < 0),
 * few_responses (n < 20: the figures are not yet reliable).
 */
export interface AnalysedAttempt {
  id: string;
  score: number;
  items: Array<{ key: string; credit: number }>;
}

export type ItemFlag = 'too_easy' | 'too_hard' | 'negative_discrimination' | 'few_responses';

export interface ItemFigures {
  key: string;
  responses: number;
  facility: number;
  discrimination: number | null;
  pointBiserial: number | null;
  flags: ItemFlag[];
}

export const FEW_RESPONSES = 20;
const round = (x: number) => Math.round(x * 1000) / 1000;

export function analyseItems(attempts: AnalysedAttempt[]): ItemFigures[] {
  const byItem = new Map<string, Array<{ attempt: AnalysedAttempt; credit: number; rest: number }>>();
  for (const attempt of attempts) {
    const total = attempt.items.reduce((s, i) => s + i.credit, 0);
    for (const item of attempt.items) {
      const list = byItem.get(item.key) ?? [];
      list.push({ attempt, credit: item.credit, rest: total - item.credit });
      byItem.set(item.key, list);
    }
  }
  return [...byItem.entries()].map(([key, rows]) => {
    const n = rows.length;
    const facility = rows.reduce((s, r) => s + r.credit, 0) / n;
    const discrimination = n >= 2 ? upperLower(rows) : null;
    const pointBiserial = pearson(
      rows.map((r) => r.credit),
      rows.map((r) => r.rest),
    );
    const flags: ItemFlag[] = [];
    if (facility > 0.9) flags.push('too_easy');
    if (facility < 0.2) flags.push('too_hard');
    if ((discrimination !== null && discrimination < 0) || (pointBiserial !== null && pointBiserial < 0)) {
      flags.push('negative_discrimination');
    }
    if (n < FEW_RESPONSES) flags.push('few_responses');
    return {
      key,
      responses: n,
      facility: round(facility),
      discrimination: discrimination === null ? null : round(discrimination),
      pointBiserial: pointBiserial === null ? null : round(pointBiserial),
      flags,
    };
  });
}

function upperLower(rows: Array<{ attempt: AnalysedAttempt; credit: number }>): number {
  const ranked = [...rows].sort((a, b) => b.attempt.score - a.attempt.score);
  const k = Math.max(1, Math.round(0.27 * ranked.length));
  const mean = (xs: typeof ranked) => xs.reduce((s, r) => s + r.credit, 0) / xs.length;
  return mean(ranked.slice(0, k)) - mean(ranked.slice(-k));
}

/** Null when either side does not vary (everyone right, or equal rest scores). */
export function pearson(xs: number[], ys: number[]): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i++) {
    cov += (xs[i] - mx) * (ys[i] - my);
    vx += (xs[i] - mx) ** 2;
    vy += (ys[i] - my) ** 2;
  }
  return vx === 0 || vy === 0 ? null : cov / Math.sqrt(vx * vy);
}
