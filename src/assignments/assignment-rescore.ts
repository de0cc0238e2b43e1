import type { EntityManager } from 'typeorm';
import { rawRows } from '../database/sql/raw-sql';
import { ASSIGNMENT_CHANGED, type AssignmentChangedPayload } from '../outbox/outbox.events';
import type { OutboxService } from '../outbox/outbox.service';
import { membershipParams, membershipSql } from './assignment-members.sql';

/**
 * An assignment change alters its members' required courses (必修课程完成 x/y in their capability
 * breakdown). One outbox event per member, written in the change's own transaction, so the scoring
 * worker recomputes exactly those officers soon after the commit instead of at the next nightly run.
 * Members as the organisation is now; a cancelled assignment keeps its targets, so cancel reaches the
 * same officers.
 */
export async function queueMemberRescore(
  em: EntityManager,
  outbox: OutboxService,
  assignmentId: string,
  change: AssignmentChangedPayload['change'],
): Promise<number> {
  const filter = { assignmentIds: [assignmentId] };
  const rows = await rawRows<{ userId: string }>(
    em,
    `SELECT DISTINCT s."userId" FROM (${membershipSql(filter)}) s ORDER BY s."userId"`,
    membershipParams(filter),
  );
  return outbox.appendMany(
    em,
    ASSIGNMENT_CHANGED,
    rows.map((r) => ({ userId: r.userId, assignmentId, change })),
  );
}
