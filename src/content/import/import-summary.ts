/** What an import did. Retired = removed from the files (kept in the database, hidden). */
export interface ImportCounts {
  coursesAdded: number;
  coursesUpdated: number;
  coursesRetired: number;
  lessonsAdded: number;
  lessonsUpdated: number;
  lessonsRetired: number;
  questionsAdded: number;
  questionsVersioned: number;
  questionsMoved: number;
  questionsRetired: number;
  articlesUpdated: number;
  /** Courses, lessons and questions whose content did not change. */
  unchanged: number;
}

export interface ImportSummary extends ImportCounts {
  /** True when the whole tree matched the last import and nothing was even compared. */
  skipped: boolean;
  treeHash: string;
}

export const emptyCounts = (): ImportCounts => ({
  coursesAdded: 0,
  coursesUpdated: 0,
  coursesRetired: 0,
  lessonsAdded: 0,
  lessonsUpdated: 0,
  lessonsRetired: 0,
  questionsAdded: 0,
  questionsVersioned: 0,
  questionsMoved: 0,
  questionsRetired: 0,
  articlesUpdated: 0,
  unchanged: 0,
});

const LABELS: Array<[keyof ImportCounts, string]> = [
  ['coursesAdded', 'courses added'],
  ['coursesUpdated', 'courses updated'],
  ['coursesRetired', 'courses retired'],
  ['lessonsAdded', 'lessons added'],
  ['lessonsUpdated', 'lessons updated'],
  ['lessonsRetired', 'lessons retired'],
  ['questionsAdded', 'questions added'],
  ['questionsVersioned', 'questions with a new version'],
  ['questionsMoved', 'questions moved to another course'],
  ['questionsRetired', 'questions retired'],
  ['articlesUpdated', 'regulation articles added or updated'],
];

/** "3 questions added, 1 questions with a new version, 410 unchanged" (or "no changes"). */
export function describeSummary(s: ImportSummary): string {
  if (s.skipped)
    {return `content unchanged since the last import (tree ${s.treeHash.slice(0, 12)}); nothing written`;}
  const parts = LABELS.filter(([key]) => s[key] > 0).map(([key, label]) => `${s[key]} ${label}`);
  return parts.length === 0
    ? `no changes (${s.unchanged} items unchanged)`
    : `${parts.join(', ')}; ${s.unchanged} unchanged`;
}
