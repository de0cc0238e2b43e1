/**
 * What "nothing half-written" means, as queries whose rows are violations. Each group of rows that
 * one transaction writes together is checked both ways. When a feature adds such a group (quiz
 * attempts: a finished attempt with its score, 学时 and outbox event), add its queries here.
 */
export interface IntegrityCheck {
  name: string;
  /** Returns one row per violation (SQLite SQL). */
  sql: string;
}

const completionCount = (table: string, condition: string) => `(SELECT COUNT(*) FROM ${table} WHERE ${condition})`;

export const INTEGRITY_CHECKS: IntegrityCheck[] = [
  // A course completion: progress row(s), completion, 学时 entry, certificate and outbox event together.
  {
    name: 'completion without exactly one 学时 entry',
    sql: `SELECT cc.id FROM course_completions cc WHERE ${completionCount('credit_entries ce', "ce.sourceType = 'course' AND ce.sourceId = cc.id")} <> 1`,
  },
  {
    name: 'completion without exactly one certificate',
    sql: `SELECT cc.id FROM course_completions cc WHERE ${completionCount('certificates c', 'c.completionId = cc.id')} <> 1`,
  },
  {
    name: 'completion without exactly one course.completed outbox event',
    sql: `SELECT cc.id FROM course_completions cc WHERE ${completionCount('outbox_events o', "o.type = 'course.completed' AND json_extract(o.payload, '$.completionId') = cc.id")} <> 1`,
  },
  {
    name: 'completion without the lesson read that completed it',
    sql: `SELECT cc.id FROM course_completions cc WHERE NOT EXISTS (
            SELECT 1 FROM lesson_progress lp JOIN lessons l ON l.id = lp.lessonId WHERE lp.userId = cc.userId AND l.courseId = cc.courseId)`,
  },
  {
    name: '学时 entry without its completion',
    sql: "SELECT ce.id FROM credit_entries ce WHERE ce.sourceType = 'course' AND NOT EXISTS (SELECT 1 FROM course_completions cc WHERE cc.id = ce.sourceId)",
  },
  {
    name: 'certificate without its completion',
    sql: 'SELECT c.id FROM certificates c WHERE NOT EXISTS (SELECT 1 FROM course_completions cc WHERE cc.id = c.completionId)',
  },
  {
    name: 'course.completed outbox event without its completion',
    sql: `SELECT o.id FROM outbox_events o WHERE o.type = 'course.completed'
            AND NOT EXISTS (SELECT 1 FROM course_completions cc WHERE cc.id = json_extract(o.payload, '$.completionId'))`,
  },
  // An assignment: the assignment, its targets and its audit row together.
  { name: 'assignment without targets', sql: 'SELECT a.id FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM assignment_targets t WHERE t.assignmentId = a.id)' },
  { name: 'assignment target without its assignment', sql: 'SELECT t.id FROM assignment_targets t WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.id = t.assignmentId)' },
  {
    name: 'assignment without its audit row',
    sql: "SELECT a.id FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM audit_logs g WHERE g.action = 'assignment.create' AND g.entityId = a.id)",
  },
  // A user created through the API: the user and its audit row together.
  {
    name: 'user created through the API without its audit row',
    sql: "SELECT u.id FROM users u WHERE u.username LIKE 'dur_%' AND NOT EXISTS (SELECT 1 FROM audit_logs g WHERE g.action = 'user.create' AND g.entityId = u.id)",
  },
];
