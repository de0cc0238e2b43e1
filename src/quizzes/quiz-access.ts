import { EntityManager, IsNull } from 'typeorm';
import type { Principal } from '../auth/principal';
import { rawRows } from '../database/sql/raw-sql';
import { Quiz } from './entities/quiz.entity';
import { inUnitSubtree } from '../database/sql/unit-subtree';
import { QuizErrors } from './quizzes.errors';

/** Staff see every quiz; an officer sees course quizzes and the exams whose audience includes them. */
export async function loadQuizFor(em: EntityManager, me: Principal, quizId: string): Promise<Quiz> {
  const quiz = await em.findOneBy(Quiz, { id: quizId, retiredAt: IsNull() });
  if (!quiz || !(await inAudience(em, me, quiz))) throw QuizErrors.quizNotFound();
  return quiz;
}

/** Whether the person may see the quiz at all (an exam's audience; every course quiz). */
export async function inAudience(em: EntityManager, me: Principal, quiz: Quiz): Promise<boolean> {
  if (quiz.kind !== 'exam' || me.role !== 'officer' || !quiz.audience) return true;
  if (!quiz.audience.roles.includes(me.role)) return false;
  if (quiz.audience.units.length === 0) return true;
  // The officer's unit and its ancestors: the ids in its materialised path.
  const rows = await rawRows<{ name: string }>(
    em,
    `SELECT a."name" FROM units u JOIN units a ON ${inUnitSubtree('u."path"', 'a."path"')} WHERE u."id" = :unitId`,
    { unitId: me.unitId },
  );
  return rows.some((r) => quiz.audience!.units.includes(r.name));
}
