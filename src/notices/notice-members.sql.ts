/**
 * Who a notice is for, from its targets and the organisation as it is now: named users; everyone with
 * a role; everyone in a unit (or its subtree), narrowed to a role when the target carries one.
 * Disabled users never. One SELECT per target kind joined by UNION (which also removes duplicates).
 * Parameters: `:nYes`, `:nNo`, and `:...nNoticeIds` and/or `:nUserId`.
 */
export function noticeMembersSql(f: { noticeIds?: boolean; userId?: boolean }): string {
  const where = [`u."disabled" = :nNo`, ...(f.noticeIds ? [`t."noticeId" IN (:...nNoticeIds)`] : []), ...(f.userId ? [`u."id" = :nUserId`] : [])].join(' AND ');
  const roleOk = `(t."role" IS NULL OR u."role" = t."role")`;
  const select = `SELECT t."noticeId" AS "noticeId", u."id" AS "userId" FROM notice_targets t`;
  return [
    `${select} JOIN users u ON u."id" = t."userId" WHERE t."kind" = 'user' AND ${where}`,
    `${select} JOIN users u ON u."role" = t."role" WHERE t."kind" = 'role' AND ${where}`,
    `${select} JOIN users u ON u."unitId" = t."unitId" WHERE t."kind" = 'unit' AND t."includeSubtree" = :nNo AND ${roleOk} AND ${where}`,
    `${select} JOIN units tu ON tu."id" = t."unitId" JOIN units uu ON uu."path" LIKE (tu."path" || '%')` +
      ` JOIN users u ON u."unitId" = uu."id" WHERE t."kind" = 'unit' AND t."includeSubtree" = :nYes AND ${roleOk} AND ${where}`,
  ].join(' UNION ');
}
