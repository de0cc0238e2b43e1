import { inUnitSubtree } from '../database/sql/unit-subtree';
/**
 * Officers reached by a session's target units, computed from the organisation as it is now (so
 * officers who join a target unit later are found too). Disabled users and other roles are never
 * members. Parameters: `:sid`, `:mYes`, `:mNo`.
 */
export const targetOfficersSql = `
  SELECT DISTINCT u."id" AS "userId", uu."path" AS "unitPath", u."username" AS "username", u."createdAt" AS "createdAt"
    FROM session_targets t
    JOIN units tu ON tu."id" = t."unitId"
    JOIN units uu ON (uu."id" = tu."id" OR (t."includeSubtree" = :mYes AND ${inUnitSubtree('uu."path"', 'tu."path"')}))
    JOIN users u ON u."unitId" = uu."id" AND u."role" = 'officer' AND u."disabled" = :mNo
   WHERE t."sessionId" = :sid`;

/** Open sessions (not ended, not cancelled) whose targets reach a unit path (`:userPath`). */
export const openSessionsReachingSql = `
  SELECT DISTINCT s."id" AS "id"
    FROM training_sessions s
    JOIN session_targets t ON t."sessionId" = s."id"
    JOIN units tu ON tu."id" = t."unitId"
   WHERE s."status" = 'scheduled' AND s."endsAt" > :now
     AND (tu."path" = :userPath OR (t."includeSubtree" = :mYes AND ${inUnitSubtree(':userPath', 'tu."path"')}))
     AND NOT EXISTS (SELECT 1 FROM session_enrolments e WHERE e."sessionId" = s."id" AND e."userId" = :userId)`;
