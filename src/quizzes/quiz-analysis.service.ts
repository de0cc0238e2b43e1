import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal';
import { QuestionVersion } from '../content/entities/question-version.entity';
import { QuizAttempt } from './entities/quiz-attempt.entity';
import { analyseItems, type ItemFlag } from './item-analysis';
import { loadQuizFor } from './quiz-access';

export const FLAG_LABELS: Record<ItemFlag, string> = {
  too_easy: '过易',
  too_hard: '过难',
  negative_discrimination: '区分度为负',
  few_responses: '作答人次不足 20',
};

/** Item analysis of a quiz for trainers: per question version, over every finished attempt. */
@Injectable()
export class QuizAnalysisService {
  constructor(@InjectEntityManager() private readonly em: EntityManager) {}

  async analysis(me: Principal, quizId: string) {
    const quiz = await loadQuizFor(this.em, me, quizId);
    // Served by idx_quiz_attempts_quiz (quizId, state).
    const attempts = await this.em.find(QuizAttempt, {
      select: { id: true, userId: true, score: true, passed: true, paper: true, results: true },
      where: { quizId, state: 'finished' },
      order: { finishedAt: 'ASC', id: 'ASC' },
    });
    const analysed = attempts.map((a) => {
      const credit = new Map((a.results ?? []).map((r) => [r.q, r.credit]));
      return {
        id: a.id,
        score: Number(a.score),
        items: a.paper.map((p) => ({ key: p.v, credit: credit.get(p.q) ?? 0 })),
      };
    });
    const figures = analyseItems(analysed);
    const versions = new Map<string, QuestionVersion>();
    const ids = figures.map((f) => f.key);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.em.find(QuestionVersion, {
        select: { id: true, questionId: true, version: true, stem: true, type: true },
        where: { id: In(ids.slice(i, i + 500)) },
      });
      rows.forEach((v) => versions.set(v.id, v));
    }
    const items = figures
      .map((f) => {
        const v = versions.get(f.key);
        return {
          questionId: v?.questionId ?? '',
          versionId: f.key,
          version: v?.version ?? 0,
          type: v?.type ?? 'single',
          stem: v?.stem ?? '',
          ...f,
          flagLabels: f.flags.map((x) => FLAG_LABELS[x]),
        };
      })
      .sort((a, b) => a.questionId.localeCompare(b.questionId) || a.version - b.version);
    const n = attempts.length;
    return {
      quizId: quiz.id,
      title: quiz.title,
      attempts: n,
      officers: new Set(attempts.map((a) => a.userId)).size,
      meanScore: n ? Math.round((attempts.reduce((s, a) => s + Number(a.score), 0) / n) * 100) / 100 : null,
      passRate: n ? Math.round((attempts.filter((a) => a.passed).length / n) * 1000) / 1000 : null,
      items,
    };
  }
}
