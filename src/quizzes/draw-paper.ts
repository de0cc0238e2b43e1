import type { Dimension } from '../content/dimensions';
import type { QuestionType } from '../content/entities/question.entity';
import type { DrawRule } from '../content/quiz/quiz-definition';

/** What a draw needs to know of a question (its current version). */
export interface PoolQuestion {
  id: string;
  courseId: string;
  type: QuestionType;
  dimension: Dimension;
  difficulty: number;
  family: string | null;
  articles: number[];
}

export function matchesRule(rule: DrawRule, q: PoolQuestion): boolean {
  if (rule.courses && !rule.courses.includes(q.courseId)) return false;
  if (rule.dimension && rule.dimension !== q.dimension) return false;
  if (rule.type && rule.type !== q.type) return false;
  if (rule.difficulty && !rule.difficulty.includes(q.difficulty)) return false;
  if (rule.articles && !q.articles.some((a) => rule.articles!.includes(a))) return false;
  return true;
}

/** Questions of one family test one fact; a question without a family is a family of its own. */
export const familyKey = (q: PoolQuestion): string =>
  q.family ? `f:${q.courseId}:${q.family}` : `q:${q.id}`;

/** How many questions a rule could contribute at most: one per family among its matches. */
export function ruleCapacity(rule: DrawRule, pool: PoolQuestion[]): number {
  return new Set(pool.filter((q) => matchesRule(rule, q)).map(familyKey)).size;
}

export function shuffle<T>(items: T[], random: () => number = Math.random): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * Draws a paper: for each rule (most constrained first) `count` random questions that match it,
 * never a question twice and never two of one family. Overlapping rules can make a greedy pick fail
 * where another order of picks would succeed, so it tries again a few times. Null when it cannot.
 */
export function drawPaper<T extends PoolQuestion>(
  pool: T[],
  rules: DrawRule[],
  random: () => number = Math.random,
  tries = 20,
): T[] | null {
  const ordered = [...rules]
    .map((rule) => ({ rule, size: pool.filter((q) => matchesRule(rule, q)).length }))
    .sort((a, b) => a.size - b.size)
    .map((x) => x.rule);
  for (let t = 0; t < tries; t++) {
    const paper = drawOnce(pool, ordered, random);
    if (paper) return paper;
  }
  return null;
}

function drawOnce<T extends PoolQuestion>(pool: T[], rules: DrawRule[], random: () => number): T[] | null {
  const taken = new Set<string>();
  const families = new Set<string>();
  const paper: T[] = [];
  for (const rule of rules) {
    let need = rule.count;
    for (const q of shuffle(
      pool.filter((p) => matchesRule(rule, p)),
      random,
    )) {
      if (need === 0) break;
      if (taken.has(q.id) || families.has(familyKey(q))) continue;
      taken.add(q.id);
      families.add(familyKey(q));
      paper.push(q);
      need--;
    }
    if (need > 0) return null;
  }
  return paper;
}
