import type { SqlDialect } from './sql-dialect';

/**
 * The breakdown's 「拉低该维度的条款」 for ONE officer (docs/scoring.md, "The breakdown"): the same
 * evidence the score counts (first answer to each question version up to :asOf, informative items
 * only, right = full credit), joined to the articles the question cites (content_citations), grouped
 * per (dimension, article) in one statement. Only articles with at least one wrong first answer come
 * back. Article numbers and counts only: no stems, options or keys leave this query.
 * Parameters: :userId, :asOf.
 */
export function weakArticlesSql(d: SqlDialect): string {
  const first =
    `SELECT e."questionId", e."versionId", e."dimension", e."credit",` +
    ` ROW_NUMBER() OVER (PARTITION BY e."versionId" ORDER BY e."finishedAt", e."attemptId") AS "rn"` +
    ` FROM scoring_evidence e WHERE e."userId" = :userId AND e."finishedAt" <= :asOf`;
  const options = d.postgres
    ? `json_array_length(CAST(qv."options" AS json))`
    : `json_array_length(qv."options")`;
  const wrong = `SUM(CASE WHEN f."credit" >= 1 THEN 0 ELSE 1 END)`;
  return (
    `SELECT f."dimension", cc."articleNo", COUNT(*) AS "answered", ${wrong} AS "wrong"` +
    ` FROM (${first}) f JOIN question_versions qv ON qv."id" = f."versionId"` +
    ` JOIN content_citations cc ON cc."kind" = 'question' AND cc."itemId" = f."questionId"` +
    // a multiple choice of 2 options cannot be missed by a guesser: the model counts it nowhere (informative())
    ` WHERE f."rn" = 1 AND NOT (qv."type" = 'multiple' AND ${options} <= 2)` +
    ` GROUP BY f."dimension", cc."articleNo" HAVING ${wrong} > 0`
  );
}

export interface WeakArticle {
  /** 条例 article number (1–50) */
  article: number;
  wrong: number;
  answered: number;
}

/** Articles shown per dimension: the ones most often wrong. */
export const WEAK_ARTICLES_PER_DIMENSION = 3;

/**
 * Rows of weakArticlesSql → per dimension the most often wrong articles first (then the larger share
 * wrong, then the article number, so the order never depends on the plan).
 */
export function weakArticlesByDimension(
  rows: ReadonlyArray<Record<string, unknown>>,
  limit = WEAK_ARTICLES_PER_DIMENSION,
): Map<string, WeakArticle[]> {
  const out = new Map<string, WeakArticle[]>();
  for (const r of rows) {
    const dimension = String(r.dimension);
    const list = out.get(dimension) ?? [];
    list.push({ article: Number(r.articleNo), wrong: Number(r.wrong), answered: Number(r.answered) });
    out.set(dimension, list);
  }
  for (const [dimension, list] of out) {
    list.sort(
      (a, b) => b.wrong - a.wrong || b.wrong / b.answered - a.wrong / a.answered || a.article - b.article,
    );
    out.set(dimension, list.slice(0, limit));
  }
  return out;
}
