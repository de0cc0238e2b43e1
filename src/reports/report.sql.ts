import { memberRowsSql } from '../assignments/assignment-members.sql';
import { DIMENSIONS } from '../scoring/model/capability-model';
import { inUnitSubtree, inUnitSubtreeOf } from '../database/sql/unit-subtree';
import { officersInPeriodSql, wasMemberAtSql } from '../units/membership/officers-in-period.sql';
import { capabilitySource, monthEndMeansSql, type ScoreSource } from '../scoring/period-end-scores.sql';

/**
 * Set-based SQL of the competency report, on both SQLite and PostgreSQL. Every statement is bounded
 * by the unit subtree (`:prefix` = unit path + '%', indexed by idx_units_path) and answers grouped
 * rows, never one query per officer. Common parameters: :no, :yes, :prefix, :unitId, :start, :end,
 * :memberAt (whose members are the period's officers, see officersInPeriodSql).
 */

/** The officers of the subtree for the period ("id", "unitId" at :memberAt): officersInPeriodSql. */
export const officersSql = officersInPeriodSql('subtree', 'ou');
const officerIds = `SELECT oi."id" FROM (${officersSql}) oi`;
/**
 * Whose rows a statement counts: the period's officers, with the unit they belonged to then as `un`;
 * for one officer's own drill-down (userOnly) the officer as they are now, in their current unit.
 */
const officersJoin = (userCol: string, userOnly = false) =>
  userOnly
    ? ` JOIN users u ON u."id" = ${userCol} JOIN units un ON un."id" = u."unitId"`
    : ` JOIN (${officersSql}) u ON u."id" = ${userCol} JOIN units un ON un."id" = u."unitId"`;

/** A task due before the officer joined (or while disabled) is never overdue against them. */
const joinedBy = (row: string) => wasMemberAtSql(`${row}."userId"`, `${row}."ownDueAt"`);

/**
 * Overdue (assignment, officer) pairs per officer of the subtree, by the assignments' status rule.
 * Parameters of memberRowsSql: :mNo, :mYes, :now, :graceCutoff, :scopePrefix (= :prefix).
 */
export const overdueByOfficerSql = (): string =>
  `SELECT s."userId", COUNT(*) AS "n" FROM (${memberRowsSql({ scopePrefix: 'x' })}) s JOIN users ox ON ox."id" = s."userId"` +
  ` WHERE s."status" = 'overdue' AND ox."role" = 'officer' AND ${joinedBy('s')} GROUP BY s."userId"`;

/** 学时 earned in the period per officer. */
const hoursByOfficer = `SELECT ce."userId", SUM(ce."hours") AS "hours" FROM credit_entries ce WHERE ce."earnedAt" >= :start AND ce."earnedAt" < :end GROUP BY ce."userId"`;

export interface OfficerListFilter {
  /** A unit in the subtree: only its own subtree. */
  subPrefix?: boolean;
  status?: 'met' | 'below' | 'unscored';
  band?: ScoreBand;
  overdue?: 'yes' | 'no';
}

export const SCORE_BANDS = {
  '0-60': [0, 60],
  '60-75': [60, 75],
  '75-90': [75, 90],
  '90-100': [90, 100.01],
} as const;
export type ScoreBand = keyof typeof SCORE_BANDS;
export const OFFICER_SORTS = {
  name: 'u."name"',
  unit: 'un."name"',
  score: 'cs."score"',
  overdue: 'COALESCE(od."n", 0)',
  hours: 'COALESCE(hr."hours", 0)',
} as const;
export type OfficerSort = keyof typeof OFFICER_SORTS;

