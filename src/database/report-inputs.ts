/**
 * The tables the competency dashboard's snapshot is computed from (src/reports/report.sql.ts, the
 * indicator SQL and the assignment membership it reuses). A committed change to any of them moves
 * `report_generation` on (triggers of migration 1764410000000-ReportSnapshots), which makes every
 * stored snapshot out of date. `columns`: only updates of these columns count (a sign-in writes
 * users.lastLoginAt, an autosave quiz_attempts.answers: neither changes a report).
 *
 * Changing this list changes no database by itself: add a migration that creates (or drops) the
 * triggers with createReportTriggers and its own fixed list. test/report-snapshots fails until then.
 *
 * Not listed, on purpose: scoring_evidence (rewritten only by the scoring job, which then upserts the
 * officer's capability_scores row in its next transaction: that bump covers it, and a trigger per
 * evidence row would cost the first full run seconds per million answers); indicator_values (the
 * trend is read live; a closed period's values are written with its indicator_periods row);
 * capability_period_scores (derived from scoring_evidence up to a past month end, which no longer
 * changes; written once per month end, or again when a period is reopened, which moves indicator_periods).
 */
export interface ReportInput {
  table: string;
  columns?: string[];
}

export const REPORT_INPUTS: ReportInput[] = [
  { table: 'users', columns: ['role', 'unitId', 'disabled'] },
  { table: 'units' },
  { table: 'unit_memberships' },
  { table: 'capability_scores' },
  { table: 'content_citations' },
  { table: 'courses' },
  { table: 'assignments' },
  { table: 'assignment_targets' },
  { table: 'course_completions' },
  { table: 'credit_entries' },
  {
    table: 'quiz_attempts',
    columns: ['state', 'score', 'passed', 'finishedAt', 'results', 'userId', 'quizId'],
  },
  { table: 'training_sessions' },
  { table: 'session_enrolments' },
  { table: 'indicator_imports' },
  { table: 'indicator_targets' },
  { table: 'indicator_scoped_targets' },
  { table: 'indicator_periods' },
];

export const reportTriggerName = (table: string): string => `trg_report_gen_${table}`;
