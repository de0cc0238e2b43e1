import { ARTICLE_COUNT, CHAPTERS, DIMENSIONS, type Dimension } from '../dimensions';
import type { QuestionType } from '../entities/question.entity';
import { QUESTION_TYPES, type ContentTree } from '../model/content-model';

export interface ContentStats {
  courses: number;
  lessons: number;
  questions: number;
  byType: Record<QuestionType, number>;
  byDimension: Record<Dimension, number>;
  lessonsByDimension: Record<Dimension, number>;
  byDifficulty: Record<number, number>;
  byCourse: Array<{ id: string; title: string; lessons: number; questions: number }>;
  /** Index = article number (0 unused): how many questions and lessons cite it. */
  byArticle: Array<{ questions: number; lessons: number }>;
}

/** The bank has to cover the regulation well enough to draw fair quizzes and score every dimension. */
export const THRESHOLDS = {
  minQuestions: 300,
  minQuestionsPerArticle: 4,
  articles: { first: CHAPTERS[2].first, last: CHAPTERS[5].last },
  minQuestionsPerDimension: 30,
} as const;

const zeroes = <K extends string | number>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function computeStats(tree: ContentTree): ContentStats {
  const questions = tree.courses.flatMap((c) => c.questions);
  const lessons = tree.courses.flatMap((c) => c.lessons);
  const stats: ContentStats = {
    courses: tree.courses.length,
    lessons: lessons.length,
    questions: questions.length,
    byType: zeroes(QUESTION_TYPES),
    byDimension: zeroes(DIMENSIONS),
    lessonsByDimension: zeroes(DIMENSIONS),
    byDifficulty: zeroes([1, 2, 3]),
    byCourse: tree.courses.map((c) => ({
      id: c.id,
      title: c.title,
      lessons: c.lessons.length,
      questions: c.questions.length,
    })),
    byArticle: Array.from({ length: ARTICLE_COUNT + 1 }, () => ({ questions: 0, lessons: 0 })),
  };
  for (const q of questions) {
    if (q.type in stats.byType) stats.byType[q.type]++;
    if (q.dimension in stats.byDimension) stats.byDimension[q.dimension]++;
    if (q.difficulty in stats.byDifficulty) stats.byDifficulty[q.difficulty]++;
    for (const n of q.articles) if (stats.byArticle[n]) stats.byArticle[n].questions++;
  }
  for (const l of lessons) {
    if (l.dimension in stats.lessonsByDimension) stats.lessonsByDimension[l.dimension]++;
    for (const n of l.articles) if (stats.byArticle[n]) stats.byArticle[n].lessons++;
  }
  return stats;
}

/** Articles in the checked range (chapters 2 to 5) cited by too few questions. */
export function thinArticles(stats: ContentStats): number[] {
  const { first, last } = THRESHOLDS.articles;
  const thin: number[] = [];
  for (let n = first; n <= last; n++)
    {if (stats.byArticle[n].questions < THRESHOLDS.minQuestionsPerArticle) thin.push(n);}
  return thin;
}

/** Every coverage rule that fails, as a sentence; empty when the content is good enough to ship. */
export function thresholdFailures(stats: ContentStats): string[] {
  const failures: string[] = [];
  if (stats.questions < THRESHOLDS.minQuestions)
    {failures.push(`only ${stats.questions} questions (need at least ${THRESHOLDS.minQuestions})`);}
  const thin = thinArticles(stats);
  if (thin.length > 0) {
    const { first, last } = THRESHOLDS.articles;
    failures.push(
      `articles cited by fewer than ${THRESHOLDS.minQuestionsPerArticle} questions (articles ${first}-${last} must each have ${THRESHOLDS.minQuestionsPerArticle}): ${thin.join(', ')}`,
    );
  }
  for (const d of DIMENSIONS) {
    if (stats.byDimension[d] < THRESHOLDS.minQuestionsPerDimension) {
      failures.push(
        `dimension ${d} has ${stats.byDimension[d]} questions (need at least ${THRESHOLDS.minQuestionsPerDimension})`,
      );
    }
  }
  for (const t of QUESTION_TYPES) if (stats.byType[t] === 0) failures.push(`no ${t} questions`);
  return failures;
}