function officerWhere(f: OfficerListFilter): string {
  // pu (officersSql) already holds the period's officers of the subtree.
  const parts = ['1 = 1'];
  if (f.subPrefix) parts.push(inUnitSubtreeOf('un."path"', 'subPrefix'));
  // cap-2: 达标 is the stored meetsTarget (interval rule); a NULL score is 未评定, never below the mark
  if (f.status === 'met') parts.push(`cs."meetsTarget" = :yes`);
  if (f.status === 'below') parts.push(`cs."score" IS NOT NULL AND cs."meetsTarget" = :no`);
  if (f.status === 'unscored') parts.push(`cs."score" IS NULL`);
  if (f.band) parts.push(`cs."score" >= :bandLow AND cs."score" < :bandHigh`);
  if (f.overdue === 'yes') parts.push(`od."n" > 0`);
  if (f.overdue === 'no') parts.push(`od."n" IS NULL`);
  return parts.join(' AND ');
}

/**
 * The officer list's joins. od and hr hold at most one row per officer, so a count that neither
 * filters on overdue nor shows 学时 leaves them out (each is a pass over the whole subtree, ~200 ms at
 * 10,000 officers) and still counts the same rows.
 */
const officerFrom = (o: { overdue: boolean; hours: boolean; source: ScoreSource; rates?: boolean }) =>
  ` FROM (${officersSql}) pu JOIN users u ON u."id" = pu."id" JOIN units un ON un."id" = pu."unitId" LEFT JOIN ${capabilitySource(o.source)} cs ON cs."userId" = u."id"` +
  // the month-end rows hold no course / attendance rates: those stay the live table's (lv)
  (o.rates && o.source === 'periodEnd' ? ` LEFT JOIN capability_scores lv ON lv."userId" = u."id"` : '') +
  (o.overdue ? ` LEFT JOIN (${overdueByOfficerSql()}) od ON od."userId" = u."id"` : '') +
  (o.hours ? ` LEFT JOIN (${hoursByOfficer}) hr ON hr."userId" = u."id"` : '');

/**
 * One page of officers with score, dimensions, course and attendance rates, 学时 and overdue count.
 * `joined: false` (only when neither sorting nor filtering needs them) leaves 学时 and overdue at 0
 * for the caller to fill from officerExtrasSql for the page's officers. `source` 'periodEnd' (an
 * ended period, :scoreMonth): score, dimensions, 达标 and the score filters/sort as of the period end.
 */
export function officerPageSql(
  f: OfficerListFilter,
  sort: OfficerSort,
  dir: 'asc' | 'desc',
  paged: boolean,
  joined = true,
  source: ScoreSource = 'live',
): string {
  const dims = DIMENSIONS.map((d) => `cs."${d}Mastery"`).join(', ');
  const rates = source === 'live' ? 'cs' : 'lv';
  // NULL scores sort last either way, the same on both databases.
  const order = `CASE WHEN ${OFFICER_SORTS[sort]} IS NULL THEN 1 ELSE 0 END, ${OFFICER_SORTS[sort]} ${dir.toUpperCase()}, u."name", u."id"`;
  return (
    `SELECT u."id", u."name", u."username", un."id" AS "unitId", un."name" AS "unitName", cs."score", ${dims},` +
    ` ${rates}."courseRate", ${rates}."attendanceRate", ${rates}."attendanceCount",` +
    (joined
      ? ` COALESCE(hr."hours", 0) AS "hours", COALESCE(od."n", 0) AS "overdue"`
      : ` 0 AS "hours", 0 AS "overdue"`) +
    // A joined page computes every matching row anyway (to sort or filter by overdue/学时): the total
    // comes with it, instead of a second pass over the subtree's assignments for the count.
    (joined && paged ? `, COUNT(*) OVER () AS "total"` : '') +
    officerFrom({ overdue: joined, hours: joined, source, rates: true }) +
    ` WHERE ${officerWhere(f)} ORDER BY ${order}` +
    (paged ? ` LIMIT :limit OFFSET :offset` : '')
  );
}

/** 学时 of the period and overdue tasks for the listed officers (:...ids) only: a page's columns without a pass over the subtree. */
export const officerHoursSql = `${hoursByOfficer.replace(' GROUP BY', ' AND ce."userId" IN (:...ids) GROUP BY')}`;
export const officerOverdueSql = (): string =>
  `SELECT s."userId", COUNT(*) AS "n" FROM (${memberRowsSql({ scopePrefix: 'x' })}) s WHERE s."status" = 'overdue' AND ${joinedBy('s')} AND s."userId" IN (:...ids) GROUP BY s."userId"`;

