/**
 * What "nothing half-written" means, as queries whose rows are violations. Each group of rows that
 * one transaction writes together is checked both ways. When a feature adds such a group, add its
 * queries here (quiz attempts are at the end). The SQL runs on SQLite and PostgreSQL: identifiers
 * are double-quoted (PostgreSQL folds unquoted camelCase), JSON and booleans go through the helpers.
 */
export interface IntegrityCheck {
  name: string;
  /** Returns one row per violation. */
  sql: string;
}

export type Dialect = 'sqlite' | 'postgres';

export function integrityChecks(dialect: Dialect): IntegrityCheck[] {
  const pg = dialect === 'postgres';
  /** A text field of a JSON text column. */
  const json = (column: string, key: string) =>
    pg ? `(${column}::json ->> '${key}')` : `json_extract(${column}, '$.${key}')`;
  const jsonNumber = (column: string, key: string) =>
    pg ? `(${column}::json ->> '${key}')::float8` : json(column, key);
  const arrayLength = (column: string) =>
    pg ? `json_array_length(${column}::json)` : `json_array_length(${column})`;
  const TRUE = pg ? 'true' : '1';
  const completionCount = (table: string, condition: string) =>
    `(SELECT COUNT(*) FROM ${table} WHERE ${condition})`;

  return [
    // A course completion: progress row(s), completion, 学时 entry, certificate and outbox event together.
    {
      name: 'completion without exactly one 学时 entry',
      sql: `SELECT cc.id FROM course_completions cc WHERE ${completionCount('credit_entries ce', `ce."sourceType" = 'course' AND ce."sourceId" = cc.id`)} <> 1`,
    },
    {
      name: 'completion without exactly one certificate',
      sql: `SELECT cc.id FROM course_completions cc WHERE ${completionCount('certificates c', `c."completionId" = cc.id`)} <> 1`,
    },
    {
      name: 'completion without exactly one course.completed outbox event',
      sql: `SELECT cc.id FROM course_completions cc WHERE ${completionCount('outbox_events o', `o.type = 'course.completed' AND ${json('o.payload', 'completionId')} = cc.id`)} <> 1`,
    },
    {
      name: 'completion without the lesson read that completed it',
      sql: `SELECT cc.id FROM course_completions cc WHERE NOT EXISTS (
            SELECT 1 FROM lesson_progress lp JOIN lessons l ON l.id = lp."lessonId" WHERE lp."userId" = cc."userId" AND l."courseId" = cc."courseId")`,
    },
    {
      name: '学时 entry without its completion',
      sql: `SELECT ce.id FROM credit_entries ce WHERE ce."sourceType" = 'course' AND NOT EXISTS (SELECT 1 FROM course_completions cc WHERE cc.id = ce."sourceId")`,
    },
    {
      name: 'certificate without its completion',
      sql: `SELECT c.id FROM certificates c WHERE NOT EXISTS (SELECT 1 FROM course_completions cc WHERE cc.id = c."completionId")`,
    },
    {
      name: 'course.completed outbox event without its completion',
      sql: `SELECT o.id FROM outbox_events o WHERE o.type = 'course.completed'
            AND NOT EXISTS (SELECT 1 FROM course_completions cc WHERE cc.id = ${json('o.payload', 'completionId')})`,
    },
    // An assignment: the assignment, its targets and its audit row together.
    {
      name: 'assignment without targets',
      sql: `SELECT a.id FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM assignment_targets t WHERE t."assignmentId" = a.id)`,
    },
    {
      name: 'assignment target without its assignment',
      sql: `SELECT t.id FROM assignment_targets t WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.id = t."assignmentId")`,
    },
    {
      name: 'assignment without its audit row',
      sql: `SELECT a.id FROM assignments a WHERE NOT EXISTS (SELECT 1 FROM audit_logs g WHERE g.action = 'assignment.create' AND g."entityId" = a.id)`,
    },
    // A user created through the API: the user and its audit row together.
    {
      name: 'user created through the API without its audit row',
      sql: `SELECT u.id FROM users u WHERE u.username LIKE 'dur_%' AND NOT EXISTS (SELECT 1 FROM audit_logs g WHERE g.action = 'user.create' AND g."entityId" = u.id)`,
    },
    // A quiz attempt. Start = one insert (open, openSlot 1); submit = one transaction: the graded attempt
    // (score, passed, per-question results: a JSON column of the attempt, no table of its own), its
    // attempt.finished event and, on a pass of a course quiz, the completion with its 学时 and certificate
    // (those are checked above for every completion).
    {
      name: 'finished attempt without its score, per-question results or closing',
      sql: `SELECT a.id FROM quiz_attempts a WHERE a.state = 'finished' AND (a.score IS NULL OR a.passed IS NULL OR a."finishedAt" IS NULL
            OR a."closedBy" IS NULL OR a."openSlot" IS NOT NULL OR a.results IS NULL OR ${arrayLength('a.results')} <> ${arrayLength('a.paper')})`,
    },
    {
      name: 'open attempt with a result or without its open slot',
      sql: `SELECT a.id FROM quiz_attempts a WHERE a.state = 'open' AND ((a."openSlot" IS NULL OR a."openSlot" <> 1) OR a.score IS NOT NULL OR a."finishedAt" IS NOT NULL OR a.results IS NOT NULL)`,
    },
    {
      name: 'attempt neither open nor finished',
      sql: `SELECT a.id FROM quiz_attempts a WHERE a.state NOT IN ('open', 'finished')`,
    },
    {
      name: 'more than one open attempt per officer and quiz',
      sql: `SELECT a."userId", a."quizId" FROM quiz_attempts a WHERE a.state = 'open' GROUP BY a."userId", a."quizId" HAVING COUNT(*) > 1`,
    },
    {
      name: 'finished attempt without exactly one attempt.finished outbox event (with its score)',
      sql: `SELECT a.id FROM quiz_attempts a WHERE a.state = 'finished' AND ${completionCount(
        'outbox_events o',
        // float4 on PostgreSQL: the same score to a thousandth
        `o.type = 'attempt.finished' AND ${json('o.payload', 'attemptId')} = a.id AND ABS(${jsonNumber('o.payload', 'score')} - a.score) < 0.001`,
      )} <> 1`,
    },
    {
      name: 'attempt.finished outbox event without its finished attempt',
      sql: `SELECT o.id FROM outbox_events o WHERE o.type = 'attempt.finished'
            AND NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.id = ${json('o.payload', 'attemptId')} AND a.state = 'finished')`,
    },
    {
      // Both ways of finishing a course complete it in their own transaction: the passing submit (lessons
      // already read) and the last lesson read (quiz already passed). So read-everything + passed = completed.
      name: 'passed course-quiz attempt of an officer who read every lesson, without the course completion',
      sql: `SELECT a.id FROM quiz_attempts a JOIN quizzes q ON q.id = a."quizId"
           WHERE a.state = 'finished' AND a.passed = ${TRUE} AND q.kind = 'course' AND q."courseId" IS NOT NULL AND q."retiredAt" IS NULL
             AND NOT EXISTS (SELECT 1 FROM lessons l WHERE l."courseId" = q."courseId" AND l."retiredAt" IS NULL
                               AND NOT EXISTS (SELECT 1 FROM lesson_progress lp WHERE lp."lessonId" = l.id AND lp."userId" = a."userId"))
             AND NOT EXISTS (SELECT 1 FROM course_completions cc WHERE cc."userId" = a."userId" AND cc."courseId" = q."courseId")`,
    },
    {
      name: 'completion of a course with a quiz, without a passed attempt',
      sql: `SELECT cc.id FROM course_completions cc JOIN quizzes q ON q."courseId" = cc."courseId" AND q.kind = 'course' AND q."retiredAt" IS NULL
           WHERE NOT EXISTS (SELECT 1 FROM quiz_attempts a WHERE a."quizId" = q.id AND a."userId" = cc."userId" AND a.state = 'finished' AND a.passed = ${TRUE})`,
    },
  ];
}
