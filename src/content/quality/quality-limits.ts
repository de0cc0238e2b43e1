/**
 * The limits a question bank must meet to be fit for certification (issue 9), in one place.
 * content:check fails where a course crosses them; content:stats prints the figures.
 * docs/content.md explains each measure.
 */
export const QUALITY_LIMITS = {
  /** Share of single-choice items whose keyed option is strictly the longest, per course. */
  maxKeyLongestShare: 0.3,
  /** The same share among a course's difficulty-3 single-choice items. */
  maxKeyLongestShareDifficulty3: 0.4,
  /** Every multiple-choice item needs at least this many wrong options. */
  minWrongOptions: 2,
  /** Absolute-word rate in false statements may be at most this multiple of the rate in true ones. */
  maxAbsoluteWordRatio: 1.5,
  /** The absolute-word rule is judged per course only when it has this many true AND false statements. */
  minStatementsPerSide: 5,
  /** Stem + keyed text bigram Jaccard at or above this is a near-duplicate pair. */
  nearDuplicateSimilarity: 0.4,
} as const;

/**
 * Words that make a statement sweeping; test-wise candidates mark such statements false without
 * knowing the law. A statement "has" one when any of these strings occurs in it.
 */
export const ABSOLUTE_WORDS = [
  '只',
  '仅',
  '一律',
  '即可',
  '无须',
  '无需',
  '不必',
  '必须',
  '所有',
  '任何',
  '一切',
  '全部',
  '均',
  '都',
  '绝不',
  '从不',
  '一定',
] as const;

/**
 * Courses whose banks are still being rewritten: their figures are printed but the limits are not
 * enforced. The second content helper empties this list when it rewrites these courses.
 */
export const LIMIT_EXEMPT_COURSES: readonly string[] = [];