export const officerCountSql = (f: OfficerListFilter, source: ScoreSource = 'live'): string =>
  `SELECT COUNT(*) AS "n"${officerFrom({ overdue: f.overdue !== undefined, hours: false, source })} WHERE ${officerWhere(f)}`;

/**
 * Rows grouped per unit of the subtree (`inner`, with a "unitId" column) mapped to the direct child
 * unit they lie under (the unit itself for its own rows). Grouping per unit first keeps the path
 * match to (units × children) instead of (rows × children).
 */
const byChild = (inner: string, sums: string, extraGroup = '') =>
  `SELECT COALESCE(c."id", :unitId) AS "unitId"${extraGroup ? `, g.${extraGroup}` : ''}, ${sums} FROM (${inner}) g JOIN units gu ON gu."id" = g."unitId"` +
  ` LEFT JOIN units c ON c."parentId" = :unitId AND ${inUnitSubtree('gu."path"', 'c."path"')} GROUP BY COALESCE(c."id", :unitId)${extraGroup ? `, g.${extraGroup}` : ''}`;

/**
 * Officers of the subtree grouped by the direct child unit they belong to (own officers of the unit
 * itself group under the unit): officers, scored, mean score, met, officers with an overdue task.
 * Scores as of the period end for an ended period (`source` 'periodEnd', :scoreMonth).
 */
export const subUnitRankingSql = (source: ScoreSource = 'live'): string =>
  byChild(
    `SELECT pu."unitId", COUNT(*) AS "officers", COUNT(cs."score") AS "scored", SUM(cs."score") AS "scoreSum",` +
      ` SUM(CASE WHEN cs."meetsTarget" = :yes THEN 1 ELSE 0 END) AS "met", SUM(CASE WHEN od."n" > 0 THEN 1 ELSE 0 END) AS "overdue"` +
      ` FROM (${officersSql}) pu LEFT JOIN ${capabilitySource(source)} cs ON cs."userId" = pu."id" LEFT JOIN (${overdueByOfficerSql()}) od ON od."userId" = pu."id"` +
      ` GROUP BY pu."unitId"`,
    `SUM(g."officers") AS "officers", SUM(g."scored") AS "scored", CASE WHEN SUM(g."scored") > 0 THEN 1.0 * SUM(g."scoreSum") / SUM(g."scored") END AS "scoreAvg",` +
      ` SUM(g."met") AS "met", SUM(g."overdue") AS "overdue"`,
  );

/**
 * Share correct per (article, direct child unit): Σ credit / answers of quiz evidence in the period
 * on questions citing the article (content_citations). :dimension / :userId narrow it when given.
 */
export function articleHeatSql(o: { dimension?: boolean; userId?: boolean; byChild: boolean }): string {
  const inner =
    `SELECT cc."articleNo", u."unitId", SUM(e."credit") AS "correct", COUNT(*) AS "answers"` +
    ` FROM scoring_evidence e${officersJoin('e."userId"', o.userId)}` +
    ` JOIN content_citations cc ON cc."kind" = 'question' AND cc."itemId" = e."questionId"` +
    ` WHERE ${o.userId ? `u."role" = 'officer' AND ` : ''}${inUnitSubtreeOf('un."path"', 'prefix')} AND e."finishedAt" >= :start AND e."finishedAt" < :end` +
    (o.dimension ? ` AND e."dimension" = :dimension` : '') +
    (o.userId ? ` AND e."userId" = :userId` : '') +
    ` GROUP BY cc."articleNo", u."unitId"`;
  if (!o.byChild) {
    return `SELECT g."articleNo", :unitId AS "unitId", SUM(g."correct") AS "correct", SUM(g."answers") AS "answers" FROM (${inner}) g GROUP BY g."articleNo"`;
  }
  return byChild(inner, `SUM(g."correct") AS "correct", SUM(g."answers") AS "answers"`, '"articleNo"');
}

