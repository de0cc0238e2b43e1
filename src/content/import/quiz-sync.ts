import { EntityManager, In } from 'typeorm';
import { Quiz } from '../../quizzes/entities/quiz.entity';
import type { ContentTree } from '../model/content-model';
import { quizRulesOf } from '../quiz/quiz-definition';

type QuizRow = Omit<Quiz, 'updatedAt'>;

/** The quizzes the files define: each course's final quiz (id = course id) and each exam. */
export function quizRowsOf(tree: ContentTree): QuizRow[] {
  const courseQuizzes = tree.courses
    .filter((c) => c.quiz !== null)
    .map<QuizRow>((c) => ({
      id: c.id,
      kind: 'course',
      courseId: c.id,
      title: `${c.title} · 结业测验`,
      summary: c.summary,
      rules: quizRulesOf(c.quiz as unknown as Record<string, unknown>, c.passMark),
      audience: null,
      opensAt: null,
      closesAt: null,
      retiredAt: null,
    }));
  const exams = tree.exams.map<QuizRow>((e) => ({
    id: e.id,
    kind: 'exam',
    courseId: null,
    title: e.title,
    summary: e.summary,
    rules: e.rules,
    audience: e.audience,
    opensAt: e.opensAt ? new Date(e.opensAt) : null,
    closesAt: e.closesAt ? new Date(e.closesAt) : null,
    retiredAt: null,
  }));
  return [...courseQuizzes, ...exams];
}

/**
 * Inside the import transaction, after courses are written: a handful of rows, so every quiz is
 * written as the files say; quizzes gone from the files are retired (their attempts stay).
 */
export async function syncQuizzes(em: EntityManager, tree: ContentTree, now: Date): Promise<void> {
  const rows = quizRowsOf(tree);
  const existing = await em.find(Quiz, { select: { id: true, retiredAt: true } });
  const known = new Set(existing.map((q) => q.id));
  for (const row of rows) {
    if (known.has(row.id)) await em.update(Quiz, { id: row.id }, row);
    else await em.insert(Quiz, row);
  }
  const present = new Set(rows.map((r) => r.id));
  const gone = existing.filter((q) => !present.has(q.id) && q.retiredAt === null).map((q) => q.id);
  if (gone.length > 0) await em.update(Quiz, { id: In(gone) }, { retiredAt: now });
}
