import type { CourseDef } from '../model/content-model';
import type { ExistingContent, ImportPlan } from './import-plan';
import type { ImportCounts } from './import-summary';

/** One line per course: its size and what the import does to it. */
export function progressLine(course: CourseDef, before: ImportCounts, after: ImportCounts): string {
  const delta = (key: keyof ImportCounts) => after[key] - before[key];
  const changes = [
    delta('coursesAdded') ? 'new course' : delta('coursesUpdated') ? 'course updated' : '',
    delta('lessonsAdded') ? `+${delta('lessonsAdded')} lessons` : '',
    delta('lessonsUpdated') ? `${delta('lessonsUpdated')} lessons updated` : '',
    delta('questionsAdded') ? `+${delta('questionsAdded')} questions` : '',
    delta('questionsVersioned') ? `${delta('questionsVersioned')} new question versions` : '',
    delta('questionsMoved') ? `${delta('questionsMoved')} questions moved here` : '',
  ].filter(Boolean);
  const size = `${course.lessons.length} lessons, ${course.questions.length} questions`;
  return `${course.id} (${size}): ${changes.length ? changes.join(', ') : 'unchanged'}`;
}

/** Which ids changed, so whoever runs the import can see exactly what it did. */
export function detailLines(plan: ImportPlan, existing: ExistingContent): string[] {
  const versioned = plan.questions.versions
    .filter((v) => existing.questions.has(v.questionId))
    .map((v) => `${v.questionId} → v${v.version}`);
  const lists: Array<[string, string[]]> = [
    ['new question versions', versioned],
    ['retired courses', plan.courses.retire],
    ['retired lessons', plan.lessons.retire],
    ['retired questions', plan.questions.retire],
  ];
  return lists.filter(([, ids]) => ids.length > 0).map(([label, ids]) => `${label}: ${ids.join(', ')}`);
}