/** The questions citing one article, with share correct in the subtree (stems only: never keys). */
export const articleQuestionsSql = (userFilter: boolean): string =>
  `SELECT q."id", qv."stem", q."dimension", q."difficulty", q."courseId", COALESCE(ev."correct", 0) AS "correct", COALESCE(ev."answers", 0) AS "answers"` +
  ` FROM content_citations cc JOIN questions q ON q."id" = cc."itemId" JOIN question_versions qv ON qv."id" = q."currentVersionId"` +
  ` LEFT JOIN (SELECT e."questionId", SUM(e."credit") AS "correct", COUNT(*) AS "answers" FROM scoring_evidence e${officersJoin('e."userId"', userFilter)}` +
  ` WHERE ${userFilter ? `u."role" = 'officer' AND ` : ''}${inUnitSubtreeOf('un."path"', 'prefix')} AND e."finishedAt" >= :start AND e."finishedAt" < :end` +
  (userFilter ? ` AND e."userId" = :userId` : '') +
  ` GROUP BY e."questionId") ev ON ev."questionId" = q."id"` +
  ` WHERE cc."kind" = 'question' AND cc."articleNo" = :articleNo AND q."retiredAt" IS NULL ORDER BY q."id"`;

/** Lessons (and their courses) citing the articles: what to assign for a weak article. */
export const lessonsForArticlesSql = `SELECT DISTINCT l."id", l."title", l."courseId", c."title" AS "courseTitle", c."sortOrder", l."sortOrder" AS "lessonOrder", cc."articleNo"
  FROM content_citations cc JOIN lessons l ON l."id" = cc."itemId" JOIN courses c ON c."id" = l."courseId"
  WHERE cc."kind" = 'lesson' AND cc."articleNo" IN (:...articles) AND l."retiredAt" IS NULL AND c."retiredAt" IS NULL
  ORDER BY c."sortOrder", l."sortOrder"`;

/** Lessons of one dimension (what to assign for a weak dimension). */
export const lessonsForDimensionSql = `SELECT l."id", l."title", l."courseId", c."title" AS "courseTitle" FROM lessons l JOIN courses c ON c."id" = l."courseId"
  WHERE l."dimension" = :dimension AND l."retiredAt" IS NULL AND c."retiredAt" IS NULL ORDER BY c."sortOrder", l."sortOrder"`;

/** The trend: mean score of the subtree's officers as of each month end of :...months. */
export const monthEndTrendSql = monthEndMeansSql(officerIds);
/** The running month's point: the live mean score of the subtree's officers. */
export const liveMeanSql = `SELECT AVG(cs."score") AS "value" FROM capability_scores cs WHERE cs."userId" IN (${officerIds})`;

/** Sessions (培训班) of the period attended by at least one officer of the subtree, and attendances (人次). */
export const sessionFiguresSql = `SELECT COUNT(DISTINCT se."sessionId") AS "sessions", COUNT(*) AS "attendances"
  FROM session_enrolments se JOIN training_sessions ts ON ts."id" = se."sessionId" JOIN (${officersSql}) u ON u."id" = se."userId"
  WHERE se."attendance" IN ('present', 'late', 'left_early') AND ts."startsAt" >= :start AND ts."startsAt" < :end`;

/** Finished quiz attempts (人次) and 学时 of the subtree in the period. */
export const learningFiguresSql = `SELECT
  (SELECT COUNT(*) FROM quiz_attempts qa WHERE qa."userId" IN (${officerIds}) AND qa."state" = 'finished' AND qa."finishedAt" >= :start AND qa."finishedAt" < :end) AS "attempts",
  (SELECT COUNT(*) FROM course_completions cc WHERE cc."userId" IN (${officerIds}) AND cc."completedAt" >= :start AND cc."completedAt" < :end) AS "completions",
  (SELECT COALESCE(SUM(ce."hours"), 0) FROM credit_entries ce WHERE ce."userId" IN (${officerIds}) AND ce."earnedAt" >= :start AND ce."earnedAt" < :end) AS "hours"`;
