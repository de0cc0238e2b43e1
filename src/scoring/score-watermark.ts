/**
 * The evidence watermark of a capability_scores row: min("asOf", "computedAt"). "asOf" bounds the
 * time-stamped evidence read (answers, completions, attendance up to it); "computedAt" is taken just
 * before the computing statement, so the statement saw every change committed before it (on
 * PostgreSQL its snapshot is later still). A row with a later watermark was computed from newer
 * evidence. A future "asOf" reads nothing newer than the statement, hence the min.
 */
const mark = (table: string) =>
  `CASE WHEN ${table}."asOf" < ${table}."computedAt" THEN ${table}."asOf" ELSE ${table}."computedAt" END`;

/**
 * The WHERE of the upsert's DO UPDATE: a write replaces a stored row only when it was computed from
 * evidence at least as new, so a full-run chunk computed before an event never writes back an older
 * score. On PostgreSQL the condition is checked against the latest committed row (ON CONFLICT locks
 * it), so two concurrent writers cannot both win. Equal watermarks replace (a re-run is idempotent).
 */
export const newerEvidenceOnly = (table: string): string => ` WHERE ${mark('excluded')} >= ${mark(table)}`;
