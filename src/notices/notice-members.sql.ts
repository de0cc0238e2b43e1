import { targetMembersSql } from '../database/sql/target-members.sql';

/**
 * Who a notice is for, from its targets and the organisation as it is now: named users; everyone with
 * a role; everyone in a unit (or its subtree), narrowed to a role when the target carries one.
 * Disabled users never. One SELECT per target kind joined by UNION (which also removes duplicates).
 * Parameters: `:nYes`, `:nNo`, and `:...nNoticeIds` and/or `:nUserId`.
 */
export function noticeMembersSql(f: { noticeIds?: boolean; userId?: boolean }): string {
  const where = [
    `u."disabled" = :nNo`,
    ...(f.noticeIds ? [`t."noticeId" IN (:...nNoticeIds)`] : []),
    ...(f.userId ? [`u."id" = :nUserId`] : []),
  ].join(' AND ');
  return targetMembersSql({
    table: 'notice_targets',
    ownerColumn: 'noticeId',
    where,
    yes: 'nYes',
    no: 'nNo',
  });
}
