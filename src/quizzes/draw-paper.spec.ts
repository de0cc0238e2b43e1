import { join } from 'node:path';
import { loadContent } from '../content/loader/load-content';
import { poolOf } from '../content/quiz/check-quiz';
import { drawPaper, familyKey, ruleCapacity, type PoolQuestion } from './draw-paper';
import { quizRulesOf } from '../content/quiz/quiz-definition';

const q = (id: string, extra: Partial<PoolQuestion> = {}): PoolQuestion => ({
  id,
  courseId: 'c',
  type: 'single',
  dimension: 'acceptance',
  difficulty: 1,
  family: null,
  articles: [22],
  ...extra,
});

describe('drawPaper', () => {
  it('should honour every rule and never take two questions of one family', () => {
    const pool = [
      q('a1', { family: 'x' }),
      q('a2', { family: 'x' }),
      q('a3', { family: 'x' }),
      q('b1', { dimension: 'order', type: 'truefalse' }),
      q('b2', { dimension: 'order', type: 'truefalse' }),
      q('c1', { difficulty: 3, articles: [30] }),
      q('c2', { difficulty: 3, articles: [31] }),
    ];
    for (let i = 0; i < 200; i++) {
      const paper = drawPaper(pool, [
        { count: 2, dimension: 'order' },
        { count: 1, articles: [30, 31], difficulty: [3] },
        { count: 1, dimension: 'acceptance' },
      ]);
      expect(paper).not.toBeNull();
      expect(paper!.filter((p) => p.dimension === 'order')).toHaveLength(2);
      expect(new Set(paper!.map(familyKey)).size).toBe(paper!.length);
      expect(new Set(paper!.map((p) => p.id)).size).toBe(4);
    }
  });

  it('should count one question per family as a rule’s capacity and fail when a rule cannot be met', () => {
    const pool = [q('a1', { family: 'x' }), q('a2', { family: 'x' }), q('a3')];
    expect(ruleCapacity({ count: 3 }, pool)).toBe(2);
    expect(drawPaper(pool, [{ count: 3 }])).toBeNull();
  });

  it('should treat equal family names in different courses as different families', () => {
    expect(familyKey(q('a', { family: 'x', courseId: 'c1' }))).not.toBe(
      familyKey(q('b', { family: 'x', courseId: 'c2' })),
    );
  });
});

describe('papers from the shipped content', () => {
  const { raw, tree, problems } = loadContent(join(__dirname, '..', '..', 'content'));

  it('should be valid content', () => {
    expect(problems).toEqual([]);
  });

  it('should never draw two questions of one family in 300 papers of every course quiz and exam', () => {
    const quizzes = [
      ...tree.courses
        .filter((c) => c.quiz)
        .map((c) => ({
          id: c.id,
          rules: quizRulesOf(c.quiz as unknown as Record<string, unknown>, c.passMark),
          pool: poolOf(c.id, raw.courses.find((r) => r.folder === c.id)!.questions),
        })),
      ...tree.exams.map((e) => ({
        id: e.id,
        rules: e.rules,
        pool: raw.courses.flatMap((r) => poolOf(r.folder, r.questions)),
      })),
    ];
    expect(quizzes.length).toBeGreaterThanOrEqual(6);
    for (const quiz of quizzes) {
      for (let i = 0; i < 300; i++) {
        const paper = drawPaper(quiz.pool, quiz.rules.draw);
        expect(paper).not.toBeNull();
        expect(paper).toHaveLength(quiz.rules.questionCount);
        const families = paper!.filter((p) => p.family !== null).map(familyKey);
        expect({ quiz: quiz.id, duplicates: families.filter((f, j) => families.indexOf(f) !== j) }).toEqual({
          quiz: quiz.id,
          duplicates: [],
        });
      }
    }
  });
});
