/**
 * scoring_evidence."isFirst" (migration 1764452000000): 1 on an officer's first answer to a question
 * version, 0 on every later one. Recomputed, after an expansion, for every (officer, version) pair
 * that has a row not yet marked (NULL: just inserted), so an attempt expanded late still moves the
 * flag to the right row. Parameters: none (all) | :userId (user) | :fromId, :toId (range).
 */
export function markFirstAnswersSql(mode: 'all' | 'user' | 'range'): string {
  const t = 'scoring_evidence';
  const earlier =
    `EXISTS (SELECT 1 FROM ${t} x WHERE x."userId" = ${t}."userId" AND x."versionId" = ${t}."versionId"` +
    ` AND (x."finishedAt" < ${t}."finishedAt" OR (x."finishedAt" = ${t}."finishedAt" AND x."attemptId" < ${t}."attemptId")))`;
  const set = `UPDATE ${t} SET "isFirst" = CASE WHEN ${earlier} THEN 0 ELSE 1 END`;
  const filter =
    mode === 'user'
      ? ` AND n."userId" = :userId`
      : mode === 'range'
        ? ` AND n."userId" >= :fromId AND n."userId" <= :toId`
        : '';
  const pending = `SELECT n."userId", n."versionId" FROM ${t} n WHERE n."isFirst" IS NULL${filter}`;
  return `${set} WHERE ("userId", "versionId") IN (${pending})`;
}
